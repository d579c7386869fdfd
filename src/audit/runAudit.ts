/**
 * The audit of upcoming meetings, in the hourly run's lock after the sync and queued work: due conferences
 * -> one batched read -> the event, read only where the answer changed -> intents (all three: compare.ts).
 * It only corrects the belief (other values: send again; gone: LOST) and hands the event to the sync's
 * steps (src/sync/send.ts), which repair it as every path does. Each conference's last check is in its
 * record (`vendorInStep`); the repair log: store.ts.
 */
import { resendRequested, vendorInStep, vendorLost } from '../conference/lifecycle';
import type { Change } from '../sync/decide';
import { emptyStats } from '../sync/recordOutcomes';
import type { Run } from '../sync/runSync';
import { processBatch, readMany, sendInBatches } from '../sync/send';
import { readEvent } from '../sync/syncCalendar';
import type { ReadOutcome } from '../vendor/port';
import {
  type AuditTarget,
  decideRepair,
  dueChecks,
  expectedAtVendor,
  heldFingerprint,
  knownFingerprint,
  type RepairIntent,
  tooManyMissing,
  triage,
} from './compare';
import { type AuditState, loadAudit, saveAudit, waitsForCalendar } from './store';

/** At most this many conferences are taken for lost in one run (each is asked back or made again). */
const MAX_RECREATES_PER_RUN = 10;

/** A due conference's intent, with its event (`change`) where it had to be read. */
type Checked = { target: AuditTarget; intent: RepairIntent; change?: Change };
type Repair = Required<Checked>;

export function runAudit(run: Run): void {
  const now = run.services.clock.now();
  if (run.health.down || now > run.stopAt) return;
  const audit = loadAudit(run.state);
  const targets = dueChecks(run.state.book.all(), now);
  if (targets.length > 0) {
    const checked = checkAll(run, targets);
    // The vendor will not let this user in: nothing is written or deleted; the cards say why.
    const blocked = checked.find((c) => c.intent.kind === 'blocked')?.intent;
    if (blocked?.kind === 'blocked') audit.blocked = { at: now, kind: blocked.reason };
    else repairAll(run, audit, checked, now);
    audit.lastRunAt = now;
  }
  saveAudit(run.state, audit);
}

/** One batched read, then the events whose conference the vendor answered differently. */
function checkAll(run: Run, targets: readonly AuditTarget[]): Checked[] {
  const ids = targets.map((t) => t.conferenceId);
  const calls = ids.map((conferenceId) => ({ op: 'lookup' as const, conferenceId }));
  // Where the vendor can read several at once (the port's readMany), one request for all of them.
  const reads = readMany(run, ids) ?? (sendInBatches(run, calls) as ReadOutcome[]);
  let calendarSaidStop = false;
  return targets.map((target, i): Checked => {
    const { conferenceId, carrier } = target;
    const read = reads[i];
    const record = run.state.book.get(conferenceId);
    const sent = record?.vendor.kind === 'holds' ? record.vendor.hash : undefined;
    const known = knownFingerprint(run.vendor, read, sent, record?.checkedFingerprint);
    const first = triage(read, known);
    if (first !== 'read-event') return { target, intent: first };
    if (!read || calendarSaidStop) return { target, intent: { kind: 'ask-later' } };
    const calendarId = run.state.byIndex(carrier.cal)?.id;
    const got = calendarId ? readEvent(run, calendarId, carrier.eventId) : undefined;
    if (got?.ok === false) {
      calendarSaidStop = true; // Calendar's rate limit: the rest waits for a later run
      return { target, intent: { kind: 'ask-later' } };
    }
    const change = got?.changes[0];
    const intent = decideRepair(read, conferenceId, change?.item, (f) => expectedAtVendor(run.vendor, f));
    return { target, intent, change };
  });
}

/** Corrects the beliefs the answers disproved, then hands those events to the sync's steps. */
function repairAll(run: Run, audit: AuditState, checked: readonly Checked[], now: number): void {
  const holdRecreates = tooManyMissing(checked.map((c) => c.intent));
  if (holdRecreates) audit.blocked = { at: now, kind: 'too-many-missing' };
  else if (checked.some((c) => c.intent.kind !== 'ask-later')) delete audit.blocked;
  const repairs: Repair[] = [];
  let lost = 0;
  for (const { target, intent, change } of checked) {
    if (intent.kind === 'in-step') noteInStep(run, target.conferenceId, intent.fingerprint, now);
    if (!change || (intent.kind !== 'resend' && intent.kind !== 'recreate')) continue;
    if (intent.kind === 'recreate' && (holdRecreates || lost++ >= MAX_RECREATES_PER_RUN)) continue;
    const record = run.state.book.get(target.conferenceId);
    if (!record) continue;
    run.state.book.put(intent.kind === 'resend' ? resendRequested(record) : vendorLost(record));
    repairs.push({ target, intent, change });
  }
  const changes = repairs.map((r) => r.change);
  processBatch(run, emptyStats(), changes); // no repairs: it does nothing
  for (const r of repairs) logOutcome(run, audit, r, now);
}

function noteInStep(run: Run, conferenceId: string, fingerprint: string, now: number): void {
  const record = run.state.book.get(conferenceId);
  if (record) run.state.book.put(vendorInStep(record, fingerprint, now));
}

/**
 * What the sync's steps made of a repair, logged for the cards: sent again, back from the vendor's trash
 * (the same join link), a new conference on the event, or one Calendar would not take. Anything else (the
 * vendor or Calendar asked to wait) is retried by later runs, unlogged.
 */
function logOutcome(run: Run, audit: AuditState, { target, intent, change }: Repair, now: number): void {
  const { conferenceId, carrier } = target;
  const at = { at: now, calendarId: change.calendarId, eventId: carrier.eventId };
  const record = run.state.book.get(conferenceId);
  if (intent.kind === 'resend') {
    if (record?.state !== 'synced') return;
    noteInStep(run, conferenceId, heldFingerprint(expectedAtVendor(run.vendor, intent.fields)), now);
    audit.repairs.push({ ...at, kind: 'resent', conferenceId, aspects: intent.aspects });
  } else if (record?.state === 'synced') {
    audit.repairs.push({ ...at, kind: 'restored', conferenceId });
  } else if (record && waitsForCalendar(record)) {
    audit.repairs.push({ ...at, kind: 'write-refused', conferenceId, formerId: conferenceId });
  } else {
    const carried = run.state.book.carriedBy(carrier.cal, carrier.eventId);
    const fresh = carried.find((r) => r.conferenceId !== conferenceId && r.state !== 'deleted')?.conferenceId;
    if (fresh) audit.repairs.push({ ...at, kind: 'recreated', conferenceId: fresh, formerId: conferenceId });
  }
}
