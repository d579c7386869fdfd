/**
 * Which meetings the hourly run checks against the vendor. Pure; soonest first. A meeting of ours within
 * 14 days is checked at least daily, and at every hourly run on its day (a conference lost that day is
 * back on the event within about an hour). Reading several at once (readMany: Acme), a run's due meetings
 * cost one request (bench `idleDay`: 1.8 requests per meeting); one by one (Zoom), 200 meetings over 14 days
 * cost about 200 + 14 × 24 reads a day, under 3 % of the consumer UrlFetch quota (bench: `audit`).
 * ASSUMPTION (records keep a series' first start): a series that began before the horizon is checked daily.
 */
import { type Carrier, type ConferenceRecord, isQueued, roleOf } from '../conference/lifecycle';
import type { CheckEntry } from './store';

export const AUDIT_HORIZON_MS = 14 * 24 * 3600_000;
/** "At least once a day" with hourly runs whose start drifts: a check older than this is due. */
const DAILY_CHECK_MS = 23 * 3600_000;
/** On the day it starts, a meeting is checked at every hourly run. */
const DAY_OF_MS = 24 * 3600_000;
const HOURLY_CHECK_MS = 50 * 60_000;
/** The most reads one run spends on the audit (8 fetchAll round trips of 25). */
const MAX_AUDIT_READS_PER_RUN = 200;

export interface AuditTarget {
  conferenceId: string;
  /** The one event carrying it; its `startMin` is the meeting's (first) start. */
  carrier: Carrier & { startMin: number };
}

/**
 * The one event a conference is checked and repaired through: a settled record (not queued, refused, lost
 * or awaiting the saved event) with one carrier, its own. A move, split or copy in progress is the sync's.
 */
function auditableCarrier(record: ConferenceRecord): AuditTarget['carrier'] | undefined {
  if (record.state !== 'synced' || record.unconfirmed || isQueued(record)) return undefined;
  const [only, ...others] = record.carriers;
  if (!only || others.length > 0 || roleOf(record, only) !== 'own' || only.startMin === null)
    return undefined;
  return { ...only, startMin: only.startMin };
}

function isDue({ startMin, endMin }: AuditTarget['carrier'], check: CheckEntry | undefined, nowMs: number) {
  const startMs = startMin * 60_000;
  const series = endMin === null;
  if (startMs > nowMs + AUDIT_HORIZON_MS) return false;
  if (!series && startMs <= nowMs) return false; // started or over: too late to help
  if (!check) return true;
  const interval = !series && startMs - nowMs <= DAY_OF_MS ? HOURLY_CHECK_MS : DAILY_CHECK_MS;
  return nowMs - check.checkedMin * 60_000 >= interval;
}

export function dueChecks(
  records: readonly ConferenceRecord[],
  checks: ReadonlyMap<string, CheckEntry>,
  nowMs: number,
): AuditTarget[] {
  const due = records.flatMap((record): AuditTarget[] => {
    const { conferenceId } = record;
    const carrier = auditableCarrier(record);
    return carrier && isDue(carrier, checks.get(conferenceId), nowMs) ? [{ conferenceId, carrier }] : [];
  });
  return due.sort((a, b) => a.carrier.startMin - b.carrier.startMin).slice(0, MAX_AUDIT_READS_PER_RUN);
}
