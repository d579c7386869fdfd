/**
 * The audit of upcoming meetings against the vendor, run by the hourly safety net inside its lock
 * (after the sync and the queued work): schedule (pure) -> one batched read of the due conferences
 * -> the event read only where the vendor's answer changed -> repair intents (pure). The audit only
 * corrects what the add-on believes the vendor holds (other values: the fields are sent again; gone:
 * LOST, like a meeting restored from the trash) and hands the event it read to the sync's own steps
 * (src/sync/pipeline.ts), which repair it the one way every path does: an update, or the conference
 * asked back from the vendor's trash, else a new one written onto the event with If-Match. Calendar is
 * the source of truth; a vendor that refuses this user changes nothing. Its bookkeeping (last checks,
 * the repair log) lives in its own keys (store.ts).
 */

import type { CalendarEvent } from '../calendar/types';
import { resendRequested, vendorLost } from '../conference/lifecycle';
import type { UserState } from '../state/userState';
import type { Run } from '../sync/context';
import type { Change } from '../sync/decide';
import { readEvent } from '../sync/lookUp';
import { processBatch, sendContext } from '../sync/pipeline';
import { emptyStats } from '../sync/recordOutcomes';
import { readMany, type SendContext, sendWithRetries } from '../sync/send';
import type { ReadOutcome } from '../vendor/port';
import { expectedAtVendor, heldFingerprint, knownFingerprint } from './compare';
import { decideRepair, type RepairIntent, tooManyMissing, triage } from './repair';
import { type AuditTarget, dueChecks } from './schedule';
import { type AuditState, loadAudit, logRepair, saveAudit } from './store';

/** At most this many conferences are taken for lost in one run (each is asked back or made again). */
const MAX_RECREATES_PER_RUN = 10;

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
  const targets = dueChecks(run.state.book.all(), audit.checks, now);
  if (targets.length > 0) {
    const ctx: AuditContext = { run, send: sendContext(run), audit, now };
    const checked = checkAll(ctx, targets);
    if (checked) repairAll(ctx, checked);
    audit.lastRunAt = now;
  }
  saveAudit(run.state, audit, liveIds(run.state));
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
  // Where the vendor can read several at once (the port's readMany), one request for all of them.
  const many = readMany(
    ctx.send,
    calls.map((c) => c.conferenceId),
  );
  const reads = many ?? (sendWithRetries(ctx.send, calls) as ReadOutcome[]);
  const checked: Checked[] = [];
  let calendarSaidStop = false;
  targets.forEach((target, i) => {
    const read = reads[i];
    const belief = run.state.book.get(target.conferenceId)?.vendor;
    const sent = belief?.kind === 'holds' ? belief.hash : undefined;
    const first = triage(
      read,
      knownFingerprint(run.vendor, read, sent, audit.checks.get(target.conferenceId)?.fingerprint),
    );
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
  const { audit, now, run } = ctx;
  const holdRecreates = tooManyMissing(checked.map((c) => c.intent));
  if (holdRecreates) audit.blocked = { at: now, kind: 'too-many-missing' };
  else if (checked.some((c) => c.intent.kind !== 'ask-later')) delete audit.blocked;
  const repairs: Checked[] = [];
  let lost = 0;
  for (const c of checked) {
    const { intent, event, target } = c;
    if (intent.kind === 'in-step') note(audit, target.conferenceId, intent.fingerprint, now);
    if (!event || (intent.kind !== 'resend' && intent.kind !== 'recreate')) continue;
    if (intent.kind === 'recreate' && (holdRecreates || lost++ >= MAX_RECREATES_PER_RUN)) continue;
    const record = run.state.book.get(target.conferenceId);
    if (!record) continue;
    run.state.book.put(intent.kind === 'resend' ? resendRequested(record) : vendorLost(record));
    repairs.push(c);
  }
  if (repairs.length === 0) return;
  processBatch(
    run,
    emptyStats(),
    repairs.map((c) => eventChange(run, c.target, c.event as CalendarEvent)),
  );
  for (const c of repairs) logOutcome(ctx, c);
}

function note(audit: AuditState, conferenceId: string, fingerprint: string, now: number): void {
  audit.checks.set(conferenceId, { checkedMin: Math.floor(now / 60_000), fingerprint });
}

function eventChange(run: Run, target: AuditTarget, event: CalendarEvent): Change {
  const calendarId = run.state.byIndex(target.carrier.cal)?.id ?? '';
  return { calendarId, cal: target.carrier.cal, item: event };
}

/**
 * What the sync's steps made of a repair, in the log the cards read: sent again, asked back from the
 * vendor's trash (the same join link), a new conference on the event, or one Calendar would not take.
 * Anything else (the vendor or Calendar asked to wait) is retried by later runs, unlogged.
 */
function logOutcome(ctx: AuditContext, c: Checked): void {
  const { run, audit, now } = ctx;
  const { conferenceId, carrier } = c.target;
  const at = { at: now, calendarId: run.state.byIndex(carrier.cal)?.id ?? '', eventId: carrier.eventId };
  const record = run.state.book.get(conferenceId);
  if (c.intent.kind === 'resend') {
    if (record?.state !== 'synced') return;
    note(audit, conferenceId, heldFingerprint(expectedAtVendor(run.vendor, c.intent.fields)), now);
    logRepair(audit, { ...at, kind: 'resent', conferenceId, aspects: c.intent.aspects });
  } else if (record?.state === 'synced') {
    logRepair(audit, { ...at, kind: 'restored', conferenceId });
  } else if (record?.state === 'lost' && record.carriers.some((k) => k.role === 'shared')) {
    logRepair(audit, { ...at, kind: 'write-refused', conferenceId, formerId: conferenceId });
  } else {
    const now = run.state.book.carriedBy(carrier.cal, carrier.eventId);
    const fresh = now.find((r) => r.conferenceId !== conferenceId && r.state !== 'deleted');
    if (fresh)
      logRepair(audit, {
        ...at,
        kind: 'recreated',
        conferenceId: fresh.conferenceId,
        formerId: conferenceId,
      });
  }
}
