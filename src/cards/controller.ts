import { auditSummary, eventRepair } from '../audit/store';
import { authModeOf, configuredBaseUrl, type VendorSignIn } from '../auth/vendorAuth';
import { errorMessage } from '../calendar/apiErrors';
import type { CalendarEvent } from '../calendar/types';
import { initializeSyncing } from '../conference/createConference';
import { deleteRetryRequested, isQueued, resendRequested } from '../conference/lifecycle';
import { readVendorConfigFrom, readVendorEndpoint } from '../config/config';
import type { Translator } from '../i18n/translate';
import type { ConferenceDataFactory, Services } from '../platform/ports';
import { UserState } from '../state/userState';
import { syncHealth } from '../status/health';
import { upcomingMeetings } from '../status/meetings';
import {
  calendarStatuses,
  carrierEventId,
  eventConferenceStatus,
  recordForEvent,
  type VendorView,
  withEventTitles,
} from '../status/status';
import { type ConnectionTest, lookupConference, testConnection } from '../status/vendorProbe';
import { runSync, type SyncSummary } from '../sync/runSync';
import { ensureCalendarTrigger, removeCalendarTriggers } from '../triggers/triggers';
import type { VendorPort } from '../vendor/port';
import { defaultsView } from './defaultsSection';
import { buildEventCard } from './eventCard';
import { buildHubCard } from './hubCard';
import { optionsView } from './meetingOptions';
import { buildSettingsCard, connectionTestText } from './settingsCard';
import { buildStopSyncingConfirmCard, buildSyncDetailsCard, PROBLEMS_SHOWN } from './syncDetailsCard';
import { reasonText } from './text';
import { type Card, paragraph } from './widgets';

/**
 * What the card entry points do, with the services passed in (main.ts only unpacks the event
 * object and wires the real services). Every handler returns a Card or an ActionResponse and never
 * throws for expected conditions (lock busy, vendor down, calendar stopped meanwhile).
 */

/** Card actions run inside Calendar's UI (about 30 s): keep each sync short; the rest continues later. */
const CARD_SYNC_BUDGET_MS = 20_000;
export const CARD_LOCK_WAIT_MS = 5_000;

export interface AddonContext {
  /** This execution's services: `services.vendor()` carries the user's credential. */
  services: Services;
  whitelist: readonly string[];
  signIn: VendorSignIn;
  /** The raw Script Properties (read once). */
  scriptProperties: Record<string, string>;
  /** The user's language and time zone (from the event object), for every card and notification. */
  tr: Translator;
  /** Builds conference data for the open event (a card changing a meeting option the event shows). */
  conferenceData?: ConferenceDataFactory;
}

export type Params = Record<string, string | undefined>;

/** `e.commonEventObject.parameters` (current) or `e.parameters` (older hosts). */
export function actionParameters(e: unknown): Params {
  const event = (e ?? {}) as { commonEventObject?: { parameters?: Params }; parameters?: Params };
  return event.commonEventObject?.parameters ?? event.parameters ?? {};
}

/**
 * The configuration problem (for the administrator), apart from a user not being signed in: the
 * sign-in mode, then the endpoint, plus the shared key in API-key mode.
 */
export function setupProblem(ctx: AddonContext): string | undefined {
  const mode = authModeOf(ctx.scriptProperties, ctx.whitelist);
  if (mode.kind === 'invalid') return mode.problem;
  try {
    if (mode.kind === 'oauth') readVendorEndpoint(ctx.scriptProperties, ctx.whitelist);
    else readVendorConfigFrom(ctx.scriptProperties, ctx.whitelist);
    return undefined;
  } catch (error) {
    return errorMessage(error);
  }
}

/** The vendor port with the user's credential, or undefined (not set up / not signed in). */
function vendorPort(ctx: AddonContext): VendorPort | undefined {
  try {
    return ctx.services.vendor();
  } catch {
    return undefined;
  }
}

// ------------------------------------------------------------------------------------------ cards

/** The calendar triggers, or undefined when Apps Script would not list them. */
function calendarTriggers(services: Services) {
  try {
    return services.triggers.calendarTriggers();
  } catch {
    return undefined;
  }
}

/**
 * The homepage: the user's meetings this week (one Events.list per watched calendar) and the
 * sync's health in one line.
 */
export function homepageCard(ctx: AddonContext): Card {
  const { services } = ctx;
  const now = services.clock.now();
  const state = UserState.load(services.userStore);
  const { meetings, unreadable } = upcomingMeetings(services.calendar, state, now, ctx.tr.timeZone ?? 'UTC');
  const health = syncHealth(calendarStatuses(state, calendarTriggers(services)), auditSummary(state, now));
  return buildHubCard(
    {
      meetings,
      unreadable,
      health,
      signIn: ctx.signIn.status(),
      notSetUp: setupProblem(ctx) !== undefined,
    },
    ctx.tr,
  );
}

/** One level below the homepage: each watched calendar's health and its controls. */
export function syncDetailsCard(ctx: AddonContext): Card {
  const { services } = ctx;
  const titleOf = (calendarId: string, eventId: string): string | undefined => {
    try {
      return services.calendar.get(calendarId, eventId).summary ?? '';
    } catch {
      return undefined;
    }
  };
  const state = UserState.load(services.userStore);
  const statuses = calendarStatuses(state, calendarTriggers(services));
  const audit = auditSummary(state, services.clock.now());
  return buildSyncDetailsCard(
    {
      now: services.clock.now(),
      calendars: withEventTitles(statuses, PROBLEMS_SHOWN, titleOf),
      ...(audit ? { audit } : {}),
      signIn: ctx.signIn.status(),
      notSetUp: setupProblem(ctx) !== undefined,
    },
    ctx.tr,
  );
}

interface OpenedEvent {
  calendarId?: string;
  id?: string;
  recurringEventId?: string;
  conferenceData?: CalendarEvent['conferenceData'];
}

/**
 * eventOpenTrigger: `e.calendar` carries calendarId, id (the event id) and, for an occurrence,
 * recurringEventId. `known`: what the vendor just answered (no second read).
 */
export function eventCard(ctx: AddonContext, e: unknown, known?: VendorView): Card {
  const { services } = ctx;
  const opened = ((e ?? {}) as { calendar?: OpenedEvent }).calendar ?? {};
  const calendarId = opened.calendarId;
  const eventId = opened.id;
  if (typeof calendarId !== 'string' || typeof eventId !== 'string' || eventId === '') {
    return CardService.newCardBuilder()
      .setHeader(CardService.newCardHeader().setTitle(ctx.tr.t('event.title')))
      .addSection(CardService.newCardSection().addWidget(paragraph(ctx.tr.t('event.saveFirst'))))
      .build();
  }
  const seriesId = typeof opened.recurringEventId === 'string' ? opened.recurringEventId : undefined;
  const state = UserState.load(services.userStore);
  const record = recordForEvent(state.find(calendarId), eventId, seriesId);
  const lookupId = (record && carrierEventId(record, state.find(calendarId))) ?? eventId;
  let event: CalendarEvent | undefined;
  try {
    event = services.calendar.get(calendarId, lookupId);
  } catch {
    event = opened.conferenceData ? { id: eventId, conferenceData: opened.conferenceData } : undefined;
  }
  const probe = eventConferenceStatus(state, calendarId, lookupId, event, { kind: 'skipped' }, seriesId);
  let vendor: VendorView = { kind: 'skipped' };
  const port = probe.ours && probe.conferenceId ? vendorPort(ctx) : undefined;
  if (port && probe.conferenceId) vendor = known ?? lookupConference(port, probe.conferenceId);
  const repair = eventRepair(state, calendarId, lookupId);
  const target = { calendarId, eventId: lookupId, conferenceId: probe.conferenceId ?? '' };
  const options = optionsView(port, vendor, event, target);
  return buildEventCard(
    {
      now: services.clock.now(),
      status: { ...probe, vendor },
      signIn: ctx.signIn.status(),
      ...(repair ? { repair } : {}),
      ...(options ? { options } : {}),
    },
    ctx.tr,
  );
}

export function settingsCard(ctx: AddonContext, lastTest?: ConnectionTest): Card {
  const problem = setupProblem(ctx);
  const defaults = defaultsView(ctx, problem ? undefined : vendorPort(ctx));
  return buildSettingsCard(
    {
      ...(defaults ? { defaults } : {}),
      ...(configuredBaseUrl(ctx.scriptProperties)
        ? { baseUrl: configuredBaseUrl(ctx.scriptProperties) }
        : {}),
      signIn: ctx.signIn.status(),
      ...(problem ? { configProblem: problem } : {}),
      ...(lastTest ? { lastTest } : {}),
    },
    ctx.tr,
  );
}

// -------------------------------------------------------------------------------------- responses

interface Reply {
  update?: Card;
  push?: Card;
  popToRoot?: boolean;
  pop?: boolean;
  note?: string;
}

export function reply(r: Reply): GoogleAppsScript.Card_Service.ActionResponse {
  const builder = CardService.newActionResponseBuilder();
  if (r.update || r.push || r.pop || r.popToRoot) {
    const nav = CardService.newNavigation();
    if (r.popToRoot) nav.popToRoot();
    if (r.pop) nav.popCard();
    if (r.update) nav.updateCard(r.update);
    if (r.push) nav.pushCard(r.push);
    builder.setNavigation(nav);
  }
  if (r.note) builder.setNotification(CardService.newNotification().setText(r.note));
  return builder.build();
}

function calendarParam(params: Params): string | undefined {
  const id = params.calendarId;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

function syncNote(summary: SyncSummary, ctx: AddonContext, calendarId: string, full: boolean): string {
  const { tr } = ctx;
  if (summary.status === 'config-error') {
    return tr.t(ctx.signIn.status().signedIn ? 'note.notSetUp' : 'note.signInFirst');
  }
  if (summary.status === 'handed-over') return tr.t('note.handedOver');
  const cal = UserState.load(ctx.services.userStore).find(calendarId);
  const last = cal?.meta.last;
  if (cal?.meta.checkpoint) return tr.t('note.continues');
  if (last?.outcome === 'error') return tr.t('note.unfinished');
  const waiting = cal?.allRecords().filter(isQueued).length ?? 0;
  if (waiting > 0) return tr.t('note.waiting', { n: waiting });
  return tr.t(full ? 'note.checkedAll' : 'note.upToDate');
}

/** "Sync now" / "Check all events again": makes sure the calendar is watched, then syncs it (briefly). */
export function syncNowAction(ctx: AddonContext, params: Params, full: boolean) {
  const calendarId = calendarParam(params);
  if (!calendarId) return reply({ update: syncDetailsCard(ctx) });
  const { services } = ctx;
  let summary: SyncSummary;
  if (full) {
    ensureCalendarTrigger(services, calendarId);
    summary = cardSync(ctx, calendarId, 'full resync (card)', { forceFull: true });
  } else {
    // Re-creates a missing trigger (and clears a recorded setup problem); syncs if never synced.
    const init = initializeSyncing(services, calendarId, CARD_SYNC_BUDGET_MS);
    summary = init.synced ? { status: 'done', calendars: 1 } : cardSync(ctx, calendarId, 'sync now (card)');
  }
  return reply({ update: syncDetailsCard(ctx), note: syncNote(summary, ctx, calendarId, full) });
}

/**
 * A card button's sync of one calendar. `intent` is the button's change to the stored state: made
 * under the run's lock before anything is listed, and saved by the run (false: nothing to change, no
 * sync). "handed-over" then means another sync held the lock: the change was not made.
 */
export function cardSync(
  ctx: AddonContext,
  calendarId: string,
  reason: string,
  more: { intent?: (state: UserState) => boolean; forceFull?: boolean } = {},
): SyncSummary {
  const request = { calendarIds: [calendarId], budgetMs: CARD_SYNC_BUDGET_MS, lockWaitMs: CARD_LOCK_WAIT_MS };
  return runSync(ctx.services, { ...request, reason, ...more });
}

export function askStopSyncingAction(ctx: AddonContext, params: Params) {
  const calendarId = calendarParam(params);
  if (!calendarId) return reply({ update: syncDetailsCard(ctx) });
  return reply({ push: buildStopSyncingConfirmCard(calendarId, ctx.tr) });
}

/** Runs `fn` holding the user lock (the sync's), or returns false when a sync holds it too long. */
function withLock(services: Services, fn: () => void): boolean {
  if (!services.lock.tryLock(CARD_LOCK_WAIT_MS)) return false;
  try {
    fn();
  } finally {
    services.lock.release();
  }
  return true;
}

const busy = (ctx: AddonContext) => ctx.tr.t('note.busy');

/** "Stop syncing this calendar" (after the confirmation): removes its trigger and stored state. */
export function stopSyncingAction(ctx: AddonContext, params: Params) {
  const calendarId = calendarParam(params);
  if (!calendarId) return reply({ popToRoot: true, update: homepageCard(ctx) });
  const { services } = ctx;
  const done = withLock(services, () => {
    removeCalendarTriggers(services, calendarId);
    const state = UserState.load(services.userStore);
    state.forget(calendarId);
    state.save();
  });
  if (done) services.log.info({ msg: 'calendar sync stopped by the user', calendar: calendarId });
  return reply({
    popToRoot: true,
    update: homepageCard(ctx),
    note: done ? ctx.tr.t('note.stopped', { calendar: calendarId }) : busy(ctx),
  });
}

export function backAction() {
  return reply({ pop: true });
}

export function clearProblemsAction(ctx: AddonContext, params: Params) {
  const calendarId = calendarParam(params);
  const { services } = ctx;
  const done =
    !calendarId ||
    withLock(services, () => {
      const state = UserState.load(services.userStore);
      const cal = state.find(calendarId);
      if (!cal) return;
      cal.clearDeadLetters();
      state.save();
    });
  return reply({ update: syncDetailsCard(ctx), ...(done ? {} : { note: busy(ctx) }) });
}

/**
 * "Try again" for changes that could not be sent: every update the vendor refused is marked to be
 * sent again with the event's current fields, every refused removal is queued again, the list is
 * cleared, and the calendar is synced now. What fails again is listed again, with its new reason.
 */
export function retryFailedAction(ctx: AddonContext, params: Params) {
  const calendarId = calendarParam(params);
  if (!calendarId) return reply({ update: syncDetailsCard(ctx) });
  const summary = cardSync(ctx, calendarId, 'try again (card)', {
    intent: (state) => {
      const cal = state.find(calendarId);
      if (!cal) return false;
      for (const record of cal.allRecords()) {
        if (record.state === 'refused') state.book.put(resendRequested(record));
      }
      for (const letter of cal.deadLetters) {
        const { conferenceId, solutionId } = letter;
        if (letter.op !== 'delete' || !conferenceId || !solutionId || state.book.get(conferenceId)) continue;
        // Queued again: the delete gate checks every calendar the user can edit before it goes.
        const place = letter.eventId ? { cal: cal.index, eventId: letter.eventId } : undefined;
        state.book.put(deleteRetryRequested({ conferenceId, solutionId, ...(place ? { place } : {}) }));
      }
      cal.clearDeadLetters();
      return true;
    },
  });
  const note = summary.status === 'handed-over' ? busy(ctx) : syncNote(summary, ctx, calendarId, false);
  return reply({ update: syncDetailsCard(ctx), note });
}

/**
 * "Resend to vendor": marks the conference as needing an update whatever was sent before, then
 * syncs the calendar, which sends a PATCH with the event's current fields (and records the
 * outcome as any sync would: sent, waiting for a retry, or could not be sent).
 */
export function resendAction(ctx: AddonContext, params: Params) {
  const calendarId = calendarParam(params);
  const conferenceId = params.conferenceId;
  const eventId = params.eventId ?? '';
  const opened = { calendar: { calendarId, id: eventId } };
  if (!calendarId || !conferenceId) return reply({ note: ctx.tr.t('note.nothingToResend') });
  const summary = cardSync(ctx, calendarId, 'resend (card)', {
    intent: (state) => {
      const record = state.find(calendarId)?.record(conferenceId);
      if (record) state.book.put(resendRequested(record));
      return record !== undefined;
    },
  });
  if (summary.status === 'handed-over') return reply({ note: busy(ctx) });
  const cal = UserState.load(ctx.services.userStore).find(calendarId);
  const record = cal?.record(conferenceId);
  const { tr } = ctx;
  let note: string;
  if (summary.status === 'nothing-to-do') note = tr.t('note.notSynced');
  else if (summary.status === 'config-error') note = syncNote(summary, ctx, calendarId, false);
  else if (!record) note = tr.t('note.removed');
  else if (record.state === 'synced') note = tr.t('note.sent');
  else if (record.state === 'refused') {
    const last = cal?.deadLetters.filter((d) => d.conferenceId === conferenceId).pop();
    note = last ? tr.t('note.refused', { why: reasonText(tr, last) }) : tr.t('note.refusedNoReason');
  } else note = tr.t('note.unreachable');
  return reply({ update: eventCard(ctx, opened), note });
}

export function refreshAction(ctx: AddonContext, params: Params) {
  return params.push === '1' ? reply({ push: homepageCard(ctx) }) : reply({ update: homepageCard(ctx) });
}

/** "Sync details" on the homepage (pushed), or its own Refresh (`replace`: drawn again in place). */
export function showSyncDetailsAction(ctx: AddonContext, params: Params) {
  return params.replace === '1'
    ? reply({ update: syncDetailsCard(ctx) })
    : reply({ push: syncDetailsCard(ctx) });
}

/** A meeting on the homepage: its event card, as if the user had opened the event. */
export function openMeetingAction(ctx: AddonContext, params: Params) {
  const calendarId = calendarParam(params);
  if (!calendarId || !params.eventId) return reply({ update: homepageCard(ctx) });
  const opened = {
    calendarId,
    id: params.eventId,
    ...(params.seriesId ? { recurringEventId: params.seriesId } : {}),
  };
  return reply({ push: eventCard(ctx, { calendar: opened }) });
}

export function showSettingsAction(ctx: AddonContext) {
  return reply({ push: settingsCard(ctx) });
}

export function testConnectionAction(ctx: AddonContext) {
  const port = vendorPort(ctx);
  if (!port) {
    return reply({ update: settingsCard(ctx), note: ctx.tr.t('note.finishSetup') });
  }
  const result = testConnection(port, () => ctx.services.clock.now());
  ctx.services.log.info({
    msg: 'vendor connection test',
    ok: result.ok,
    ...(result.ok ? {} : { problem: result.problem, detail: result.detail }),
  });
  return reply({ update: settingsCard(ctx, result), note: connectionTestText(ctx.tr, result) });
}

export function signOutAction(ctx: AddonContext) {
  ctx.signIn.signOut();
  return reply({ update: settingsCard(ctx), note: ctx.tr.t('note.signedOut') });
}
