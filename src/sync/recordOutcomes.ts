import * as lifecycle from '../conference/lifecycle';
import { type Carrier, type ConferenceRecord, holds, UNKNOWN } from '../conference/lifecycle';
import type { Log } from '../platform/ports';
import type { ConferenceBook, DeadLetter, ProblemKind } from '../state/userState';
import { isTransient, type VendorOutcome } from '../vendor/port';
import type { Plan, PlannedCall } from './decide';
import type { Run } from './runSync';
import type { SendResult } from './send';

/**
 * The record step: each call's answer applied to the records through the lifecycle's transitions.
 * Applied -> remembered; transient -> queued with its back-off; refused -> a dead letter, never a loop.
 */

/** What a run counts for its summary line: what it listed, and what it did. */
const LISTED = { items: 0, pages: 0 };
const DONE = { patches: 0, deletes: 0, creates: 0, queued: 0, deadLetters: 0, writeBacks: 0 };
export type RunStats = typeof LISTED & typeof DONE;
export const emptyStats = (): RunStats => ({ ...LISTED, ...DONE });

/** Per run, queued calls logged one by one before only the summary counts them. */
const QUEUED_LOG_LINES = 5;

type Ctx = { readonly run: Run; readonly book: ConferenceBook; stats: RunStats; now: number; log: Log };
type Call<Op> = PlannedCall & { op: Op };
type Answer<Op> = SendResult & { op: Op };
type Outcome = VendorOutcome<unknown>;

export function recordOutcomes(run: Run, stats: RunStats, plan: Plan, results: readonly SendResult[]): void {
  const { state, services } = run;
  const ctx: Ctx = { run, book: state.book, stats, now: services.clock.now(), log: services.log };
  for (const record of plan.records) ctx.book.put(record); // again if processBatch stored them early
  plan.calls.forEach((call, i) => {
    const result = results[i];
    if (call.op === 'update' && result?.op === 'update') recordUpdate(ctx, call, result);
    else if (call.op === 'delete' && result?.op === 'delete') recordDelete(ctx, call, result.outcome);
    else if (call.op === 'replace' && result?.op === 'replace') recordReplace(ctx, call, result);
    else if (call.op === 'abandon' && result?.op === 'abandon') recordAbandon(ctx, call, result.created);
  });
}

function enqueue(ctx: Ctx, record: ConferenceRecord, op: 'update' | 'delete', outcome: Outcome): void {
  const delayMs = outcome.kind === 'retry-later' ? outcome.delayMs : undefined;
  const next = lifecycle.queued(record, op, ctx.now, delayMs);
  ctx.book.put(next);
  if (++ctx.stats.queued > QUEUED_LOG_LINES) return;
  const { conferenceId, attempts } = next;
  ctx.log.warn({ msg: 'vendor call queued for retry', op, conferenceId, attempts, reason: failure(outcome) });
}

function failure(outcome: Outcome): string {
  if (outcome.kind === 'refused') return `${outcome.reason}: ${outcome.detail}`;
  return outcome.kind === 'applied' || outcome.kind === 'already-gone' ? outcome.kind : outcome.detail;
}

/** A permanent failure's kind (for the cards' wording) and details: refused, unauthorized or already-gone. */
function permanent(outcome: Outcome): Pick<DeadLetter, 'problem' | 'reason'> {
  const problem: ProblemKind =
    outcome.kind === 'refused' ? outcome.reason : outcome.kind === 'unauthorized' ? 'unauthorized' : 'gone';
  return { problem, reason: failure(outcome) };
}

/** Filed with the calendar of carrier index `cal`; with none, only logged (never a guessed calendar). */
function fileDeadLetter(
  ctx: Ctx,
  cal: number | undefined,
  letter: Omit<DeadLetter, 'at'>,
  outcome?: Outcome,
) {
  const { state, services } = ctx.run;
  if (cal !== undefined) state.byIndex(cal)?.addDeadLetter({ at: services.clock.now(), ...letter });
  ctx.stats.deadLetters++;
  // Per-user sign-in: the vendor refused our credential, so the token is forgotten.
  if (outcome?.kind === 'unauthorized') services.onVendorUnauthorized?.();
  const { op, conferenceId, reason } = letter;
  ctx.log.error({ msg: 'vendor call failed permanently (dead letter)', op, conferenceId, reason });
}

function recordUpdate(ctx: Ctx, call: Call<'update'>, result: Answer<'update'>) {
  const record = ctx.book.get(call.conferenceId);
  if (!record) return;
  const { outcome } = result;
  const { conferenceId } = record;
  if (outcome.kind === 'applied') {
    ctx.book.put(lifecycle.updateSent(record, call.hash));
    ctx.stats.patches++;
    if (result.writeBack?.kind === 'written') ctx.stats.writeBacks++;
  } else if (isTransient(outcome)) {
    enqueue(ctx, record, 'update', outcome);
  } else if (outcome.kind === 'already-gone') {
    // Live events carry it: have it back from the vendor's trash, or a new one (the replace path).
    ctx.book.put(lifecycle.vendorLost(record));
    ctx.log.warn({ msg: 'the vendor no longer has a conference live events carry', conferenceId });
  } else {
    // Parked until the event changes again (a new hash).
    const eventId = call.event.id ? { eventId: call.event.id } : {};
    const cal = ctx.run.state.find(call.calendarId)?.index;
    fileDeadLetter(ctx, cal, { op: 'update', conferenceId, ...eventId, ...permanent(outcome) }, outcome);
    ctx.book.put(lifecycle.parked(record, call.hash));
  }
}

function recordDelete(ctx: Ctx, call: Call<'delete'>, outcome: Outcome) {
  const record = ctx.book.get(call.conferenceId);
  if (!record) return;
  if (outcome.kind === 'applied' || outcome.kind === 'already-gone') {
    ctx.book.put(lifecycle.deleted(record, ctx.now));
    ctx.stats.deletes++;
  } else if (isTransient(outcome)) {
    enqueue(ctx, record, 'delete', outcome);
  } else {
    const place = record.meeting[0] ?? record.carriers[0];
    const { conferenceId, solutionId } = record;
    const where = { conferenceId, solutionId, ...(place ? { eventId: place.eventId } : {}) };
    fileDeadLetter(ctx, place?.cal, { op: 'delete', ...where, ...permanent(outcome) }, outcome);
    ctx.book.remove(call.conferenceId);
  }
}

function recordReplace(ctx: Ctx, call: Call<'replace'>, result: Answer<'replace'>): void {
  const { created, writeBack } = result;
  const by = carrierOf(ctx, call.conferenceId, call.target.cal, call.target.event.id as string);
  const stored = ctx.book.get(call.conferenceId);
  if (created.kind === 'applied' && created.value.id === call.conferenceId) {
    // The vendor undid its delete, with the event's fields: the restored meeting keeps its join link.
    if (call.rule === 'ask-back' && stored) ctx.book.put(lifecycle.undeleted(stored, by, call.hash));
    // The create handed back the very conference the event carries: it is this event's own.
    else ctx.book.put(lifecycle.ownedBy(carriedRecord(ctx, call, by), by, call.hash));
    return;
  }
  if (result.undoDidNotLand && stored?.state === 'lost') ctx.book.put(lifecycle.undoDidNotLand(stored));
  if (created.kind === 'applied' && (writeBack?.kind === 'written' || writeBack?.kind === 'unchanged')) {
    // A replay is an earlier create's conference: what it holds is not what this one sent.
    const belief = created.replay ? { vendor: UNKNOWN } : { vendor: holds(call.hash), madeAt: ctx.now };
    const relinked = call.restored ? { relinkedAt: ctx.now } : {};
    const { id: conferenceId } = created.value;
    const { solutionId } = call;
    ctx.book.put(lifecycle.replacement({ conferenceId, solutionId, by, ...belief, ...relinked }));
    ctx.stats.creates++;
    ctx.stats.writeBacks++;
    detachCarrier(ctx, call.conferenceId, by);
    recordParts(ctx, call, conferenceId, result);
    return;
  }
  // Made but not put on the event: nobody carries it; the delete gate takes it back.
  if (created.kind === 'applied') {
    // Refused, or not asked for (the event changed meanwhile): the write-back certainly did not happen.
    const unwritten = writeBack?.kind === 'refused' || writeBack?.kind === 'not-carried';
    ctx.book.put(lifecycle.strayMade(created.value.id, call.solutionId, by, made(ctx, created, unwritten)));
  }
  if (writeBack?.kind === 'not-carried') {
    detachCarrier(ctx, call.conferenceId, by);
  } else if (result.undone?.outcome.kind === 'applied') {
    // A copy of a restored meeting shares the conference the vendor gave back (Calendar refused its own).
    const { sentHash } = result.undone;
    if (stored) ctx.book.put(lifecycle.shared(lifecycle.undeleted(stored, by, sentHash), by));
    ctx.log.warn({ msg: 'copy shares the conference the vendor gave back', conferenceId: call.conferenceId });
  } else {
    keptCarried(ctx, call, by, result);
  }
}

/**
 * The restored meeting's other parts get its new conference too. One Calendar would not take yet waits
 * for its own (a later run asks again); one the user changed meanwhile is left to its next listing.
 */
function recordParts(ctx: Ctx, call: Call<'replace'>, conferenceId: string, answer: Answer<'replace'>) {
  call.parts.forEach((part, i) => {
    const by = carrierOf(ctx, call.conferenceId, part.cal, part.event.id as string);
    const result = answer.partsWritten?.[i];
    const fresh = ctx.book.get(conferenceId);
    if ((result?.kind === 'written' || result?.kind === 'unchanged') && fresh) {
      // The vendor holds the speaking part's fields (the call's target's).
      ctx.book.put(lifecycle.ownedBy(fresh, by, call.hash));
      if (result.kind === 'written') ctx.stats.writeBacks++;
      detachCarrier(ctx, call.conferenceId, by);
      return;
    }
    const stored = ctx.book.get(call.conferenceId);
    if (result?.kind === 'not-carried' || !stored) detachCarrier(ctx, call.conferenceId, by);
    else ctx.book.put(lifecycle.copyWaits(stored, by, ctx.now));
  });
}

/**
 * No new conference on the event: it keeps its old one, to retry (a transient create, write-back or
 * undo) or for good (`shared`, a dead letter).
 */
function keptCarried(ctx: Ctx, call: Call<'replace'>, by: Carrier, result: Answer<'replace'>): void {
  const { created, writeBack } = result;
  const record = carriedRecord(ctx, call, by);
  // The undo a refused copy asked for got no answer: a later run asks again, as for any transient failure.
  const undoUnanswered = result.undone !== undefined && isTransient(result.undone.outcome);
  if (isTransient(created) || writeBack?.kind === 'retry-later' || undoUnanswered) {
    ctx.book.put(lifecycle.copyWaits(record, by, ctx.now));
    return;
  }
  ctx.book.put(lifecycle.shared(record, by));
  const where = { conferenceId: call.conferenceId, eventId: by.eventId };
  const msg = call.restored
    ? 'restored meeting needs its conference added again'
    : 'copy keeps sharing the conference';
  ctx.log.warn({ msg, ...where });
  if (writeBack?.kind === 'refused') {
    const reason = `Calendar refused the new conference: ${writeBack.detail}`;
    fileDeadLetter(ctx, by.cal, { op: 'write-back', ...where, problem: 'write-refused', reason });
  } else {
    fileDeadLetter(ctx, by.cal, { op: 'create', ...where, ...permanent(created) }, created);
  }
}

/** The record of what the event carries: a restored meeting's is `lost` (the cards ask to add it again). */
function carriedRecord(ctx: Ctx, call: Call<'replace'>, by: Carrier): ConferenceRecord {
  const stored = ctx.book.get(call.conferenceId);
  if (stored && stored.state !== 'deleted') return stored;
  return lifecycle.restoring(stored ?? lifecycle.strayMade(call.conferenceId, call.solutionId, by), by);
}

/** The event as the record has it carrying the conference (its times as recorded), or a new carrier. */
function carrierOf(ctx: Ctx, conferenceId: string, cal: number, eventId: string): Carrier {
  return lifecycle.carrierAt(ctx.book.get(conferenceId), { cal, eventId }) ?? lifecycle.carrier(cal, eventId);
}

function recordAbandon(ctx: Ctx, call: Call<'abandon'>, created: Answer<'abandon'>['created']): void {
  const cal = ctx.run.state.find(call.calendarId)?.index;
  if (cal === undefined) return;
  const by = lifecycle.carrier(cal, call.eventId);
  const record = ctx.book.get(call.conferenceId);
  if (isTransient(created)) {
    // Not sure yet whether a conference was left behind: the copy is asked about again later.
    const waiting = record?.state === 'deleted' ? lifecycle.restoring(record, by) : record;
    if (waiting) ctx.book.put(lifecycle.copyWaits(waiting, by, ctx.now));
    return;
  }
  if (created.kind !== 'applied') return;
  if (created.value.id === call.conferenceId) {
    // The conference itself, live after all (an undo a cut-off run never recorded): nothing new was
    // made. Taken for deleted, it now waits for the delete gate like any conference nobody carries.
    if (record?.state === 'deleted') ctx.book.put(lifecycle.lastCarrierGone(record));
    return;
  }
  // The key is per calendar + event + solution, so a conference we already track (onCreate's, when
  // the user added ours to the copy) comes back under it: its record decides (soak seed 600767).
  const tracked = ctx.book.get(created.value.id);
  if (tracked && tracked.state !== 'deleted') return;
  // The copy carries the conference made for it: the queued update sends its fields.
  const { id } = created.value;
  if (id === call.carried) ctx.book.put(lifecycle.adoptedByCopy(id, call.solutionId, by));
  // Otherwise a conference the copy's create may have left behind: the delete gate takes it back.
  else ctx.book.put(lifecycle.strayMade(id, call.solutionId, by, made(ctx, created, true)));
}

/** When the vendor made it (now): unknown for a replayed create, which a cut-off run may have written back. */
function made(ctx: Ctx, created: { replay?: boolean }, unwritten: boolean) {
  return created.replay ? undefined : { at: ctx.now, neverCarried: unwritten };
}

/** The event carries its own conference now: it no longer keeps the old one alive. */
function detachCarrier(ctx: Ctx, conferenceId: string, by: Carrier): void {
  const record = ctx.book.get(conferenceId);
  if (!record || record.state === 'deleted') return;
  const next = lifecycle.notCarriedBy(record, by.cal, by.eventId);
  if (lifecycle.isCarried(next)) ctx.book.put(next);
  // Gone at the vendor and carried by nothing now; an undo of an earlier run may have landed unheard.
  else if (record.state === 'lost') ctx.book.put(lifecycle.lostUncarried(next, ctx.now));
  // Nobody carries it: it waits for the delete gate (which lists every calendar first).
  else ctx.book.put(lifecycle.lastCarrierGone(next));
}
