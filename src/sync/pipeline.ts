import type { CalendarErrorKind } from '../calendar/apiErrors';
import type { UserState } from '../state/userState';
import type { RunContext } from './context';
import { type BookView, type Change, decide } from './decide';
import { lookUp } from './lookUp';
import { type RecordContext, recordOutcomes, storePlan } from './recordOutcomes';
import { send } from './send';

/**
 * One batch of changes through the steps, in one direction:
 * decide (pure) -> [look up, decide again with the answers] -> send -> record.
 * The caller lists the batch before and saves after.
 */
export type BatchResult = { ok: true; calls: number } | { ok: false; kind: CalendarErrorKind };

export function bookView(state: UserState): BookView {
  return {
    get: (id) => state.book.get(id),
    carriedBy: (cal, eventId) => state.book.carriedBy(cal, eventId),
    calendarIdOf: (index) => state.byIndex(index)?.id,
  };
}

export function recordContext(run: RunContext): RecordContext {
  const { state, services } = run;
  return {
    book: state.book,
    now: services.clock.now(),
    stats: run.stats,
    log: services.log,
    deadLetter: (index, letter) => {
      const cal = (index === undefined ? undefined : state.byIndex(index)) ?? state.calendar(run.calendarId);
      cal.addDeadLetter({ at: services.clock.now(), ...letter });
    },
    ...(services.onVendorUnauthorized ? { onUnauthorized: services.onVendorUnauthorized } : {}),
    calendarIndexOf: (calendarId) => state.calendar(calendarId).index,
  };
}

export function processBatch(run: RunContext, changes: readonly Change[]): BatchResult {
  if (changes.length === 0) return { ok: true, calls: 0 };
  const view = bookView(run.state);
  let plan = decide(changes, view, { lookedUp: false });
  if (plan.lookups.length > 0) {
    const answers = lookUp(run, plan.lookups);
    if (!answers.ok) return answers;
    plan = decide([...changes, ...answers.changes], view, { lookedUp: true });
  }
  if (plan.calls.some((c) => c.op === 'replace')) {
    // A copy is about to get its own conference: remember it first, so a run cut off after the
    // create still knows (and can take back) what it may have made.
    storePlan(run.state, plan);
    run.state.save();
  }
  const results = send(
    {
      vendor: run.vendor,
      calendar: run.services.calendar,
      clock: run.services.clock,
      stopAt: run.stopAt,
      health: run.health,
    },
    plan.calls,
  );
  recordOutcomes(recordContext(run), plan, results);
  return { ok: true, calls: plan.calls.length };
}
