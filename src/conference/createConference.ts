import { errorMessage } from '../calendar/apiErrors';
import { eventEndMinutes } from '../calendar/eventTime';
import { syncedFieldsHash, syncedFieldsOf } from '../calendar/syncedFields';
import type { CalendarEvent } from '../calendar/types';
import { type BrandConfig, solutionById } from '../config/brand';
import { ConfigError } from '../config/config';
import { conferenceEntries } from '../meeting/entryPoints';
import { newMeetingDefaults } from '../meeting/meetingDefaults';
import { conferenceNotes } from '../meeting/notes';
import type { ConferenceDataFactory, ConferenceErrorKind, Services } from '../platform/ports';
import { lockFree, UserState } from '../state/userState';
import { runSync } from '../sync/runSync';
import { ensureCalendarTrigger, ensureSafetyNet } from '../triggers/triggers';
import type { CreateRequest, VendorConference, VendorOutcome, VendorPort } from '../vendor/port';
import { holds, made as madeByOnCreate, UNKNOWN } from './lifecycle';

/** The conference parameter naming the solution it was made with (BRAND.marker says it is ours). */
export const SOLUTION_PARAMETER = 'solutionId';

/** onCreate runs inside Calendar's UI: keep the initial sync short, the trigger does the rest. */
const INITIALIZE_BUDGET_MS = 15_000;
/** A create answered "busy, retry in at most this long" is repeated once inside onCreate. */
const SHORT_RETRY_MS = 2000;
/** Replays of deleted conferences followed before giving up (each costs a lookup and a create). */
const MAX_REPLAYS = 10;

type Failed = Exclude<VendorOutcome<VendorConference>, { kind: 'applied' }>;

export interface CreateContext {
  services: Services;
  factory: ConferenceDataFactory;
  brand: BrandConfig;
  /** Per-user sign-in (OAuth only). Absent with an API key: no URL to sign in at, so never AUTHENTICATION. */
  signIn?: { url(): string | undefined; forget(): void };
  /** The organizer's locale (Session.getActiveUserLocale), for the conference notes. */
  locale?: string;
}

/**
 * The onCreateFunction of a conference solution. Never throws: every failure becomes a
 * ConferenceError Calendar can show, with a log line saying what happened and why that type.
 */
export function createConference(
  ctx: CreateContext,
  solutionId: string,
  arg: { eventData?: { calendarId?: unknown; eventId?: unknown } } | undefined,
): unknown {
  const { log, clock, userStore } = ctx.services;
  const { calendarId, eventId } = arg?.eventData ?? {};
  const valid =
    typeof calendarId === 'string' && calendarId !== '' && typeof eventId === 'string' && eventId !== '';
  if (!valid || !solutionById(ctx.brand, solutionId)) {
    log.error({ msg: 'conference not created: no calendarId/eventId, or an unknown solution', solutionId });
    return ctx.factory.error('PERMANENT');
  }
  const port = openPort(ctx, calendarId);
  if ('error' in port) return port.error;
  const event = savedEvent(ctx.services, calendarId, eventId);
  const fields = syncedFieldsOf(event ?? {}); // no event yet: no fields
  const options = newMeetingDefaults(ctx, port);
  const outcome = createLive(ctx.services, port, { calendarId, eventId, solutionId, fields, ...options });
  if (outcome.kind !== 'applied') return errorFor(ctx, outcome, calendarId);
  // A replay (an earlier create's conference) ignored this body: none of it counts as sent; the sync sends.
  const vendor = outcome.replay ? UNKNOWN : holds(syncedFieldsHash(fields));
  const conferenceId = outcome.value.id;
  const endMin = event ? eventEndMinutes(event) : null;
  const now = clock.now();
  // cal 0: set when the next sync merges the record (madeIn).
  const record = madeByOnCreate({ conferenceId, solutionId, cal: 0, eventId, endMin, vendor, now });
  lockFree.putNewRecord(userStore, calendarId, record);
  const msg = 'conference created';
  log.info({ msg, calendar: calendarId, conferenceId, solutionId, eventSaved: !!event });
  startWatching(ctx.services, calendarId);
  return ctx.factory.success({
    conferenceId,
    solutionId,
    entries: conferenceEntries(outcome.value),
    parameters: { [ctx.brand.marker.key]: ctx.brand.marker.value, [SOLUTION_PARAMETER]: solutionId },
    notes: conferenceNotes(ctx.brand, ctx.locale),
  });
}

/** The vendor port, or the ConferenceData error to return (no request made). */
function openPort(ctx: CreateContext, calendarId: string): VendorPort | { error: unknown } {
  try {
    return ctx.services.vendor();
  } catch (error) {
    if (!(error instanceof ConfigError)) {
      // Not a setup problem we know (a service failing, say): Calendar shows its own "unknown" message.
      const msg = 'conference not created: the vendor could not be reached from Apps Script';
      ctx.services.log.error({ msg, error: errorMessage(error), calendar: calendarId });
      return { error: ctx.factory.error('UNKNOWN') };
    }
    if (error.problem === 'not-signed-in') {
      ctx.services.log.info({ msg: 'conference not created: the user has not signed in to the vendor' });
      return { error: signInError(ctx) };
    }
    const msg = 'conference not created: vendor configuration is invalid';
    ctx.services.log.error({ msg, error: error.message, calendar: calendarId });
    return { error: ctx.factory.error('PERMANENT') };
  }
}

/** AUTHENTICATION needs a sign-in URL (ConferenceError reference); without one it is PERMANENT. */
function signInError(ctx: CreateContext): unknown {
  const url = ctx.signIn?.url();
  if (url) return ctx.factory.error('AUTHENTICATION', url);
  ctx.services.log.error({ msg: 'no sign-in URL to offer, so PERMANENT instead of AUTHENTICATION' });
  return ctx.factory.error('PERMANENT');
}

/** The event may not exist yet (a new, unsaved event): the first sync after saving fills in the fields. */
function savedEvent(services: Services, calendarId: string, eventId: string): CalendarEvent | undefined {
  try {
    return services.calendar.get(calendarId, eventId);
  } catch {
    return undefined;
  }
}

/**
 * Creates the conference, repeating once after a short "busy" when that cannot make a second one (an
 * idempotent create, or a 429 that did nothing). A replay (Acme: an earlier create with the same key)
 * hands back the event's earlier conference, maybe deleted since (the user removed it and adds ours
 * again): it is looked up, and a deleted one is replaced by a create keyed on it.
 */
export function createLive(
  services: Pick<Services, 'clock'>,
  port: VendorPort,
  request: CreateRequest,
): VendorOutcome<VendorConference> {
  const createOnce = (req: CreateRequest) => {
    const outcome = port.create(req);
    if (outcome.kind !== 'retry-later' || (outcome.delayMs ?? 0) > SHORT_RETRY_MS) return outcome;
    if (!port.idempotentCreate && !outcome.rateLimited) return outcome; // it may exist: never a second one
    services.clock.sleep(Math.max(1000, outcome.delayMs ?? 0));
    return port.create(req);
  };
  let outcome = createOnce(request);
  for (let replays = 0; outcome.kind === 'applied' && outcome.replay && replays < MAX_REPLAYS; replays++) {
    const [lookup] = port.send([{ op: 'lookup', conferenceId: outcome.value.id }]);
    if (lookup?.kind !== 'already-gone') break; // live, or in doubt: keep it
    outcome = createOnce({ ...request, after: outcome.value.id });
  }
  return outcome;
}

/** The ConferenceError type for a failed create, logged with the reason for that type. */
function errorFor(ctx: CreateContext, outcome: Failed, calendarId: string): unknown {
  const { log } = ctx.services;
  if (outcome.kind === 'unauthorized' && ctx.signIn) {
    ctx.signIn.forget(); // the token was refused: the user signs in again
    log.error({ msg: "conference not created: the vendor refused the user's sign-in", calendar: calendarId });
    return signInError(ctx);
  }
  const apiKeyRefused = outcome.kind === 'unauthorized';
  const kind = errorKindOf(outcome);
  log.error({
    msg: apiKeyRefused
      ? 'conference not created: the vendor refused the API key; PERMANENT, not AUTHENTICATION, because an API key has no sign-in URL to offer'
      : 'conference not created',
    calendar: calendarId,
    ...(apiKeyRefused ? {} : { outcome: outcome.kind }),
    detail: 'detail' in outcome ? outcome.detail : undefined,
    errorType: kind,
  });
  return ctx.factory.error(kind);
}

function errorKindOf(outcome: Failed): ConferenceErrorKind {
  if (outcome.kind === 'retry-later' || outcome.kind === 'unreachable') return 'TEMPORARY';
  if (outcome.kind === 'refused' && outcome.reason === 'forbidden') return 'PERMISSION_DENIED';
  return 'PERMANENT'; // unauthorized with an API key, refused for good, or "not found" (a wrong base URL)
}

function startWatching(services: Services, calendarId: string): void {
  try {
    initializeSyncing(services, calendarId, INITIALIZE_BUDGET_MS);
  } catch (error) {
    const msg = 'syncing could not be initialized; the conference was still created';
    services.log.error({ msg, calendar: calendarId, error: errorMessage(error) });
  }
}

/**
 * Makes sure the calendar is watched: one EventUpdated trigger (one per calendar id) and a sync token. With
 * the trigger quota full, the status card says so; conferences are synced once the user frees a trigger.
 */
export function initializeSyncing(
  services: Services,
  calendarId: string,
  budgetMs = INITIALIZE_BUDGET_MS,
): { trigger: 'ok' | 'created' | 'failed'; synced: boolean } {
  const { log, userStore } = services;
  const trigger = ensureCalendarTrigger(services, calendarId);
  if (!trigger.ok) {
    const { kind, error } = trigger;
    const message = `Could not watch this calendar for changes: ${error}`;
    lockFree.setSetupProblem(userStore, calendarId, { at: services.clock.now(), kind, message });
    log.error({ msg: 'trigger for calendar could not be created', calendar: calendarId, error });
  }
  const safetyNet = ensureSafetyNet(services);
  if (!safetyNet.ok)
    log.error({ msg: 'hourly safety-net trigger could not be created', error: safetyNet.error });
  const cal = UserState.load(userStore).find(calendarId);
  if (trigger.ok && cal?.setupProblem) lockFree.setSetupProblem(userStore, calendarId, undefined);
  // Already watched: sync nothing, but merge the record onCreate wrote. The hourly run looks it up until
  // its grace ends, so a conference for an event never saved is deleted even if the calendar stays still.
  const synced = !cal?.meta.token;
  const calendarIds = synced ? [calendarId] : [];
  runSync(services, { calendarIds, budgetMs, reason: 'initialize', lockWaitMs: 3000 });
  return { trigger: trigger.ok ? (trigger.created ? 'created' : 'ok') : 'failed', synced };
}
