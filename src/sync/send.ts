import { type WriteBackResult, writeConference } from '../calendar/writeBack';
import type { CalendarApi, Clock } from '../platform/ports';
import {
  type CreateRequest,
  isTransient,
  type ReadOutcome,
  type VendorCall,
  type VendorConference,
  type VendorOutcome,
  type VendorPort,
} from '../vendor/port';
import type { VendorHealth } from './context';
import type { PlannedCall } from './decide';

/**
 * The send step: the plan's vendor calls and the Calendar writes that must follow them, touching no
 * stored state. Nothing is retried and nothing sleeps inside a run: what fails comes back as
 * `retry-later` for the record step to queue. Branches on outcome kinds only.
 */

/** Independent vendor calls go out together, in batches of this size (one UrlFetchApp.fetchAll). */
export const VENDOR_BATCH_SIZE = 25;

export interface SendContext {
  vendor: VendorPort;
  calendar: CalendarApi;
  clock: Clock;
  stopAt: number;
  health: VendorHealth;
  /** A new conference about to be written onto its event: recorded first, so a cut-off run knows it. */
  made?: (call: ReplaceCall, conference: VendorConference) => void;
}

export type SendResult =
  | { op: 'update'; outcome: Updated; writeBack?: WriteBackResult }
  | { op: 'delete'; outcome: VendorOutcome<unknown> }
  | {
      op: 'replace';
      created: Made;
      writeBack?: WriteBackResult;
      partsWritten?: WriteBackResult[]; // a restored meeting's new conference onto each of `parts`
      undone?: Made; // Calendar refused a copy's new conference: its deleted one was asked back instead
    }
  | { op: 'abandon'; created: Made };

const notTried = (detail: string) => ({ kind: 'retry-later' as const, detail });
const DOWN = 'vendor unreachable in this run';

type ReplaceCall = PlannedCall & { op: 'replace' };
type Made = VendorOutcome<VendorConference>;
type Updated = VendorOutcome<VendorConference | null>;

/** Updates, deletes and the undos restored meetings ask for go out in batches; then, one by one, creates. */
export function send(ctx: SendContext, calls: readonly PlannedCall[]): SendResult[] {
  const asksBack = (c: PlannedCall): c is ReplaceCall =>
    c.op === 'replace' && c.rule === 'ask-back' && ctx.vendor.undoesDeletes === true;
  const batched = calls.filter((c) => c.op === 'update' || c.op === 'delete' || asksBack(c));
  const outcomes = sendWithRetries(ctx, batched.map(toVendorCall));
  const results = new Map<PlannedCall, SendResult>();
  const undone = new Map<PlannedCall, Made>();
  batched.forEach((call, i) => {
    const outcome = outcomes[i] ?? notTried('no answer');
    if (call.op === 'delete') results.set(call, { op: 'delete', outcome });
    else if (call.op === 'update') results.set(call, updated(ctx, call, outcome as Updated));
    else undone.set(call, outcome as Made);
  });
  for (const call of calls) {
    if (call.op === 'replace') results.set(call, replace(ctx, call, undone.get(call)));
    else if (call.op === 'abandon') results.set(call, abandon(ctx, call));
  }
  return calls.map((c) => results.get(c) ?? { op: 'delete', outcome: notTried('not sent') });
}

/** A create keyed by calendar + event + solution, as onCreate's (so onCreate would get this one back). */
function create(ctx: SendContext, request: CreateRequest, deletedId?: string): Made {
  if (ctx.health.down) return notTried(DOWN);
  const created = createFor(ctx, request, deletedId);
  noteHealth(ctx.health, [created]);
  return created;
}

/**
 * A restored event keeps the id of the event whose conference we deleted: a vendor that hands that
 * conference back for the key is asked again under a key derived from it, once a read confirms it.
 */
function createFor(ctx: SendContext, request: CreateRequest, deletedId?: string): Made {
  const created = ctx.vendor.create(request);
  if (created.kind !== 'applied' || deletedId === undefined || created.value.id !== deletedId) return created;
  // Live after all (a run cut off before it recorded the vendor's undo): no second conference.
  const [read] = ctx.vendor.send([{ op: 'lookup', conferenceId: deletedId }]);
  if (read?.kind === 'applied') return created;
  if (read?.kind === 'retry-later' || read?.kind === 'unreachable') return read;
  return ctx.vendor.create({ ...request, after: deletedId });
}

/** The create a copy may have left behind, asked for again (same key) and deleted. */
function abandon(ctx: SendContext, call: PlannedCall & { op: 'abandon' }): SendResult {
  const { calendarId, eventId, solutionId } = call;
  const fields = { title: null, start: null, end: null, attendees: [], recurrence: [] };
  const request = { calendarId, eventId, solutionId, fields };
  return { op: 'abandon', created: create(ctx, request, call.restored ? call.conferenceId : undefined) };
}

function toVendorCall(call: PlannedCall): VendorCall {
  if (call.op === 'update') return { op: 'update', conferenceId: call.conferenceId, fields: call.fields };
  if (call.op === 'replace') return { op: 'undelete', conferenceId: call.conferenceId, fields: call.fields };
  return { op: 'delete', conferenceId: call.conferenceId };
}

/** An applied update whose answer moved the meeting to a new join URL: put it on the event. */
function updated(ctx: SendContext, call: PlannedCall & { op: 'update' }, outcome: Updated): SendResult {
  if (outcome.kind !== 'applied' || !outcome.value) return { op: 'update', outcome };
  const { calendarId, event, conferenceId } = call;
  const writeBack = writeConference(ctx.calendar, calendarId, event, conferenceId, outcome.value);
  return { op: 'update', outcome, writeBack };
}

/**
 * A copy or a restored meeting gets its own conference, written onto the event, unless the vendor
 * gave a restored meeting's back (`back`, the undo sent with the batch): its guests keep their link.
 */
function replace(ctx: SendContext, call: ReplaceCall, back?: Made): SendResult {
  if (back && (isTransient(back) || (back.kind === 'applied' && back.value.id === call.conferenceId)))
    return { op: 'replace', created: back };
  const { target, solutionId, fields } = call;
  const request = { calendarId: target.calendarId, eventId: target.event.id as string, solutionId, fields };
  const created = create(ctx, request, call.restored ? call.conferenceId : undefined);
  if (created.kind !== 'applied') return { op: 'replace', created };
  if (created.value.id !== call.conferenceId) ctx.made?.(call, created.value);
  const writeTo = (to: typeof target) =>
    writeConference(ctx.calendar, to.calendarId, to.event, call.conferenceId, created.value);
  const writeBack = writeTo(target);
  if (writeBack.kind === 'written' || writeBack.kind === 'unchanged') {
    // The meeting's other parts carry the same gone conference: the new one goes onto them too.
    const partsWritten = call.parts.map(writeTo);
    return { op: 'replace', created, writeBack, ...(partsWritten.length > 0 ? { partsWritten } : {}) };
  }
  if (writeBack.kind === 'not-carried') return { op: 'replace', created, writeBack };
  // Nobody will carry the new conference: the record step leaves it to the delete gate. A copy of a
  // restored meeting still carries a deleted conference: have it back rather than a dead link.
  const undone =
    writeBack.kind === 'refused' && call.restored && call.rule === 'copy-gets-own' && ctx.vendor.undoesDeletes
      ? (ctx.vendor.send([toVendorCall({ ...call, rule: 'ask-back' })])[0] as Made)
      : undefined;
  return { op: 'replace', created, writeBack, ...(undone ? { undone } : {}) };
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
export function readMany(ctx: SendContext, conferenceIds: readonly string[]): ReadOutcome[] | undefined {
  if (ctx.health.down || !ctx.vendor.readMany) return undefined;
  const many = ctx.vendor.readMany(conferenceIds);
  if (many) noteHealth(ctx.health, many.slice(0, 1)); // one request's answer
  return many;
}

/**
 * Sends calls in batches, once each. While the vendor is to be probed, the first call goes alone: a
 * vendor that is down costs one failed request, and the rest is left as `retry-later`.
 */
export function sendWithRetries(ctx: SendContext, calls: readonly VendorCall[]): VendorOutcome<unknown>[] {
  const outcomes: VendorOutcome<unknown>[] = calls.map(() => notTried(DOWN));
  if (ctx.health.down || calls.length === 0) return outcomes;
  let from = 0;
  if (ctx.health.probe && !ctx.health.up) {
    outcomes[0] = sendRound(ctx, calls.slice(0, 1))[0] ?? notTried('no answer');
    noteHealth(ctx.health, [outcomes[0]]);
    if (ctx.health.down) return outcomes;
    from = 1;
  }
  const answers = sendRound(ctx, calls.slice(from));
  noteHealth(ctx.health, answers);
  for (let i = from; i < calls.length; i++)
    outcomes[i] = answers[i - from] ?? notTried('run time budget used up');
  return outcomes;
}

/** One answer per call sent, until the run's budget is used up (the calls past it stay queued). */
function sendRound(ctx: SendContext, calls: readonly VendorCall[]): VendorOutcome<unknown>[] {
  const outcomes: VendorOutcome<unknown>[] = [];
  for (let i = 0; i < calls.length; i += VENDOR_BATCH_SIZE) {
    if (i > 0 && ctx.clock.now() > ctx.stopAt) break;
    outcomes.push(...ctx.vendor.send(calls.slice(i, i + VENDOR_BATCH_SIZE)));
  }
  return outcomes;
}
