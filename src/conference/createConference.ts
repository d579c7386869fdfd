import { errorMessage } from '../calendar/apiErrors';
import { type SyncedFields, syncedFieldsHash, syncedFieldsOf } from '../calendar/syncedFields';
import type { CalendarEvent } from '../calendar/types';
import { ConfigError, readVendorConfig } from '../config/config';
import type { ConferenceDataFactory, ConferenceErrorKind, Services } from '../platform/ports';
import { newRecord } from '../state/record';
import { lockFree, UserState } from '../state/userState';
import { eventEndMinutes } from '../sync/classify';
import { runSync } from '../sync/runSync';
import { ensureCalendarTrigger, ensureSafetyNet } from '../triggers/triggers';
import { VendorClient } from '../vendor/client';
import type { VendorConference } from '../vendor/types';

/** Conference parameters that mark a conference as made by this add-on (and by which solution). */
export const MARKER_PARAMETER = 'createdBy';
export const MARKER_VALUE = 'acme-calendar-addon';
export const SOLUTION_PARAMETER = 'solutionId';

/** onCreate runs inside Calendar's UI: keep the initial sync short, the trigger does the rest. */
export const INITIALIZE_BUDGET_MS = 15_000;

export interface CreateArgument {
  eventData?: { calendarId?: unknown; eventId?: unknown };
}

/**
 * The onCreateFunction of a conference solution. Never throws: every failure becomes a
 * ConferenceError Calendar can show (PERMANENT for configuration, AUTHENTICATION with a sign-in URL or
 * else PERMISSION_DENIED for 401, PERMISSION_DENIED for 403, TEMPORARY for outages), with a log line
 * saying what happened.
 */
export function createConference(
  services: Services,
  factory: ConferenceDataFactory,
  whitelist: readonly string[],
  solutionId: string,
  arg: CreateArgument | undefined,
): unknown {
  const { log, clock } = services;
  const calendarId = arg?.eventData?.calendarId;
  const eventId = arg?.eventData?.eventId;
  if (typeof calendarId !== 'string' || calendarId === '' || typeof eventId !== 'string' || eventId === '') {
    log.error({ msg: 'conference not created: the event data has no calendarId/eventId', solutionId });
    return factory.error('PERMANENT');
  }
  let vendor: VendorClient;
  try {
    vendor = new VendorClient(readVendorConfig(services.scriptStore, whitelist), services.http);
  } catch (error) {
    const message = error instanceof ConfigError ? error.message : errorMessage(error);
    log.error({
      msg: 'conference not created: vendor configuration is invalid',
      error: message,
      calendar: calendarId,
    });
    return factory.error('PERMANENT');
  }

  // The event may not exist yet (a new, unsaved event): create with what is known; the first
  // sync after the user saves fills in title and time.
  let event: CalendarEvent | undefined;
  try {
    event = services.calendar.get(calendarId, eventId);
  } catch {
    event = undefined;
  }
  const fields: SyncedFields = event
    ? syncedFieldsOf(event)
    : { title: null, start: null, end: null, attendees: [], recurrence: [] };

  const body = { calendarId, eventId, solutionId, ...fields };
  let after: string | undefined;
  let outcome = vendor.create(body);
  for (let replays = 0; ; replays++) {
    if (!outcome.ok && outcome.kind === 'transient' && (outcome.retryAfterMs ?? 0) <= 2000) {
      services.clock.sleep(Math.max(1000, outcome.retryAfterMs ?? 0));
      outcome = vendor.create(body, after); // same Idempotency-Key: never a second conference
    }
    // A replay (200) hands back the conference made for this event earlier, even one deleted since
    // (the user removed it, or switched to Meet, and now adds ours again): make sure it is live.
    if (!outcome.ok || outcome.status === 201 || replays >= 10) break;
    if (!vendorConferenceGone(vendor, outcome.value.id)) break;
    after = outcome.value.id;
    outcome = vendor.create(body, after);
  }
  if (!outcome.ok) {
    const kind = failureKind(outcome, factory);
    log.error({
      msg: 'conference not created',
      calendar: calendarId,
      status: outcome.status,
      reason: outcome.reason,
      errorType: kind,
      ...(outcome.status === 401 && kind !== 'AUTHENTICATION'
        ? {
            why: 'the vendor refused the configured API key; AUTHENTICATION needs a sign-in URL (ConferenceError reference), and there is none to offer',
          }
        : {}),
    });
    return factory.error(kind);
  }
  const conference = outcome.value;

  const now = clock.now();
  lockFree.putNewRecord(
    services.userStore,
    calendarId,
    newRecord({
      conferenceId: conference.id,
      eventId,
      solutionId,
      // A 200 is a replay of an earlier create (same Idempotency-Key): the vendor ignored this body and
      // kept what it had, so record nothing as sent and let the next sync PATCH the current fields.
      sentHash: outcome.status === 201 ? syncedFieldsHash(fields) : '',
      endMin: event ? eventEndMinutes(event) : null,
      unconfirmed: true,
      createdMin: Math.floor(now / 60000),
    }),
  );
  log.info({
    msg: 'conference created',
    calendar: calendarId,
    conferenceId: conference.id,
    solutionId,
    eventSaved: !!event,
  });

  try {
    initializeSyncing(services, whitelist, calendarId, INITIALIZE_BUDGET_MS);
  } catch (error) {
    log.error({
      msg: 'syncing could not be initialized; the conference was still created',
      calendar: calendarId,
      error: errorMessage(error),
    });
  }
  return factory.success(conferenceDetails(conference, solutionId));
}

/**
 * The ConferenceError type for a failed vendor create. A 401 is AUTHENTICATION only when the factory can
 * hand Calendar a sign-in URL (ConferenceError: "If the error type is AUTHENTICATION, the add-on must
 * provide a URL"); with the admin's API key there is nothing the user can sign in to, and the vendor
 * system refused the request: PERMISSION_DENIED ("The user isn't allowed to perform an action in the
 * third-party conferencing system").
 */
function failureKind(
  outcome: { kind: string; status?: number },
  factory: ConferenceDataFactory,
): ConferenceErrorKind {
  if (outcome.kind === 'transient') return 'TEMPORARY';
  if (outcome.status === 401) return factory.offersSignIn?.() ? 'AUTHENTICATION' : 'PERMISSION_DENIED';
  if (outcome.status === 403) return 'PERMISSION_DENIED';
  return 'PERMANENT';
}

/** True only when the vendor says the conference does not exist (404); any doubt keeps it. */
function vendorConferenceGone(vendor: VendorClient, conferenceId: string): boolean {
  const [result] = vendor.send([vendor.getRequest(conferenceId)]);
  return result?.kind === 'response' && result.status === 404;
}

export function conferenceDetails(conference: VendorConference, solutionId: string) {
  const details: Parameters<ConferenceDataFactory['success']>[0] = {
    solutionId,
    conferenceId: conference.id,
    videoUri: conference.joinUrl,
    parameters: { [MARKER_PARAMETER]: MARKER_VALUE, [SOLUTION_PARAMETER]: solutionId },
  };
  if (conference.passcode) details.passcode = conference.passcode;
  if (conference.phone?.number) {
    const digits = conference.phone.number.replace(/[^\d+]/g, '');
    if (digits.length > 0) {
      details.phone = { uri: `tel:${digits}` };
      if (conference.phone.pin) details.phone.pin = conference.phone.pin;
    }
  }
  return details;
}

/**
 * Makes sure the calendar is watched: one EventUpdated trigger (de-duplicated by calendar id) and a
 * sync token. If the trigger quota is full, the problem is recorded for the status card and logged;
 * conferences keep working and are synced when the user frees a trigger.
 */
export function initializeSyncing(
  services: Services,
  whitelist: readonly string[],
  calendarId: string,
  budgetMs = INITIALIZE_BUDGET_MS,
): { trigger: 'ok' | 'created' | 'failed'; synced: boolean } {
  const trigger = ensureCalendarTrigger(services, calendarId);
  if (!trigger.ok) {
    const message = `Could not watch this calendar for changes: ${trigger.error}`;
    lockFree.recordSetupProblem(services.userStore, calendarId, { at: services.clock.now(), message });
    services.log.error({
      msg: 'trigger for calendar could not be created',
      calendar: calendarId,
      error: trigger.error,
    });
  }
  const safetyNet = ensureSafetyNet(services);
  if (!safetyNet.ok) {
    services.log.error({ msg: 'hourly safety-net trigger could not be created', error: safetyNet.error });
  }
  const cal = UserState.load(services.userStore).find(calendarId);
  if (trigger.ok && cal?.setupProblem) lockFree.clearSetupProblem(services.userStore, calendarId);
  let synced = false;
  if (!cal?.meta.token) {
    runSync(services, whitelist, {
      calendarIds: [calendarId],
      budgetMs,
      reason: 'initialize',
      lockWaitMs: 3000,
    });
    synced = true;
  } else {
    // Already watched: sync nothing now, but merge the record onCreate just wrote and schedule the
    // retry trigger for the end of its grace period, so a conference for an event the user never
    // saves is deleted even if the calendar never changes again.
    runSync(services, whitelist, { calendarIds: [], budgetMs, reason: 'initialize', lockWaitMs: 3000 });
  }
  return { trigger: trigger.ok ? (trigger.created ? 'created' : 'ok') : 'failed', synced };
}
