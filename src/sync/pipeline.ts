import { carrier, strayMade } from '../conference/lifecycle';
import { isTransient } from '../vendor/port';
import type { Run } from './context';
import { type BookView, type Change, decide, type Plan, type PlannedCall } from './decide';
import { type RunStats, recordOutcomes, storePlan } from './recordOutcomes';
import { type SendContext, send } from './send';

/**
 * One batch of changes through the steps, in one direction: decide (pure) -> send -> record.
 * The caller lists the batch before and saves after. DELETEs are never planned here: a conference
 * no event carries waits for the delete gate (upkeep.ts), which uses `sendAndRecord` too.
 */

/** The send step's view of a run (the sync's and the audit's). */
export function sendContext(run: Run): SendContext {
  const { vendor, services, stopAt, health, state } = run;
  return {
    vendor,
    calendar: services.calendar,
    clock: services.clock,
    stopAt,
    health,
    // Recorded and saved before the create's write-back, so a run cut off after the write still knows
    // it is ours. Until the write is recorded it is a stray for the delete gate (which keeps it if the
    // event turns out to carry it). A replayed create of a conference we know is left alone.
    made: (call, conference) => {
      if (state.book.get(conference.id)) return;
      const by = carrier(call.target.cal, call.target.event.id as string);
      const made = { at: services.clock.now(), neverCarried: false };
      state.book.put(strayMade(conference.id, call.solutionId, by, made));
      state.save();
    },
  };
}

/** One batch through decide, send and record; returns the number of vendor calls it made. */
export function processBatch(run: Run, stats: RunStats, changes: readonly Change[]): number {
  if (changes.length === 0) return 0;
  const { state } = run;
  const book: BookView = {
    get: (id) => state.book.get(id),
    carriedBy: (cal, eventId) => state.book.carriedBy(cal, eventId),
  };
  const plan = decide(changes, book, run.services.clock.now());
  if (plan.observeAll) run.calendars.observeAll = true;
  const abandons = plan.calls.filter(isAbandon);
  if (abandons.length > 0 || plan.calls.some((c) => c.op === 'replace')) {
    // A create is about to go out: remember it first, so a run cut off after the create still
    // knows (and can take back) what it may have made. An abandon's create makes a conference
    // nobody carries; stored in the outbox, it is asked for again (same key) until answered.
    for (const call of abandons) state.setSide(outboxKey(call), JSON.stringify(call));
    storePlan(state.book, plan);
    state.save();
  }
  sendAndRecord(run, stats, plan);
  return plan.calls.length;
}

type AbandonCall = PlannedCall & { op: 'abandon' };
const isAbandon = (call: PlannedCall): call is AbandonCall => call.op === 'abandon';
/** Work waiting to be sent: not `o:`, which is the user's meeting defaults (`o:defaults`). */
const OUTBOX_PREFIX = 'w:';
const outboxKey = (call: AbandonCall) =>
  `${OUTBOX_PREFIX}${JSON.stringify([call.calendarId, call.eventId, call.solutionId])}`;

/**
 * The abandons a run stored and did not see answered (cut off after the create, say), sent again
 * under the same key: the vendor hands back what the first create made, and the record step leaves
 * it to the delete gate (soak seed 323945).
 */
export function resendOutbox(run: Run, stats: RunStats): void {
  if (run.health.down) return;
  const calls = run.state
    .sideKeys(OUTBOX_PREFIX)
    .map((key) => JSON.parse(run.state.sideValue(key) as string));
  if (calls.length > 0) sendAndRecord(run, stats, { records: [], calls });
}

/** The send and record steps of a plan (from decide, or the delete gate's decideDeletes). */
export function sendAndRecord(run: Run, stats: RunStats, plan: Plan): void {
  const results = send(sendContext(run), plan.calls);
  recordOutcomes(run, stats, plan, results);
  plan.calls.forEach((call, i) => {
    const result = results[i];
    // Answered (made, handed back, or refused for good): out of the outbox with the next save.
    if (isAbandon(call) && result?.op === 'abandon' && !isTransient(result.created))
      run.state.setSide(outboxKey(call), undefined);
  });
}
