import { type WriteBackResult, writeConference } from '../calendar/writeBack';
import type { CalendarApi, Clock } from '../platform/ports';
import {
  type CreateRequest,
  isTransient,
  type VendorCall,
  type VendorConference,
  type VendorOutcome,
  type VendorPort,
} from '../vendor/port';
import { INLINE_ATTEMPTS, INLINE_MAX_WAIT_MS, inlineDelayMs } from './backoff';
import type { PlannedCall } from './decide';

/**
 * The send step: makes the plan's vendor calls (and the Calendar writes that must follow them) and
 * returns what happened to each, touching no stored state. Independent calls go out together in
 * batches (one UrlFetchApp.fetchAll each); transient failures are retried inline with short
 * exponential waits while the run's budget allows; what still fails comes back as `retry-later`
 * for the record step to queue. Branches on outcome kinds only.
 */

/** Independent vendor calls go out together, in batches of this size (UrlFetchApp.fetchAll). */
export const VENDOR_BATCH_SIZE = 25;

export interface VendorHealth {
  /** The vendor answered in this run. */
  up: boolean;
  /** Calls kept failing in this run: the rest is queued without knocking again. */
  down: boolean;
}

export interface SendContext {
  vendor: VendorPort;
  calendar: CalendarApi;
  clock: Clock;
  /** No new work starts after this time (epoch ms): the final save and log must still fit. */
  stopAt: number;
  health: VendorHealth;
}

export type SendResult =
  | { op: 'update'; outcome: VendorOutcome<VendorConference | null>; writeBack?: WriteBackResult }
  | { op: 'delete'; outcome: VendorOutcome<unknown> }
  | {
      op: 'replace';
      created: VendorOutcome<VendorConference>;
      writeBack?: WriteBackResult;
      /** The new conference deleted again because it could not be put on the event. */
      cleanup?: VendorOutcome<unknown>;
    }
  | { op: 'abandon'; created: VendorOutcome<VendorConference>; cleanup?: VendorOutcome<unknown> };

const notTried = (detail: string) => ({ kind: 'retry-later' as const, detail });

export function send(ctx: SendContext, calls: readonly PlannedCall[]): SendResult[] {
  const batched = calls.filter((c) => c.op === 'update' || c.op === 'delete');
  const outcomes = sendWithRetries(ctx, batched.map(toVendorCall));
  const results = new Map<PlannedCall, SendResult>();
  batched.forEach((call, i) => {
    const outcome = outcomes[i] ?? notTried('no answer');
    if (call.op === 'delete') results.set(call, { op: 'delete', outcome });
    else results.set(call, updated(ctx, call, outcome as VendorOutcome<VendorConference | null>));
  });
  for (const call of calls) {
    if (call.op === 'replace') results.set(call, replace(ctx, call));
    else if (call.op === 'abandon') results.set(call, abandon(ctx, call));
  }
  return calls.map((c) => results.get(c) ?? { op: 'delete', outcome: notTried('not sent') });
}

/**
 * A create for an event's own conference, idempotent per calendar + event + solution (the same key
 * onCreate uses, so if the user picks our solution on the event later, onCreate gets this one back).
 * A restored event keeps the id of the event whose conference we deleted: a vendor that hands that
 * deleted conference back for the key is asked again under a key derived from it, as onCreate does.
 */
function createFor(
  ctx: SendContext,
  request: CreateRequest,
  deletedId?: string,
): VendorOutcome<VendorConference> {
  const created = ctx.vendor.create(request);
  if (created.kind !== 'applied' || deletedId === undefined || created.value.id !== deletedId) return created;
  return ctx.vendor.create({ ...request, after: deletedId });
}

/** The create a copy may have left behind, asked for again (same key) and deleted. */
function abandon(ctx: SendContext, call: PlannedCall & { op: 'abandon' }): SendResult {
  if (ctx.health.down) return { op: 'abandon', created: notTried('vendor unreachable in this run') };
  const request: CreateRequest = {
    calendarId: call.calendarId,
    eventId: call.eventId,
    solutionId: call.solutionId,
    fields: { title: null, start: null, end: null, attendees: [], recurrence: [] },
  };
  const created = createFor(ctx, request, call.restored ? call.conferenceId : undefined);
  noteHealth(ctx, [created]);
  // The event carries what the create handed back: the write-back went through before the run that
  // made it was cut off. Keep it.
  if (created.kind !== 'applied' || created.value.id === call.carried) return { op: 'abandon', created };
  const [cleanup] = sendWithRetries(ctx, [{ op: 'delete', conferenceId: created.value.id }]);
  return { op: 'abandon', created, cleanup: cleanup ?? notTried('no answer') };
}

function toVendorCall(call: PlannedCall): VendorCall {
  return call.op === 'update'
    ? { op: 'update', conferenceId: call.conferenceId, fields: call.fields }
    : { op: 'delete', conferenceId: call.conferenceId };
}

/** An applied update whose answer moved the meeting to a new join URL: put it on the event. */
function updated(
  ctx: SendContext,
  call: PlannedCall & { op: 'update' },
  outcome: VendorOutcome<VendorConference | null>,
): SendResult {
  if (outcome.kind !== 'applied' || !outcome.value) return { op: 'update', outcome };
  const writeBack = writeConference(
    ctx.calendar,
    call.calendarId,
    call.event,
    call.conferenceId,
    outcome.value,
  );
  return { op: 'update', outcome, writeBack };
}

/**
 * A restored meeting whose conference the vendor can give back keeps the join link its guests
 * have: `applied` with the very id. Anything else (no such capability, gone for good) makes a new one.
 */
function undelete(
  ctx: SendContext,
  call: PlannedCall & { op: 'replace' },
): VendorOutcome<VendorConference> | undefined {
  if (!call.undo || !ctx.vendor.undelete) return undefined;
  const back = ctx.vendor.undelete(call.conferenceId, call.fields);
  noteHealth(ctx, [back]);
  if (back.kind === 'applied' && back.value.id === call.conferenceId) return back;
  return isTransient(back) ? back : undefined;
}

/** A copy or a restored meeting gets its own conference, written onto the event. */
function replace(ctx: SendContext, call: PlannedCall & { op: 'replace' }): SendResult {
  if (ctx.health.down) return { op: 'replace', created: notTried('vendor unreachable in this run') };
  const back = undelete(ctx, call);
  if (back) return { op: 'replace', created: back };
  const { target } = call;
  const request: CreateRequest = {
    calendarId: target.calendarId,
    eventId: target.event.id as string,
    solutionId: call.solutionId,
    fields: call.fields,
  };
  const created = createFor(ctx, request, call.restored ? call.conferenceId : undefined);
  noteHealth(ctx, [created]);
  if (created.kind !== 'applied') return { op: 'replace', created };
  const writeBack = writeConference(
    ctx.calendar,
    target.calendarId,
    target.event,
    call.conferenceId,
    created.value,
  );
  if (writeBack.kind === 'written' || writeBack.kind === 'unchanged')
    return { op: 'replace', created, writeBack };
  // Nobody will carry the new conference: take it back.
  const [cleanup] = sendWithRetries(ctx, [{ op: 'delete', conferenceId: created.value.id }]);
  return { op: 'replace', created, writeBack, cleanup: cleanup ?? notTried('no answer') };
}

function noteHealth(ctx: SendContext, outcomes: readonly VendorOutcome<unknown>[]): void {
  if (outcomes.some((o) => o.kind !== 'unreachable' && o.kind !== 'retry-later')) ctx.health.up = true;
}

/**
 * Sends calls in rounds. After a round where nothing got through, only one call probes the next
 * round; once the vendor answers, the rest follows. Gives up (leaving `retry-later`) when the next
 * wait is too long or would cross the budget; a run that never reached the vendor marks it down.
 */
export function sendWithRetries(ctx: SendContext, calls: readonly VendorCall[]): VendorOutcome<unknown>[] {
  const outcomes: VendorOutcome<unknown>[] = calls.map(() => notTried('vendor unreachable in this run'));
  if (ctx.health.down || calls.length === 0) return outcomes;
  let waiting = calls.map((_, i) => i);
  for (let attempt = 1; waiting.length > 0; attempt++) {
    const round = attempt > 1 && !ctx.health.up ? waiting.slice(0, 1) : waiting;
    const answers = sendRound(
      ctx,
      round.map((i) => calls[i] as VendorCall),
    );
    noteHealth(ctx, answers);
    const failed: number[] = [];
    let wait = 0;
    round.forEach((index, j) => {
      const outcome = answers[j] ?? notTried('no answer');
      outcomes[index] = outcome;
      if (!isTransient(outcome)) return;
      failed.push(index);
      wait = Math.max(
        wait,
        inlineDelayMs(attempt, outcome.kind === 'retry-later' ? outcome.delayMs : undefined),
      );
    });
    waiting = [...failed, ...waiting.filter((i) => !round.includes(i))];
    if (waiting.length === 0) break;
    const canWait =
      attempt < INLINE_ATTEMPTS && wait <= INLINE_MAX_WAIT_MS && ctx.clock.now() + wait < ctx.stopAt;
    if (!canWait) {
      if (!ctx.health.up) ctx.health.down = true;
      break;
    }
    ctx.clock.sleep(wait);
  }
  return outcomes;
}

/** One round in batches; past the budget the rest is left as retry-later (queued durably). */
function sendRound(ctx: SendContext, calls: readonly VendorCall[]): VendorOutcome<unknown>[] {
  const outcomes: VendorOutcome<unknown>[] = [];
  for (let i = 0; i < calls.length; i += VENDOR_BATCH_SIZE) {
    if (i > 0 && ctx.clock.now() > ctx.stopAt) {
      while (outcomes.length < calls.length) outcomes.push(notTried('run time budget used up'));
      break;
    }
    outcomes.push(...ctx.vendor.send(calls.slice(i, i + VENDOR_BATCH_SIZE)));
  }
  return outcomes;
}
