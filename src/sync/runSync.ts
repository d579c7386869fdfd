import { errorMessage } from '../calendar/apiErrors';
import type { CalendarListEntry } from '../calendar/types';
import { isQueued } from '../conference/lifecycle';
import type { Services } from '../platform/ports';
import { type CalendarState, lockFree, UserState as State, type UserState } from '../state/userState';
import * as triggers from '../triggers/triggers';
import type { VendorPort } from '../vendor/port';
import { emptyStats } from './recordOutcomes';
import { type VendorHealth, vendorHealth } from './send';
import { type CalendarAnswer, type CalendarRunResult, calendarCall, syncCalendar } from './syncCalendar';
import { deleteGate, prune, retryQueued } from './upkeep';

const TRIGGER_BUDGET_MS = 270_000; // Apps Script stops a run at 6 min; work to 4.5 so the save fits
const TRIGGER_CHECK_INTERVAL_MS = 24 * 3600_000;
const LOCK_WAIT_MS = 10_000; // for another run of the same user to finish, before handing over
/** onCreate's wait, the shortest: a holder that held the lock for less need not reread the store. */
const MIN_LOCK_WAIT_MS = 3_000;

interface SyncRequest {
  calendarIds?: string[]; // undefined: every watched calendar
  budgetMs?: number;
  forceFull?: boolean; // forget the token first (the user's "Full resync")
  reason: string;
  lockWaitMs?: number;
  hourly?: boolean; // the safety net: probes a vendor recorded down whatever its next-try time
  /** The hourly vendor audit (src/audit, which builds on the sync's steps): it refreshes beliefs last. */
  audit?: (run: Run) => void;
  /** A card button's change, made to the loaded state under the lock first (false: nothing to do). */
  intent?: (state: UserState) => boolean;
}

export interface SyncSummary {
  status: 'done' | 'handed-over' | 'config-error' | 'nothing-to-do';
  calendars: number; // still watched (lost ones too): 0 and the hourly safety net removes itself
  error?: string;
}

/** What one sync execution holds for all its steps (a step gets its calendar as an argument). */
export interface Run {
  readonly services: Services;
  readonly state: UserState;
  readonly vendor: VendorPort;
  readonly health: VendorHealth;
  readonly stopAt: number; // epoch ms: no new work starts after it (the final save and log must fit)
  readonly calendars: CalendarDirectory;
  readonly recordHealth?: () => void; // stores what the run learnt of the vendor's health: before each save
  readonly queuedAtStart?: ReadonlySet<string>; // sent again as soon as the vendor answers in this run
}

/**
 * One sync execution under the user lock. A run that cannot get the lock asks the holder to sync
 * its calendars again before releasing, so no change is missed and nothing is sent twice. Never
 * throws for Calendar's rate limits or a lost calendar: a failed trigger run would e-mail the user.
 */
export function runSync(services: Services, request: SyncRequest): SyncSummary {
  const { lock, clock, log, userStore } = services;
  const budget = request.budgetMs ?? TRIGGER_BUDGET_MS;
  const stopAt = clock.now() + budget - Math.min(20_000, budget / 5); // the final save and log must fit
  const lockWait = Math.max(request.lockWaitMs ?? LOCK_WAIT_MS, MIN_LOCK_WAIT_MS);
  if (!lock.tryLock(lockWait)) {
    const ids = request.calendarIds ?? idsOf(State.load(userStore).calendars());
    for (const id of ids) lockFree.requestRerun(userStore, id, clock.now());
    if (!lock.tryLock(lockWait)) {
      const msg = 'another sync is running; it will sync again before it stops';
      log.info({ msg, calendars: ids, reason: request.reason });
      return { status: 'handed-over', calendars: 0 };
    }
  }
  try {
    return runLocked(services, request, clock.now(), stopAt);
  } finally {
    lock.release();
  }
}

function runLocked(services: Services, request: SyncRequest, lockedAt: number, stopAt: number): SyncSummary {
  const state = State.load(services.userStore);
  if (state.unreadable > 0) {
    const msg = 'stored conference records could not be read (damaged, or another version): left out';
    services.log.error({ msg, records: state.unreadable });
  }
  if (request.intent && !request.intent(state)) return { status: 'nothing-to-do', calendars: 0 };
  let vendor: VendorPort;
  try {
    vendor = services.vendor();
  } catch (error) {
    return configError(services, state, request, error);
  }
  const { health, record: recordHealth } = vendorHealth(state, services.clock.now(), request.hourly === true);
  const queuedAtStart = new Set(state.book.all().flatMap((r) => (isQueued(r) ? [r.conferenceId] : [])));
  const calendars = new CalendarDirectory(services, state, stopAt);
  const run: Run = { services, state, vendor, health, queuedAtStart, stopAt, calendars, recordHealth };
  const synced = syncCalendars(run, request, lockedAt);
  const upkeep = emptyStats();
  retryQueued(run, upkeep);
  const gate = deleteGate(run, upkeep, (calendarId) => syncOne(run, calendarId, 'delete gate').outcome);
  watchNewCalendars(run);
  if (gate !== 'nothing-due' || Object.values(upkeep).some((n) => n !== 0))
    services.log.info({ msg: 'upkeep', reason: request.reason, gate, ...upkeep });
  request.audit?.(run);
  replaceTriggersDaily(run);
  prune(state, services.clock.now());
  recordHealth();
  state.save();
  return { status: 'done', calendars: Math.max(synced, state.calendars().length) };
}

const idsOf = (calendars: readonly { id: string }[]) => calendars.map((c) => c.id);

/** Syncs the requested calendars, then any a concurrent run flagged or a moved meeting led to. */
function syncCalendars(run: Run, request: SyncRequest, lockedAt: number): number {
  const { clock } = run.services;
  let queue = selectCalendars(run.state, request, clock.now());
  if (request.forceFull) for (const id of queue) forgetListing(run.state.getOrAddCalendar(id));
  let synced = 0;
  while (queue.length > 0) {
    for (const calendarId of queue) syncOne(run, calendarId, request.reason);
    synced += queue.length;
    if (clock.now() > run.stopAt) break;
    const watched = watchNewCalendars(run);
    if (clock.now() - lockedAt >= MIN_LOCK_WAIT_MS) run.state.refresh();
    const flagged = run.state.calendars().filter((c) => c.rerunRequested && !watched.includes(c.id));
    queue = [...watched, ...idsOf(flagged)];
    if (queue.length > 0) {
      run.recordHealth?.();
      run.state.save();
    }
  }
  return synced;
}

function forgetListing(cal: CalendarState): void {
  delete cal.meta.token;
  delete cal.meta.checkpoint;
}

/** Calendars a moved meeting now lives in: a trigger each (their first run lists them in full). */
function watchNewCalendars(run: Run): string[] {
  const { services, calendars } = run;
  const ids = Array.from(calendars.newlyWatched);
  calendars.newlyWatched.clear();
  const msg = 'watching a calendar the user can edit (a meeting moved or may be copied there)';
  for (const id of ids)
    services.log.info({ msg, calendar: id, trigger: triggers.ensureCalendarTrigger(services, id).ok });
  return ids;
}

function syncOne(run: Run, calendarId: string, reason: string): CalendarRunResult {
  const { clock, log } = run.services;
  const cal = run.state.getOrAddCalendar(calendarId);
  run.state.clearRerun(cal);
  const stats = emptyStats();
  const started = clock.now();
  const wasLost = cal.meta.lostAt !== undefined;
  const result = syncCalendar(run, cal, stats);
  const { mode, outcome } = result;
  const error = result.error && { error: `Calendar: ${result.error}` };
  const { items, patches, deletes, queued, deadLetters } = stats;
  const problem = error && { problem: 'calendar' as const, ...error };
  cal.meta.last = { at: started, mode, outcome, items, patches, deletes, queued, deadLetters, ...problem };
  const now = clock.now();
  if (outcome === 'lost-access') {
    // Never read "cannot see" as "deleted": nothing is deleted, the trigger goes, the state stays.
    cal.meta.lostAt ??= now;
    if (!wasLost) triggers.removeCalendarTriggers(run.services, cal.id);
  } else {
    if (outcome === 'ok') cal.meta.lastOkAt = now;
    if (wasLost && cal.meta.lostAt === undefined) {
      triggers.ensureCalendarTrigger(run.services, cal.id);
      log.info({ msg: 'access to the calendar is back: watching it again', calendar: cal.id });
    }
  }
  const level = outcome === 'error' || outcome === 'lost-access' ? 'error' : 'info';
  const line = { msg: 'sync', calendar: calendarId, reason, mode, outcome, ...stats };
  log[level]({ ...line, records: cal.recordCount(), durationMs: clock.now() - started, ...error });
  return result;
}

/**
 * Triggers list their calendar on every change; the hourly look is insurance against one that did not
 * fire or a run cut off before it saved (docs/capacity.md): at least every 12 hours, once in the 2 hours
 * before one of our meetings there starts, whenever something is pending. Hourly runs drift: a look due
 * 10 minutes later is taken now.
 */
const LOOK_AT_LEAST_EVERY_MS = 12 * 3600_000;
const LOOK_BEFORE_MEETING_MS = 2 * 3600_000;
const HOURLY_DRIFT_MS = 10 * 60_000;

function selectCalendars(state: UserState, request: SyncRequest, now: number): string[] {
  // A calendar we lost access to is only probed when asked for by name or by the daily check.
  if (request.calendarIds) return request.calendarIds;
  return idsOf(state.calendars().filter((c) => !c.meta.lostAt && (!request.hourly || worthALook(c, now))));
}

function worthALook(cal: CalendarState, now: number): boolean {
  const { meta } = cal;
  if (!meta.token || meta.checkpoint || cal.rerunRequested || cal.setupProblem) return true;
  const lastOk = meta.lastOkAt;
  if (meta.last?.outcome !== 'ok' || lastOk === undefined) return true;
  if (now - lastOk >= LOOK_AT_LEAST_EVERY_MS - HOURLY_DRIFT_MS) return true;
  const startsSoon = (startMin: number | null) => {
    const start = (startMin ?? 0) * 60_000;
    return start > now && start - now <= LOOK_BEFORE_MEETING_MS && lastOk < start - LOOK_BEFORE_MEETING_MS;
  };
  const carriers = cal.allRecords().flatMap((r) => r.carriers);
  return carriers.some((c) => c.cal === cal.index && startsSoon(c.startMin));
}

/**
 * Once a day: replace every calendar trigger (whether Apps Script lists one it disabled is undocumented),
 * watch every calendar the user can edit (a copy made there gets its own conference), probe lost ones.
 */
function replaceTriggersDaily(run: Run): void {
  const { services } = run;
  const now = services.clock.now();
  if (now - run.state.triggersCheckedAt < TRIGGER_CHECK_INTERVAL_MS) return;
  run.state.triggersCheckedAt = now;
  const editable = run.calendars.editable();
  if (editable.ok) for (const id of editable.value) if (!run.state.find(id)) run.calendars.watch(id);
  run.calendars.newlyWatched.clear(); // their triggers are made just below
  for (const cal of run.state.calendars()) {
    if (now > run.stopAt) break;
    if (cal.meta.lostAt) syncOne(run, cal.id, 'probe lost calendar');
    else if (!triggers.replaceCalendarTrigger(services, cal.id).ok)
      services.log.error({ msg: 'calendar trigger could not be replaced', calendar: cal.id });
  }
  if (run.state.calendars().length > 0) triggers.replaceSafetyNet(services);
}

function configError(services: Services, state: UserState, req: SyncRequest, error: unknown): SyncSummary {
  const message = errorMessage(error); // a ConfigError's message says what to fix
  services.log.error({ msg: 'sync skipped: vendor configuration is invalid', error: message });
  const now = services.clock.now();
  const counts = { items: 0, patches: 0, deletes: 0, queued: 0, deadLetters: 0 };
  const last = { at: now, mode: 'incremental', outcome: 'error', ...counts, problem: 'config' } as const;
  for (const id of selectCalendars(state, req, now))
    state.getOrAddCalendar(id).meta.last = { ...last, error: message };
  state.save();
  return { status: 'config-error', calendars: 0, error: message };
}

const EDITABLE_ROLES = new Set(['owner', 'writer']); // a move can land there, a copy be made there
const isEditable = (e: CalendarListEntry) => !!e.id && !e.deleted && EDITABLE_ROLES.has(e.accessRole ?? '');

/** The user's calendars as Calendar lists them (once per run), and what the run learnt about them. */
export class CalendarDirectory {
  private editableIds: string[] | undefined;
  readonly reachable = new Map<string, boolean>(); // probed after an Events.get 404: can we still read it?
  readonly newlyWatched = new Set<string>(); // a trigger each is asked for before the run ends
  readonly listedToNow = new Set<string>(); // in this run: incremental to the end, or a full sync
  observeAll = false; // an event of ours was cancelled: list every calendar the user can edit

  constructor(
    readonly services: Services,
    private readonly state: UserState,
    readonly stopAt: number,
  ) {}

  /** Every calendar the user can edit, watched or not (CalendarList.list, once per run). */
  editable(): CalendarAnswer<string[]> {
    if (!this.editableIds) {
      const listed = calendarCall(this, (calendar) => calendar.calendars());
      if (!listed.ok) return listed;
      this.editableIds = listed.value.filter(isEditable).map((e) => e.id as string);
    }
    return { ok: true, value: this.editableIds };
  }

  /** Starts watching a calendar (stored with no token: its first listing is a full sync). */
  watch(calendarId: string): CalendarState {
    const cal = this.state.getOrAddCalendar(calendarId);
    if (!cal.meta.token && !cal.meta.checkpoint) this.newlyWatched.add(calendarId);
    return cal;
  }
}
