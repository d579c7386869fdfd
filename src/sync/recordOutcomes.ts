import type { Log } from '../platform/ports';
import type { ConferenceBook } from '../state/conferenceBook';
import { type Carrier, type ConferenceRecord, clearQueue, newCarrier, newRecord } from '../state/record';
import type { DeadLetter } from '../state/userState';
import type { VendorOutcome } from '../vendor/port';
import { queuedDelayMs } from './backoff';
import type { Plan, PlannedCall } from './decide';
import type { SendResult } from './send';

/**
 * The record step: stores the plan's records, then applies each call's outcome to them. Applied
 * -> remembered (hash sent, tombstone, new record); retry-later/unreachable -> queued on the record
 * with its back-off; refused/unauthorized -> a dead letter, never a retry loop. Branches on outcome
 * kinds only.
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
  lookups: number;
}

export function emptyStats(): RunStats {
  return {
    items: 0,
    pages: 0,
    patches: 0,
    deletes: 0,
    creates: 0,
    queued: 0,
    deadLetters: 0,
    writeBacks: 0,
    lookups: 0,
  };
}

/** Per run, queued calls logged one by one before only the summary counts them. */
const QUEUED_LOG_LINES = 5;

export interface RecordContext {
  book: ConferenceBook;
  now: number;
  stats: RunStats;
  log: Log;
  /** Files a dead letter with the calendar of the given carrier index (or the run's calendar). */
  deadLetter(cal: number | undefined, letter: Omit<DeadLetter, 'at'>): void;
  /** The vendor refused our credential (per-user sign-in: forget the token). */
  onUnauthorized?: () => void;
  /** The carrier index of a calendar (watched from now on if it was not). */
  calendarIndexOf(calendarId: string): number;
}

/** Stores the plan's records (done again by recordOutcomes; saved early when creates are planned). */
export function storePlan(ctx: Pick<RecordContext, 'book'>, plan: Plan): void {
  for (const record of plan.records) ctx.book.put(record);
  for (const id of plan.forget) ctx.book.remove(id);
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
export function enqueue(
  ctx: RecordContext,
  record: ConferenceRecord,
  state: 'queued-update' | 'queued-delete',
  outcome: VendorOutcome<unknown>,
): void {
  record.state = state;
  record.attempts = Math.min(record.attempts + 1, 1000);
  const delayMs = outcome.kind === 'retry-later' ? outcome.delayMs : undefined;
  record.retryAt = Math.ceil((ctx.now + queuedDelayMs(record.attempts, delayMs)) / 1000);
  ctx.book.put(record);
  ctx.stats.queued++;
  // The first few are logged one by one; the run's summary line carries the total.
  if (ctx.stats.queued > QUEUED_LOG_LINES) return;
  ctx.log.warn({
    msg: 'vendor call queued for retry',
    op: state === 'queued-update' ? 'update' : 'delete',
    conferenceId: record.conferenceId,
    attempts: record.attempts,
    reason: failure(outcome),
  });
}

function failure(outcome: VendorOutcome<unknown>): string {
  if (outcome.kind === 'refused') return `${outcome.reason}: ${outcome.detail}`;
  if (outcome.kind === 'unauthorized' || outcome.kind === 'retry-later' || outcome.kind === 'unreachable')
    return outcome.detail;
  return outcome.kind;
}

function fileDeadLetter(
  ctx: RecordContext,
  cal: number | undefined,
  letter: Omit<DeadLetter, 'at'>,
  outcome?: VendorOutcome<unknown>,
): void {
  ctx.deadLetter(
    cal,
    outcome
      ? { ...letter, outcome: outcome.kind === 'refused' ? `refused:${outcome.reason}` : outcome.kind }
      : letter,
  );
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
  const cal = ctx.calendarIndexOf(call.calendarId);
  if (outcome.kind === 'applied') {
    record.sentHash = call.hash;
    // Only the update's own state is settled: the same batch may have queued the conference's DELETE.
    if (record.state === 'queued-update' || record.state === 'refused') {
      clearQueue(record);
      record.state = 'synced';
    }
    ctx.stats.patches++;
    if (result.writeBack?.kind === 'written') ctx.stats.writeBacks++;
    ctx.book.put(record);
  } else if (outcome.kind === 'retry-later' || outcome.kind === 'unreachable') {
    enqueue(ctx, record, 'queued-update', outcome);
  } else {
    // Parked until the event changes again (a new hash): never a retry loop.
    const gone = outcome.kind === 'already-gone';
    fileDeadLetter(
      ctx,
      cal,
      {
        op: 'update',
        conferenceId: record.conferenceId,
        ...(call.event.id ? { eventId: call.event.id } : {}),
        reason: gone ? 'the conference no longer exists at the vendor' : failure(outcome),
      },
      outcome,
    );
    clearQueue(record);
    record.sentHash = call.hash;
    record.state = gone ? 'lost' : 'refused';
    ctx.book.put(record);
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
    ctx.book.put(tombstone(record, call.formerCarriers, ctx.now));
    ctx.stats.deletes++;
  } else if (outcome.kind === 'retry-later' || outcome.kind === 'unreachable') {
    enqueue(ctx, record, 'queued-delete', outcome);
  } else {
    fileDeadLetter(
      ctx,
      call.formerCarriers[0]?.cal,
      {
        op: 'delete',
        conferenceId: record.conferenceId,
        ...(call.formerCarriers[0] ? { eventId: call.formerCarriers[0].eventId } : {}),
        reason: failure(outcome),
      },
      outcome,
    );
    ctx.book.remove(record.conferenceId);
  }
}

/** What remains of a deleted conference: its id, the events that carried it, when (30 days). */
export function tombstone(
  record: ConferenceRecord,
  formerCarriers: readonly Carrier[],
  now: number,
): ConferenceRecord {
  return newRecord({
    conferenceId: record.conferenceId,
    solutionId: record.solutionId,
    state: 'deleted',
    deletedMin: Math.floor(now / 60000),
    carriers: formerCarriers.map((c) => newCarrier(c.cal, c.eventId)),
  });
}

function recordReplace(
  ctx: RecordContext,
  call: PlannedCall & { op: 'replace' },
  result: SendResult & { op: 'replace' },
): void {
  const { created, writeBack, cleanup } = result;
  const cal = call.target.cal;
  const eventId = call.target.event.id as string;
  if (created.kind === 'applied' && created.value.id === call.conferenceId) {
    // The create handed back the very conference the event carries: it is this event's own.
    keepCarried(ctx, call, 'own');
    return;
  }
  if (created.kind === 'applied' && (writeBack?.kind === 'written' || writeBack?.kind === 'unchanged')) {
    const carrier = newCarrier(cal, eventId, carrierTimes(ctx.book.get(call.conferenceId), cal, eventId));
    ctx.book.put(
      newRecord({
        conferenceId: created.value.id,
        solutionId: call.solutionId,
        sentHash: created.replay ? '' : call.hash,
        carriers: [carrier],
      }),
    );
    ctx.stats.creates++;
    ctx.stats.writeBacks++;
    detachCarrier(ctx, call.conferenceId, cal, eventId);
    return;
  }
  if (
    created.kind === 'applied' &&
    cleanup &&
    cleanup.kind !== 'applied' &&
    cleanup.kind !== 'already-gone'
  ) {
    const orphan = newRecord({ conferenceId: created.value.id, solutionId: call.solutionId });
    enqueue(ctx, orphan, 'queued-delete', cleanup);
  }
  if (writeBack?.kind === 'not-carried') {
    detachCarrier(ctx, call.conferenceId, cal, eventId);
    return;
  }
  const transient =
    created.kind === 'retry-later' || created.kind === 'unreachable' || writeBack?.kind === 'retry-later';
  keepCarried(ctx, call, transient ? 'copy' : 'shared');
  if (!transient) {
    const reason =
      writeBack?.kind === 'refused'
        ? `Calendar refused the new conference: ${writeBack.detail}`
        : failure(created);
    const op = writeBack?.kind === 'refused' ? 'write-back' : 'create';
    fileDeadLetter(ctx, cal, { op, conferenceId: call.conferenceId, eventId, reason }, created);
  }
}

function recordAbandon(
  ctx: RecordContext,
  call: PlannedCall & { op: 'abandon' },
  result: SendResult & { op: 'abandon' },
): void {
  const { created, cleanup } = result;
  if (created.kind === 'retry-later' || created.kind === 'unreachable') {
    // Not sure yet whether a conference was left behind: the copy is asked about again later.
    const record = ctx.book.get(call.conferenceId);
    if (!record) return;
    if (record.state === 'deleted') Object.assign(record, { state: 'lost', carriers: [] });
    record.carriers.push(newCarrier(ctx.calendarIndexOf(call.calendarId), call.eventId, { role: 'copy' }));
    record.attempts = Math.min(record.attempts + 1, 1000);
    record.retryAt = Math.ceil((ctx.now + queuedDelayMs(record.attempts)) / 1000);
    ctx.book.put(record);
    return;
  }
  if (created.kind !== 'applied') return;
  if (created.value.id === call.carried) {
    // The copy carries the conference made for it: record it; the queued update sends its fields.
    const carrier = newCarrier(ctx.calendarIndexOf(call.calendarId), call.eventId);
    ctx.book.put(
      newRecord({
        conferenceId: created.value.id,
        solutionId: call.solutionId,
        carriers: [carrier],
        state: 'queued-update',
      }),
    );
    return;
  }
  if (!cleanup || cleanup.kind === 'applied' || cleanup.kind === 'already-gone') return;
  enqueue(
    ctx,
    newRecord({ conferenceId: created.value.id, solutionId: call.solutionId }),
    'queued-delete',
    cleanup,
  );
}

function carrierTimes(record: ConferenceRecord | undefined, cal: number, eventId: string): Partial<Carrier> {
  const c = record?.carriers.find((x) => x.cal === cal && x.eventId === eventId);
  return c ? { startMin: c.startMin, endMin: c.endMin, seenGen: c.seenGen } : {};
}

/** The event carries its own conference now: it no longer keeps the old one alive. */
function detachCarrier(ctx: RecordContext, conferenceId: string, cal: number, eventId: string): void {
  const record = ctx.book.get(conferenceId);
  if (!record || record.state === 'deleted') return;
  record.carriers = record.carriers.filter((c) => !(c.cal === cal && c.eventId === eventId));
  if (record.carriers.length > 0) ctx.book.put(record);
  else if (record.state === 'lost') ctx.book.remove(conferenceId);
  else {
    // Nobody carries it any more: delete it with the queued calls of this run.
    record.state = 'queued-delete';
    record.retryAt = 0;
    ctx.book.put(record);
  }
}

/**
 * The event keeps carrying the conference it has: as a copy to retry (`copy`), or for good
 * (`shared`). A restored meeting carries a conference that no longer exists: `lost` (the cards ask
 * the user to add the conference again).
 */
function keepCarried(
  ctx: RecordContext,
  call: PlannedCall & { op: 'replace' },
  role: 'own' | 'copy' | 'shared',
): void {
  const eventId = call.target.event.id as string;
  const stored = ctx.book.get(call.conferenceId);
  const record =
    !stored || stored.state === 'deleted'
      ? newRecord({ conferenceId: call.conferenceId, solutionId: call.solutionId, state: 'lost' })
      : stored;
  const existing = record.carriers.find((c) => c.cal === call.target.cal && c.eventId === eventId);
  if (existing) existing.role = role;
  else record.carriers.push(newCarrier(call.target.cal, eventId, { role }));
  if (role === 'own' && record.state === 'queued-delete') clearQueue(record); // carried: alive
  if (role === 'copy') {
    record.attempts = Math.min(record.attempts + 1, 1000);
    record.retryAt = Math.ceil((ctx.now + queuedDelayMs(record.attempts)) / 1000);
  }
  ctx.book.put(record);
  if (role === 'shared')
    ctx.log.warn({
      msg: call.restored
        ? 'restored meeting needs its conference added again'
        : 'copy keeps sharing the conference',
      conferenceId: call.conferenceId,
      eventId,
    });
}
