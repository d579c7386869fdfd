import type { WriteBackResult } from '../calendar/writeBack';
import {
  adoptedByCopy,
  type Carrier,
  type ConferenceRecord,
  carrier,
  copyWaits,
  deleted,
  lastCarrierGone,
  notCarriedBy,
  ownedBy,
  parked,
  queued,
  replacement,
  restoring,
  shared,
  strayMade,
  tombstoneAgain,
  undeleted,
  updateSent,
  vendorLost,
} from '../conference/lifecycle';
import type { Log } from '../platform/ports';
import type { ConferenceBook } from '../state/conferenceBook';
import { holds, UNKNOWN } from '../state/record';
import type { DeadLetter, ProblemKind } from '../state/userState';
import type { VendorConference, VendorOutcome } from '../vendor/port';
import type { Plan, PlannedCall } from './decide';
import type { SendResult } from './send';

/**
 * The record step: stores the plan's records, then applies each call's outcome to them through
 * the lifecycle's transitions (src/conference/lifecycle.ts). Applied -> remembered (hash sent,
 * tombstone, new record); retry-later/unreachable -> queued on the record with its back-off;
 * refused/unauthorized -> a dead letter, never a retry loop. Branches on outcome kinds only.
 */

export interface RunStats {
  items: number;
  pages: number;
  patches: number;
  deletes: number;
  creates: number;
  queued: number;
  deadLetters: number;
  writeBacks: number;
}

export function emptyStats(): RunStats {
  return { items: 0, pages: 0, patches: 0, deletes: 0, creates: 0, queued: 0, deadLetters: 0, writeBacks: 0 };
}

/** Per run, queued calls logged one by one before only the summary counts them. */
const QUEUED_LOG_LINES = 5;

export interface RecordContext {
  book: ConferenceBook;
  now: number;
  stats: RunStats;
  log: Log;
  /** Files a dead letter with the calendar of this carrier index (logged only when there is none). */
  deadLetter(cal: number | undefined, letter: Omit<DeadLetter, 'at'>): void;
  /** The vendor refused our credential (per-user sign-in: forget the token). */
  onUnauthorized?: () => void;
  /** The carrier index of a calendar the state knows (never adds one). */
  indexOf(calendarId: string): number | undefined;
}

/** Stores the plan's records (done again by recordOutcomes; saved early when creates are planned). */
export function storePlan(ctx: Pick<RecordContext, 'book'>, plan: Plan): void {
  for (const record of plan.records) ctx.book.put(record);
}

export function recordOutcomes(ctx: RecordContext, plan: Plan, results: readonly SendResult[]): void {
  storePlan(ctx, plan);
  plan.calls.forEach((call, i) => {
    const result = results[i];
    if (!result) return;
    if (call.op === 'update' && result.op === 'update') recordUpdate(ctx, call, result);
    else if (call.op === 'delete' && result.op === 'delete') recordDelete(ctx, call, result.outcome);
    else if (call.op === 'replace' && result.op === 'replace') recordReplace(ctx, call, result);
    else if (call.op === 'abandon' && result.op === 'abandon') recordAbandon(ctx, call, result);
  });
}

/** Queues a call on the record: retried by a later run once its back-off has passed. */
function enqueue(
  ctx: RecordContext,
  record: ConferenceRecord,
  op: 'update' | 'delete',
  outcome: VendorOutcome<unknown>,
): void {
  const delayMs = outcome.kind === 'retry-later' ? outcome.delayMs : undefined;
  const next = queued(record, op, ctx.now, delayMs);
  ctx.book.put(next);
  ctx.stats.queued++;
  // The first few are logged one by one; the run's summary line carries the total.
  if (ctx.stats.queued > QUEUED_LOG_LINES) return;
  ctx.log.warn({
    msg: 'vendor call queued for retry',
    op,
    conferenceId: record.conferenceId,
    attempts: next.attempts,
    reason: failure(outcome),
  });
}

function failure(outcome: VendorOutcome<unknown>): string {
  if (outcome.kind === 'refused') return `${outcome.reason}: ${outcome.detail}`;
  if (outcome.kind === 'unauthorized' || outcome.kind === 'retry-later' || outcome.kind === 'unreachable')
    return outcome.detail;
  return outcome.kind;
}

/** The kind of a permanent failure, for the cards' wording. */
function problemOf(outcome: VendorOutcome<unknown>): ProblemKind {
  if (outcome.kind === 'refused') return outcome.reason;
  if (outcome.kind === 'unauthorized') return 'unauthorized';
  return 'gone'; // already-gone: the only other outcome that ends here
}

function fileDeadLetter(
  ctx: RecordContext,
  cal: number | undefined,
  letter: Omit<DeadLetter, 'at'>,
  outcome?: VendorOutcome<unknown>,
): void {
  ctx.deadLetter(cal, letter);
  ctx.stats.deadLetters++;
  if (outcome?.kind === 'unauthorized') ctx.onUnauthorized?.();
  ctx.log.error({
    msg: 'vendor call failed permanently (dead letter)',
    op: letter.op,
    conferenceId: letter.conferenceId,
    reason: letter.reason,
  });
}

function recordUpdate(
  ctx: RecordContext,
  call: PlannedCall & { op: 'update' },
  result: SendResult & { op: 'update' },
): void {
  const record = ctx.book.get(call.conferenceId);
  if (!record) return;
  const { outcome } = result;
  if (outcome.kind === 'applied') {
    ctx.book.put(updateSent(record, call.hash));
    ctx.stats.patches++;
    if (result.writeBack?.kind === 'written') ctx.stats.writeBacks++;
  } else if (outcome.kind === 'retry-later' || outcome.kind === 'unreachable') {
    enqueue(ctx, record, 'update', outcome);
  } else if (outcome.kind === 'already-gone') {
    // Live events carry it: have it back from the vendor's trash, or a new one (the replace path).
    ctx.book.put(vendorLost(record));
    ctx.log.warn({
      msg: 'the vendor no longer has a conference live events carry',
      conferenceId: record.conferenceId,
    });
  } else {
    // Parked until the event changes again (a new hash): never a retry loop.
    fileDeadLetter(
      ctx,
      ctx.indexOf(call.calendarId),
      {
        op: 'update',
        conferenceId: record.conferenceId,
        ...(call.event.id ? { eventId: call.event.id } : {}),
        problem: problemOf(outcome),
        reason: failure(outcome),
      },
      outcome,
    );
    ctx.book.put(parked(record, call.hash));
  }
}

function recordDelete(
  ctx: RecordContext,
  call: PlannedCall & { op: 'delete' },
  outcome: VendorOutcome<unknown>,
): void {
  const record = ctx.book.get(call.conferenceId);
  if (!record) return;
  if (outcome.kind === 'applied' || outcome.kind === 'already-gone') {
    ctx.book.put(deleted(record, ctx.now));
    ctx.stats.deletes++;
  } else if (outcome.kind === 'retry-later' || outcome.kind === 'unreachable') {
    enqueue(ctx, record, 'delete', outcome);
  } else {
    const former = record.carriers[0];
    fileDeadLetter(
      ctx,
      former?.cal,
      {
        op: 'delete',
        conferenceId: record.conferenceId,
        ...(former ? { eventId: former.eventId } : {}),
        problem: problemOf(outcome),
        reason: failure(outcome),
      },
      outcome,
    );
    ctx.book.remove(record.conferenceId);
  }
}

function recordReplace(
  ctx: RecordContext,
  call: PlannedCall & { op: 'replace' },
  result: SendResult & { op: 'replace' },
): void {
  const { created, writeBack } = result;
  const by = targetCarrier(ctx, call);
  if (created.kind === 'applied' && created.value.id === call.conferenceId) {
    const stored = ctx.book.get(call.conferenceId);
    // The vendor undid its delete, with the event's fields: the restored meeting keeps its join link.
    if (call.rule === 'ask-back' && stored) ctx.book.put(undeleted(stored, by, call.hash));
    // The create handed back the very conference the event carries: it is this event's own.
    else keepCarried(ctx, call, by, 'own');
    return;
  }
  if (created.kind === 'applied' && (writeBack?.kind === 'written' || writeBack?.kind === 'unchanged')) {
    const relinked = call.restored ? { relinkedAt: ctx.now } : {};
    // A replay is an earlier create's conference: what it holds is not what this one sent.
    const vendor = created.replay ? UNKNOWN : holds(call.hash);
    const fresh = created.replay ? {} : { madeAt: ctx.now };
    const { solutionId } = call;
    ctx.book.put(
      replacement({ conferenceId: created.value.id, solutionId, by, vendor, ...relinked, ...fresh }),
    );
    ctx.stats.creates++;
    ctx.stats.writeBacks++;
    detachCarrier(ctx, call.conferenceId, by);
    recordParts(ctx, call, created.value.id, result.partsWritten ?? []);
    return;
  }
  // Made but not put on the event: nobody carries it; the delete gate takes it back.
  if (created.kind === 'applied') {
    // Refused, or not asked for (the event changed meanwhile): the write-back certainly did not happen.
    const unwritten = writeBack?.kind === 'refused' || writeBack?.kind === 'not-carried';
    ctx.book.put(strayMade(created.value.id, call.solutionId, by, made(ctx, created, unwritten)));
  }
  if (writeBack?.kind === 'not-carried') detachCarrier(ctx, call.conferenceId, by);
  else if (result.undone?.kind === 'applied') sharedAfterUndo(ctx, call, by);
  else keptCarried(ctx, call, by, created, writeBack);
}

/**
 * The restored meeting's other parts, given its new conference too: each one written carries it
 * (the part that speaks is the call's target). One Calendar would not take yet waits for a
 * conference of its own (asked for again by a later run); one the user changed meanwhile is left to
 * its next listing.
 */
function recordParts(
  ctx: RecordContext,
  call: PlannedCall & { op: 'replace' },
  conferenceId: string,
  written: readonly WriteBackResult[],
): void {
  call.parts.forEach((part, i) => {
    const by = partCarrier(ctx, call.conferenceId, part.cal, part.event.id as string);
    const result = written[i];
    const fresh = ctx.book.get(conferenceId);
    if ((result?.kind === 'written' || result?.kind === 'unchanged') && fresh) {
      // One of the meeting's own events; the vendor holds the speaking part's fields (the target's).
      ctx.book.put(ownedBy(fresh, by, call.hash));
      if (result.kind === 'written') ctx.stats.writeBacks++;
      detachCarrier(ctx, call.conferenceId, by);
      return;
    }
    const stored = ctx.book.get(call.conferenceId);
    if (result?.kind === 'not-carried' || !stored) detachCarrier(ctx, call.conferenceId, by);
    else ctx.book.put(copyWaits(stored, by, ctx.now));
  });
}

/** A copy of a restored meeting shares its conference, given back by the vendor (Calendar refused its own). */
function sharedAfterUndo(ctx: RecordContext, call: PlannedCall & { op: 'replace' }, by: Carrier): void {
  const stored = ctx.book.get(call.conferenceId);
  if (stored) ctx.book.put(shared(undeleted(stored, by, call.hash), by));
  ctx.log.warn({ msg: 'copy shares the conference the vendor gave back', conferenceId: call.conferenceId });
}

/** The event keeps the conference it carries: to retry later, or for good (a dead letter says why). */
function keptCarried(
  ctx: RecordContext,
  call: PlannedCall & { op: 'replace' },
  by: Carrier,
  created: VendorOutcome<VendorConference>,
  writeBack: WriteBackResult | undefined,
): void {
  const transient =
    created.kind === 'retry-later' || created.kind === 'unreachable' || writeBack?.kind === 'retry-later';
  keepCarried(ctx, call, by, transient ? 'copy' : 'shared');
  if (transient) return;
  const refusedWrite = writeBack?.kind === 'refused';
  const reason = refusedWrite ? `Calendar refused the new conference: ${writeBack.detail}` : failure(created);
  const letter: Omit<DeadLetter, 'at'> = {
    op: refusedWrite ? 'write-back' : 'create',
    conferenceId: call.conferenceId,
    eventId: by.eventId,
    problem: refusedWrite ? 'write-refused' : problemOf(created),
    reason,
  };
  fileDeadLetter(ctx, by.cal, letter, refusedWrite ? undefined : created);
}

/** The event a replace was for, as its carrier (times as recorded). */
function targetCarrier(ctx: RecordContext, call: PlannedCall & { op: 'replace' }): Carrier {
  const eventId = call.target.event.id as string;
  const known = ctx.book
    .get(call.conferenceId)
    ?.carriers.find((c) => c.cal === call.target.cal && c.eventId === eventId);
  return known ?? carrier(call.target.cal, eventId);
}

/** Another part of the meeting a replace was for, as its record has it carrying the conference. */
function partCarrier(ctx: RecordContext, conferenceId: string, cal: number, eventId: string): Carrier {
  const known = ctx.book
    .get(conferenceId)
    ?.carriers.find((c) => c.cal === cal && c.eventId === eventId && c.role !== 'former');
  return known ?? carrier(cal, eventId);
}

function recordAbandon(
  ctx: RecordContext,
  call: PlannedCall & { op: 'abandon' },
  result: SendResult & { op: 'abandon' },
): void {
  const { created } = result;
  const cal = ctx.indexOf(call.calendarId);
  if (cal === undefined) return;
  const by = carrier(cal, call.eventId);
  if (created.kind === 'retry-later' || created.kind === 'unreachable') {
    // Not sure yet whether a conference was left behind: the copy is asked about again later.
    const record = ctx.book.get(call.conferenceId);
    if (!record) return;
    const waiting = record.state === 'deleted' ? restoring(record, by) : record;
    ctx.book.put(copyWaits(waiting, by, ctx.now));
    return;
  }
  if (created.kind !== 'applied') return;
  if (created.value.id === call.conferenceId) {
    // The conference itself, live after all (an undo a run cut off never recorded): nothing new was
    // made. Taken for deleted, it now waits for the delete gate like any conference nobody carries.
    const record = ctx.book.get(call.conferenceId);
    if (record?.state === 'deleted') ctx.book.put(lastCarrierGone(record, []));
    return;
  }
  // A conference we already track is neither new nor a stray: the key is per calendar + event +
  // solution, so the event's own conference (onCreate's, when the user added ours to the copy) comes
  // back under it. Its record, as this batch's plan left it, decides. Taken for a stray it was
  // deleted under a split part; adopted afresh it lost the part that speaks (soak seed 600767).
  if (isTracked(ctx.book.get(created.value.id))) return;
  // The copy carries the conference made for it: record it; the queued update sends its fields.
  if (created.value.id === call.carried) ctx.book.put(adoptedByCopy(created.value.id, call.solutionId, by));
  // Otherwise a conference the copy's create may have left behind: the delete gate takes it back.
  else ctx.book.put(strayMade(created.value.id, call.solutionId, by, made(ctx, created, true)));
}

/** A record the book keeps for a live conference (not a tombstone). */
const isTracked = (record: ConferenceRecord | undefined) =>
  record !== undefined && record.state !== 'deleted';

/**
 * When the vendor made what a create answered (now), and whether it was never put on an event:
 * unknown when the answer replayed an earlier create, which a run cut off may have written back.
 */
function made(ctx: RecordContext, created: { replay?: boolean }, unwritten: boolean) {
  return created.replay ? undefined : { at: ctx.now, neverCarried: unwritten };
}

/** The event carries its own conference now: it no longer keeps the old one alive. */
function detachCarrier(ctx: RecordContext, conferenceId: string, by: Carrier): void {
  const record = ctx.book.get(conferenceId);
  if (!record || record.state === 'deleted') return;
  const next = notCarriedBy(record, by.cal, by.eventId);
  if (next.carriers.some((c) => c.role !== 'former')) ctx.book.put(next);
  // Gone at the vendor and carried by nothing now: a tombstone again (a later restore is known).
  else if (record.state === 'lost') ctx.book.put(tombstoneAgain(next, []));
  // Nobody carries it any more: it waits for the delete gate (which lists every calendar first). The
  // copy that left carries its own conference now: it is not one of this one's former carriers.
  else ctx.book.put(lastCarrierGone(next, []));
}

/**
 * The event keeps carrying the conference it has: as its own, as a copy to retry (`copy`), or for
 * good (`shared`). A restored meeting carries a conference that no longer exists: `lost` (the cards
 * ask the user to add the conference again).
 */
function keepCarried(
  ctx: RecordContext,
  call: PlannedCall & { op: 'replace' },
  by: Carrier,
  role: 'own' | 'copy' | 'shared',
): void {
  const stored = ctx.book.get(call.conferenceId);
  const record =
    !stored || stored.state === 'deleted'
      ? restoring(stored ?? strayMade(call.conferenceId, call.solutionId, by), by)
      : stored;
  if (role === 'own') ctx.book.put(ownedBy(record, by, call.hash));
  else if (role === 'copy') ctx.book.put(copyWaits(record, by, ctx.now));
  else ctx.book.put(shared(record, by));
  if (role === 'shared')
    ctx.log.warn({
      msg: call.restored
        ? 'restored meeting needs its conference added again'
        : 'copy keeps sharing the conference',
      conferenceId: call.conferenceId,
      eventId: by.eventId,
    });
}
