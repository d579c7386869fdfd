import { type WriteBackResult, writeConference } from '../calendar/writeBack';
import { carrier, requestMayLand, strayMade } from '../conference/lifecycle';
import type { UserState } from '../state/userState';
import { parseJson } from '../util/text';
import type { CreateRequest, ReadOutcome, VendorCall, VendorConference, VendorOutcome } from '../vendor/port';
import { isTransient, queuedDelayMs } from '../vendor/port';
import { type Change, decide, type Plan, type PlannedCall } from './decide';
import { type RunStats, recordOutcomes } from './recordOutcomes';
import type { Run } from './runSync';

/**
 * One batch of changes through decide (pure) -> send -> record; the caller lists before and saves after.
 * No DELETE is planned here: a conference no event carries waits for the delete gate (upkeep.ts).
 * Nothing is retried and nothing sleeps in a run: a failure comes back as `retry-later`, to be queued.
 */

/** Independent vendor calls go out together, in batches of this size (one UrlFetchApp.fetchAll). */
export const VENDOR_BATCH_SIZE = 25;

/** Returns the number of vendor calls the batch made. */
export function processBatch(run: Run, stats: RunStats, changes: readonly Change[]): number {
  if (changes.length === 0) return 0;
  const { state } = run;
  const plan = decide(changes, state.book, run.services.clock.now());
  if (plan.observeAll) run.calendars.observeAll = true;
  const abandons = plan.calls.filter(isAbandon);
  if (abandons.length > 0 || plan.calls.some((c) => c.op === 'replace')) {
    // Stored before a create goes out, so a run cut off after it knows (and can take back) what it
    // may have made; an abandon also waits in the outbox, asked again (same key) until answered.
    for (const call of abandons) state.setSide(outboxKey(call), JSON.stringify(call));
    for (const record of plan.records) state.book.put(record);
    state.save();
  }
  sendAndRecord(run, stats, plan);
  return plan.calls.length;
}

/** A plan from decide, or the delete gate's decideDeletes. */
export function sendAndRecord(run: Run, stats: RunStats, plan: Plan): void {
  const results = send(run, plan.calls);
  recordOutcomes(run, stats, plan, results);
  plan.calls.forEach((call, i) => {
    const result = results[i];
    // Answered (made, handed back, or refused for good): out of the outbox with the next save.
    if (isAbandon(call) && result?.op === 'abandon' && !isTransient(result.created))
      run.state.setSide(outboxKey(call), undefined);
  });
}

/**
 * The abandons a run stored and did not see answered (cut off after the create, say), sent again under
 * the same key: the vendor hands back what the first create made, for the delete gate (soak seed 323945).
 */
export function resendOutbox(run: Run, stats: RunStats): void {
  const { state } = run;
  if (run.health.down) return;
  const calls = state.sideKeys(OUTBOX_PREFIX).map((key) => JSON.parse(state.sideValue(key) as string));
  if (calls.length > 0) sendAndRecord(run, stats, { records: [], calls });
}

type AbandonCall = PlannedCall & { op: 'abandon' };
const isAbandon = (call: PlannedCall): call is AbandonCall => call.op === 'abandon';
/** Work waiting to be sent: not `o:`, which is the user's meeting defaults (`o:defaults`). */
const OUTBOX_PREFIX = 'w:';
const outboxKey = (call: AbandonCall) =>
  `${OUTBOX_PREFIX}${JSON.stringify([call.calendarId, call.eventId, call.solutionId])}`;

export type SendResult =
  | { op: 'update'; outcome: Updated; writeBack?: WriteBackResult }
  | { op: 'delete'; outcome: VendorOutcome<unknown> }
  | {
      op: 'replace';
      created: Made;
      writeBack?: WriteBackResult;
      partsWritten?: WriteBackResult[]; // a restored meeting's new conference onto each of `parts`
      undone?: Undone; // Calendar refused a copy's new conference: its deleted one was asked back instead
      /** No undo of ours can have brought back the conference the event carried: the vendor cannot
       *  undo, or said no to this run's (a LOST one is recorded gone again). */
      undoDidNotLand: boolean;
    }
  | { op: 'abandon'; created: Made };

const notTried = (detail: string) => ({ kind: 'retry-later' as const, detail });
const DOWN = 'vendor unreachable in this run';

type ReplaceCall = PlannedCall & { op: 'replace' };
type Made = VendorOutcome<VendorConference>;
/** A copy's undo: the answer, and the hash of the fields it was sent with (the vendor holds those). */
type Undone = { outcome: Made; sentHash: string };
/** The meeting's own undo of this batch (rule `ask-back`) and its answer. */
type AskedBack = { call: ReplaceCall; outcome: Made };
type Updated = VendorOutcome<VendorConference | null>;

/** Updates, deletes and the undos restored meetings ask for go out in batches; then, one by one, creates. */
function send(run: Run, calls: readonly PlannedCall[]): SendResult[] {
  const asksBack = (c: PlannedCall): c is ReplaceCall =>
    c.op === 'replace' && c.rule === 'ask-back' && run.vendor.undoesDeletes === true;
  const batched = calls.filter((c) => c.op === 'update' || c.op === 'delete' || asksBack(c));
  const outcomes = sendInBatches(run, batched.map(toVendorCall));
  const results = new Map<PlannedCall, SendResult>();
  // The meetings' undos, by conference (decide plans one `ask-back` per conference and batch).
  const askedBack = new Map<string, AskedBack>();
  batched.forEach((call, i) => {
    const outcome = outcomes[i] ?? notTried('no answer');
    if (call.op === 'delete') results.set(call, { op: 'delete', outcome });
    else if (call.op === 'update') results.set(call, updated(run, call, outcome as Updated));
    else if (call.op === 'replace') askedBack.set(call.conferenceId, { call, outcome: outcome as Made });
  });
  for (const call of calls) {
    if (call.op === 'replace') results.set(call, replace(run, call, askedBack.get(call.conferenceId)));
    else if (call.op === 'abandon') results.set(call, abandon(run, call));
  }
  return calls.map((c) => results.get(c) ?? { op: 'delete', outcome: notTried('not sent') });
}

/**
 * Keyed by calendar + event + solution, as onCreate's. A restored event keeps the id of the event whose
 * conference we deleted: handed that one back, we ask again under a key derived from it.
 */
function create(run: Run, request: CreateRequest, call: ReplaceCall | AbandonCall): Made {
  if (run.health.down) return notTried(DOWN);
  const { conferenceId } = call;
  let created: Made = run.vendor.create(request);
  if (created.kind === 'applied' && call.restored && created.value.id === conferenceId) {
    // Unless a read finds it live (a run cut off before it recorded the vendor's undo).
    const [read] = run.vendor.send([{ op: 'lookup', conferenceId }]);
    if (read?.kind === 'retry-later' || read?.kind === 'unreachable') created = read;
    else if (read?.kind !== 'applied') created = run.vendor.create({ ...request, after: conferenceId });
  }
  noteHealth(run.health, [created]);
  return created;
}

/** The create a copy may have left behind, asked for again (same key) for the delete gate. */
function abandon(run: Run, call: AbandonCall): SendResult {
  const { calendarId, eventId, solutionId } = call;
  const fields = { title: null, start: null, end: null, attendees: [], recurrence: [] };
  return { op: 'abandon', created: create(run, { calendarId, eventId, solutionId, fields }, call) };
}

function toVendorCall(call: PlannedCall): VendorCall {
  if (call.op === 'update') return { op: 'update', conferenceId: call.conferenceId, fields: call.fields };
  if (call.op === 'replace') return { op: 'undelete', conferenceId: call.conferenceId, fields: call.fields };
  return { op: 'delete', conferenceId: call.conferenceId };
}

/** An applied update whose answer moved the meeting to a new join URL: put it on the event. */
function updated(run: Run, call: PlannedCall & { op: 'update' }, outcome: Updated): SendResult {
  if (outcome.kind !== 'applied' || !outcome.value) return { op: 'update', outcome };
  const { calendarId, event, conferenceId } = call;
  const writeBack = writeConference(run.services.calendar, calendarId, event, conferenceId, outcome.value);
  return { op: 'update', outcome, writeBack };
}

/**
 * A copy or a restored meeting gets its own conference, written onto the event, unless the vendor gave
 * a restored meeting's back (`back`, its undo sent with the batch: `asked`): its guests keep their link.
 */
function replace(run: Run, call: ReplaceCall, asked?: AskedBack): SendResult {
  const back = call.rule === 'ask-back' ? asked?.outcome : undefined;
  if (back && (isTransient(back) || (back.kind === 'applied' && back.value.id === call.conferenceId)))
    return { op: 'replace', created: back, undoDidNotLand: false };
  // Else an undo of an earlier run, cut off before its answer, may have brought it back (and a copy's).
  const undoDidNotLand = !run.vendor.undoesDeletes || back !== undefined;
  const { target, solutionId, fields } = call;
  const request = { calendarId: target.calendarId, eventId: target.event.id as string, solutionId, fields };
  const created = create(run, request, call);
  if (created.kind !== 'applied') return { op: 'replace', created, undoDidNotLand };
  if (created.value.id !== call.conferenceId) recordMade(run, call, created.value);
  const writeTo = (to: typeof target) =>
    writeConference(run.services.calendar, to.calendarId, to.event, call.conferenceId, created.value);
  const writeBack = writeTo(target);
  // The meeting's other parts carry the same gone conference: the new one goes onto them too.
  if (writeBack.kind === 'written' || writeBack.kind === 'unchanged')
    return { op: 'replace', created, writeBack, partsWritten: call.parts.map(writeTo), undoDidNotLand };
  // Nobody will carry the new conference: the record step leaves it to the delete gate. A copy of a
  // restored meeting Calendar refused it to still carries a deleted one: have that back, not a dead link.
  const asksBack = writeBack.kind === 'refused' && call.restored && call.rule === 'copy-gets-own';
  const undone = asksBack && run.vendor.undoesDeletes ? askBackForCopy(run, call, asked) : undefined;
  return { op: 'replace', created, writeBack, ...(undone ? { undone } : {}), undoDidNotLand };
}

/**
 * The deleted conference a copy keeps is asked back. The meeting speaks for it: when the meeting asked
 * for it in this batch, that answer serves the copy too, or the undo is sent again with the meeting's
 * fields (the vendor keeps what the last undo sent, not the copy's). Stored first as "may land": a run
 * cut off before the answer must not take it for gone (the only undo a copy's replace sends).
 */
function askBackForCopy(run: Run, call: ReplaceCall, meeting?: AskedBack): Undone {
  if (meeting && !isTransient(meeting.outcome))
    return { outcome: meeting.outcome, sentHash: meeting.call.hash };
  const asked = meeting?.call ?? call;
  const { state } = run;
  const record = state.book.get(call.conferenceId);
  if (record) {
    state.book.put(requestMayLand(record));
    state.save();
  }
  const outcome = run.vendor.send([toVendorCall(asked)])[0] ?? notTried('no answer');
  return { outcome: outcome as Made, sentHash: asked.hash };
}

/**
 * Saved before the write-back, so a run cut off after it still knows it is ours: a stray for the delete
 * gate (which keeps it if the event carries it). A replayed create of a conference we know is left alone.
 */
function recordMade(run: Run, call: ReplaceCall, conference: VendorConference): void {
  const { state, services } = run;
  if (state.book.get(conference.id)) return;
  const by = carrier(call.target.cal, call.target.event.id as string);
  const made = { at: services.clock.now(), neverCarried: false };
  state.book.put(strayMade(conference.id, call.solutionId, by, made));
  state.save();
}

/** What a run knows of the vendor. */
export interface VendorHealth {
  up: boolean; // it answered in this run
  down: boolean; // found down in this run, or recorded down and not due for a probe: nothing is sent
  probe?: boolean; // until it answers in this run, one call goes out alone (it was quiet, or recorded down)
  failedCalls: number; // requests of this run with no usable answer (one, once it is known down)
  retryAfterMs?: number; // the longest Retry-After a failed answer of this run asked for
}

/** Any usable answer means the vendor is up; a run where nothing got one marks it down. */
function noteHealth(health: VendorHealth, outcomes: readonly VendorOutcome<unknown>[]): void {
  if (outcomes.some((o) => !isTransient(o))) health.up = true;
  if (health.up || outcomes.length === 0) return;
  health.down = true;
  health.failedCalls += outcomes.length;
  for (const o of outcomes)
    if (o.kind === 'retry-later' && o.delayMs !== undefined)
      health.retryAfterMs = Math.max(health.retryAfterMs ?? 0, o.delayMs);
}

/** The audit's read of several conferences in one request (the port's optional readMany), if any. */
export function readMany(run: Run, conferenceIds: readonly string[]): ReadOutcome[] | undefined {
  if (run.health.down || !run.vendor.readMany) return undefined;
  const many = run.vendor.readMany(conferenceIds);
  if (many) noteHealth(run.health, many.slice(0, 1)); // one request's answer
  return many;
}

/**
 * Sends calls in batches, once each, until the run's budget is used up. While the vendor is to be
 * probed, the first call goes alone: a vendor that is down costs one failed request.
 */
export function sendInBatches(run: Run, calls: readonly VendorCall[]): VendorOutcome<unknown>[] {
  const { health } = run;
  const outcomes: VendorOutcome<unknown>[] = [];
  if (!health.down && health.probe && !health.up && calls.length > 0) {
    outcomes.push(run.vendor.send(calls.slice(0, 1))[0] ?? notTried('no answer'));
    noteHealth(health, outcomes);
  }
  if (health.down) return calls.map((_, i) => outcomes[i] ?? notTried(DOWN));
  const rest = calls.slice(outcomes.length);
  for (let i = 0; i < rest.length; i += VENDOR_BATCH_SIZE) {
    if (i > 0 && run.services.clock.now() > run.stopAt) break;
    outcomes.push(...run.vendor.send(rest.slice(i, i + VENDOR_BATCH_SIZE)));
  }
  noteHealth(health, outcomes.slice(calls.length - rest.length));
  return calls.map((_, i) => outcomes[i] ?? notTried('run time budget used up'));
}

/**
 * The vendor's health across runs (docs/architecture.md, "The vendor down"): runs before `nextTryAt`
 * make no vendor call; the next one and every hourly run probe. A vendor quiet this long is probed too.
 */
const HEALTH_KEY = 'v:health';
export const PROBE_AFTER_QUIET_MS = 15 * 60_000;

export interface StoredHealth {
  okAt?: number; // last time (ms) the vendor answered
  down?: { since: number; failures: number; nextTryAt: number };
}

/** Its health at the start of a run, and how to store what the run learnt (stamped with the run's start). */
export function vendorHealth(state: UserState, startedAt: number, hourly: boolean) {
  const parsed = parseJson<StoredHealth>(state.sideValue(HEALTH_KEY));
  const stored = parsed && typeof parsed === 'object' ? parsed : {}; // unreadable: never seen, so it probes
  const health = healthAtStart(stored, startedAt, hourly);
  const record = () => state.setSide(HEALTH_KEY, JSON.stringify(healthAtEnd(stored, health, startedAt)));
  return { health, record };
}

/** `hourly` probes a vendor recorded down whatever its next-try time: recovery is seen within an hour. */
export function healthAtStart(stored: StoredHealth, now: number, hourly: boolean): VendorHealth {
  const fresh: VendorHealth = { up: false, down: false, failedCalls: 0 };
  if (stored.down && now < stored.down.nextTryAt && !hourly) return { ...fresh, down: true };
  const quiet = stored.okAt === undefined || now - stored.okAt > PROBE_AFTER_QUIET_MS;
  return stored.down || quiet ? { ...fresh, probe: true } : fresh;
}

export function healthAtEnd(stored: StoredHealth, health: VendorHealth, now: number): StoredHealth {
  if (health.up) return { okAt: now };
  if (!health.down || health.failedCalls === 0) return stored; // no call made: nothing learned
  const failures = (stored.down?.failures ?? 0) + 1;
  const nextTryAt = now + queuedDelayMs(failures, health.retryAfterMs);
  return { okAt: stored.okAt, down: { since: stored.down?.since ?? now, failures, nextTryAt } };
}
