/**
 * The audit of upcoming meetings against the vendor, run by the hourly safety net inside its lock
 * (after the sync and the queued work): schedule (pure) -> one batched read of the due conferences
 * -> the event read only where the vendor's answer changed -> repair intents (pure) -> repairs.
 * Calendar is the source of truth: a conference the vendor lost is made again (idempotently) and
 * written onto the event with If-Match; other values at the vendor are overwritten with the event's;
 * a vendor that refuses this user changes nothing. Its bookkeeping lives in its own keys (store.ts);
 * its changes to conference records are lifecycle transitions (`recreated`, `strayMade`), and a
 * conference it made that nobody carries is left to the delete gate like any other.
 */
import { syncedFieldsHash, syncedFieldsOf } from '../calendar/syncedFields';
import type { CalendarEvent } from '../calendar/types';
import { writeConference } from '../calendar/writeBack';
import { carrier, isCarried, recreated, strayMade, updateSent } from '../conference/lifecycle';
import type { UserState } from '../state/userState';
import type { Run } from '../sync/context';
import { readEvent } from '../sync/lookUp';
import { rememberMade, sendContext } from '../sync/pipeline';
import { noteHealth, type SendContext, sendWithRetries } from '../sync/send';
import type { ReadOutcome } from '../vendor/port';
import { expectedAtVendor, heldFingerprint } from './compare';
import { decideRepair, type RepairIntent, tooManyMissing, triage } from './repair';
import { type AuditTarget, dueChecks } from './schedule';
import { type AuditState, loadAudit, logRepair, type PendingWrite, saveAudit } from './store';

/** At most this many conferences are made again in one run (each is a create and a Calendar write). */
const MAX_RECREATES_PER_RUN = 10;
/**
 * How long a new conference Calendar would not take waits for the card's button: no orphan outlives
 * a day. A later audit makes the meeting a new one again if its event still needs it.
 */
const PENDING_WRITE_KEEP_MS = 24 * 3600_000;

interface Checked {
  target: AuditTarget;
  intent: RepairIntent;
  event?: CalendarEvent;
}

interface AuditContext {
  run: Run;
  send: SendContext;
  audit: AuditState;
  now: number;
}

export function runAudit(run: Run): void {
  const now = run.services.clock.now();
  if (run.health.down || now > run.stopAt) return;
  const audit = loadAudit(run.state);
  letGoOfPending(run, audit, now);
  const targets = dueChecks(run.state.book.all(), audit.checks, now);
  if (targets.length > 0) {
    const ctx: AuditContext = { run, send: sendContext(run), audit, now };
    const checked = checkAll(ctx, targets);
    if (checked) repairAll(ctx, checked);
    audit.lastRunAt = now;
  }
  saveAudit(run.state, audit, liveIds(run.state));
}

/**
 * A new conference still waiting to be put on its event is handed to the delete gate (like any
 * conference nobody carries) once its meeting no longer carries the lost one, or after a day.
 */
function letGoOfPending(run: Run, audit: AuditState, now: number): void {
  audit.pending = audit.pending.filter((p) => {
    const former = run.state.book.get(p.formerId);
    if (former !== undefined && isCarried(former) && now - p.at < PENDING_WRITE_KEEP_MS) return true;
    const cal = run.state.find(p.calendarId)?.index;
    if (cal === undefined) return true; // its calendar is forgotten: nowhere to file a failed DELETE
    const solutionId = former?.solutionId ?? '';
    // Calendar may have taken a write it answered with a 5xx: not known never to be carried.
    run.state.book.put(
      strayMade(p.conference.id, solutionId, carrier(cal, p.eventId), { at: p.at, neverCarried: false }),
    );
    run.services.log.info({
      msg: 'new conference not put on its event: left to the delete gate',
      conferenceId: p.conference.id,
    });
    return false;
  });
}

function liveIds(state: UserState): Set<string> {
  return new Set(
    state.book
      .all()
      .filter((r) => r.state !== 'deleted')
      .map((r) => r.conferenceId),
  );
}

/** One batched read, then the events whose conference the vendor answered differently. Null: blocked. */
function checkAll(ctx: AuditContext, targets: readonly AuditTarget[]): Checked[] | null {
  const { run, audit } = ctx;
  const calls = targets.map((t) => ({ op: 'lookup' as const, conferenceId: t.conferenceId }));
  const reads = sendWithRetries(ctx.send, calls) as ReadOutcome[];
  const checked: Checked[] = [];
  let calendarSaidStop = false;
  targets.forEach((target, i) => {
    const read = reads[i];
    const first = triage(read, audit.checks.get(target.conferenceId)?.fingerprint);
    if (first !== 'read-event' || !read || calendarSaidStop) {
      checked.push({ target, intent: first === 'read-event' ? { kind: 'ask-later' } : first });
      return;
    }
    const calendarId = run.state.byIndex(target.carrier.cal)?.id;
    const got = calendarId ? readEvent(run, calendarId, target.carrier.eventId) : undefined;
    if (got && !got.ok) calendarSaidStop = true; // Calendar's rate limit: the rest waits for a later run
    const event = got?.ok ? got.changes[0]?.item : undefined;
    const expected = (f: Parameters<typeof expectedAtVendor>[1]) => expectedAtVendor(run.vendor, f);
    const intent: RepairIntent =
      got && !got.ok ? { kind: 'ask-later' } : decideRepair(read, target.conferenceId, event, expected);
    checked.push({ target, intent, ...(event ? { event } : {}) });
  });
  const blocked = checked.find((c) => c.intent.kind === 'blocked')?.intent;
  if (blocked?.kind === 'blocked') {
    // The vendor will not let this user in: nothing is written or deleted; the cards say why.
    audit.blocked = { at: ctx.now, kind: blocked.reason };
    return null;
  }
  return checked;
}

function repairAll(ctx: AuditContext, checked: readonly Checked[]): void {
  const { audit, now } = ctx;
  const holdRecreates = tooManyMissing(checked.map((c) => c.intent));
  if (holdRecreates) audit.blocked = { at: now, kind: 'too-many-missing' };
  else if (checked.some((c) => c.intent.kind !== 'ask-later')) delete audit.blocked;
  for (const c of checked) {
    if (c.intent.kind === 'in-step') note(audit, c.target.conferenceId, c.intent.fingerprint, now);
  }
  resendAll(ctx, checked);
  if (holdRecreates) return;
  let recreates = 0;
  for (const c of checked) {
    if (c.intent.kind !== 'recreate' || !c.event) continue;
    if (recreates++ >= MAX_RECREATES_PER_RUN || ctx.run.health.down || ctx.send.clock.now() > ctx.run.stopAt)
      break;
    recreate(ctx, c.target, c.event, c.intent.fields);
  }
}

function note(audit: AuditState, conferenceId: string, fingerprint: string, now: number): void {
  audit.checks.set(conferenceId, { checkedMin: Math.floor(now / 60_000), fingerprint });
}

/** The event's values sent again, in one batch; what the vendor took is logged as a repair. */
function resendAll(ctx: AuditContext, checked: readonly Checked[]): void {
  const { run, audit, now } = ctx;
  const resends = checked.filter((c) => c.intent.kind === 'resend');
  if (resends.length === 0) return;
  const outcomes = sendWithRetries(
    ctx.send,
    resends.map((c) => ({
      op: 'update' as const,
      conferenceId: c.target.conferenceId,
      fields: (c.intent as RepairIntent & { kind: 'resend' }).fields,
    })),
  );
  resends.forEach((c, i) => {
    const intent = c.intent as RepairIntent & { kind: 'resend' };
    if (outcomes[i]?.kind !== 'applied') return; // asked again at the next run
    const held = expectedAtVendor(run.vendor, intent.fields);
    note(audit, c.target.conferenceId, heldFingerprint(held), now);
    logRepair(audit, {
      at: now,
      kind: 'resent',
      calendarId: run.state.byIndex(c.target.carrier.cal)?.id ?? '',
      eventId: c.target.carrier.eventId,
      conferenceId: c.target.conferenceId,
      aspects: intent.aspects,
    });
  });
}

/**
 * A new conference for one the vendor lost: made under a key derived from the lost one (a repeat
 * gets the same one back; a vendor without keys gets the one kept in `pending` instead of a second
 * create), then written onto the event in place of the lost one.
 */
function recreate(
  ctx: AuditContext,
  target: AuditTarget,
  event: CalendarEvent,
  fields: ReturnType<typeof syncedFieldsOf>,
): void {
  const { run, audit } = ctx;
  const calendarId = run.state.byIndex(target.carrier.cal)?.id;
  if (!calendarId || !event.id) return;
  if (undoneAtVendor(ctx, target, calendarId, event.id, fields)) return;
  let pending = audit.pending.find((p) => p.formerId === target.conferenceId);
  if (!pending) {
    const created = run.vendor.create({
      calendarId,
      eventId: event.id,
      solutionId: target.solutionId,
      fields,
      after: target.conferenceId,
    });
    noteHealth(run.health, [created]);
    if (created.kind !== 'applied') return; // asked again at the next run
    pending = {
      at: ctx.now,
      calendarId,
      eventId: event.id,
      formerId: target.conferenceId,
      conference: created.value,
    };
    rememberMade(run, created.value.id, target.solutionId, target.carrier);
  }
  finishRecreate(ctx, pending, event, syncedFieldsHash(fields));
}

/**
 * The vendor can undo its delete (Acme's trash): the meeting gets the very conference back, with the
 * event's fields, and its guests' join link works again; nothing is written to Calendar.
 */
function undoneAtVendor(
  ctx: AuditContext,
  target: AuditTarget,
  calendarId: string,
  eventId: string,
  fields: ReturnType<typeof syncedFieldsOf>,
): boolean {
  const { run, audit, now } = ctx;
  if (!run.vendor.undelete) return false;
  const back = run.vendor.undelete(target.conferenceId, fields);
  noteHealth(run.health, [back]);
  if (back.kind !== 'applied' || back.value.id !== target.conferenceId) return false;
  const kept = run.state.book.get(target.conferenceId);
  if (kept) run.state.book.put(updateSent(kept, syncedFieldsHash(fields)));
  logRepair(audit, { at: now, kind: 'restored', calendarId, eventId, conferenceId: target.conferenceId });
  return true;
}

/** Puts a new conference on its event; keeps it pending when Calendar refuses or asks to wait. */
function finishRecreate(
  ctx: AuditContext,
  pending: PendingWrite,
  event: CalendarEvent,
  sentHash: string,
): void {
  const { run, audit, now } = ctx;
  const { calendarId, formerId, conference } = pending;
  const written = writeConference(run.services.calendar, calendarId, event, formerId, conference);
  audit.pending = audit.pending.filter((p) => p.formerId !== formerId);
  if (written.kind === 'written' || written.kind === 'unchanged') {
    const former = run.state.book.get(formerId);
    if (former) {
      run.state.book.remove(formerId);
      run.state.book.put(recreated(former, conference.id, sentHash, now));
    }
    audit.checks.delete(formerId);
    logRepair(audit, {
      at: now,
      kind: 'recreated',
      calendarId,
      eventId: pending.eventId,
      conferenceId: conference.id,
      formerId,
    });
    return;
  }
  if (written.kind === 'not-carried') {
    // The user changed the event meanwhile: nobody carries the new conference, so it goes again,
    // through the delete gate like any DELETE.
    const cal = run.state.find(calendarId)?.index;
    const solutionId = run.state.book.get(formerId)?.solutionId ?? '';
    if (cal !== undefined)
      run.state.book.put(strayMade(conference.id, solutionId, carrier(cal, pending.eventId)));
    return;
  }
  waitForWrite(ctx, pending, written.kind);
}

/**
 * Calendar did not take the write. Asked to wait while the conference is recorded as a stray (a
 * fresh create): Calendar may have taken it after all, so the delete gate keeps it if the event
 * carries it and takes it back if not; the next check makes a new one. Otherwise (refused, or a
 * conference already pending) it waits in `pending` for the card's button, not the gate's.
 */
function waitForWrite(ctx: AuditContext, pending: PendingWrite, kind: 'retry-later' | 'refused'): void {
  const { run, audit, now } = ctx;
  const { conference } = pending;
  const stray = run.state.book.get(conference.id)?.state === 'queued-delete';
  if (kind === 'retry-later' && stray) return;
  if (stray) run.state.book.remove(conference.id);
  audit.pending.push(pending);
  if (kind === 'refused') {
    logRepair(audit, {
      at: now,
      kind: 'write-refused',
      calendarId: pending.calendarId,
      eventId: pending.eventId,
      conferenceId: conference.id,
      formerId: pending.formerId,
    });
  }
}

/** What the event card's "Put the new meeting on the event" button does (under the user lock). */
export type RetryWriteResult = 'written' | 'refused' | 'later' | 'nothing-pending';

export function retryPendingWrite(run: Run, calendarId: string, eventId: string): RetryWriteResult {
  const audit = loadAudit(run.state);
  const pending = audit.pending.find((p) => p.calendarId === calendarId && p.eventId === eventId);
  if (!pending) return 'nothing-pending';
  const got = readEvent(run, calendarId, eventId);
  const event = got.ok ? got.changes[0]?.item : undefined;
  if (!got.ok || !event) return 'later';
  const ctx: AuditContext = { run, send: sendContext(run), audit, now: run.services.clock.now() };
  const before = audit.repairs.length;
  finishRecreate(ctx, pending, event, syncedFieldsHash(syncedFieldsOf(event)));
  saveAudit(run.state, audit, liveIds(run.state));
  const last = audit.repairs.length > before ? audit.repairs[audit.repairs.length - 1] : undefined;
  if (last?.kind === 'recreated') return 'written';
  return last?.kind === 'write-refused' ? 'refused' : 'later';
}
