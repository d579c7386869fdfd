/**
 * The audit's own keys of the user's store (side keys of UserState, saved with the same one
 * setProperties), never inside the conference records: `a:c<n>` (per conference: the last check that
 * found the vendor in step and what it held then; compact lines, sharded under 8 KB) and `a:log` (JSON:
 * the repair log, why the vendor could not be checked, the last run). Also what the cards read of them.
 */
import type { ConferenceRecord } from '../conference/lifecycle';
import type { UserState } from '../state/userState';
import type { SyncedAspect } from './compare';

export interface CheckEntry {
  /** Epoch minutes of the last check that found the vendor in step. */
  checkedMin: number;
  /** What the vendor held then (heldFingerprint): the same again needs no event read. */
  fingerprint: string;
}

/** What the audit did to a meeting, as the cards tell it. */
export interface RepairEntry {
  at: number;
  /**
   * The vendor had lost the conference and undid its delete (`restored`: the same join link works
   * again), or a new one was put on the event (`recreated`), or made but refused by Calendar
   * (`write-refused`: the card offers a fix); or the vendor held other values, sent again (`resent`).
   */
  kind: 'restored' | 'recreated' | 'write-refused' | 'resent';
  calendarId: string;
  eventId: string;
  /** The conference the event carries (or, for `write-refused`, should carry). */
  conferenceId: string;
  /** The conference the vendor had lost (`recreated`, `write-refused`). */
  formerId?: string;
  /** What differed (`resent`). */
  aspects?: SyncedAspect[];
}

/** Why the vendor could not be checked: nothing was deleted or written because of it. */
export interface AuditBlocked {
  at: number;
  kind: 'unauthorized' | 'forbidden' | 'too-many-missing';
}

export interface AuditState {
  checks: Map<string, CheckEntry>;
  /** The repairs, oldest first (the latest LOG_CAP are kept). */
  repairs: RepairEntry[];
  blocked?: AuditBlocked;
  lastRunAt?: number;
}

const CHECKS_PREFIX = 'a:c';
const LOG_KEY = 'a:log';
const LOG_CAP = 50;
const SHARD_BYTES = 8000;
const WEEK_MS = 7 * 24 * 3600_000;

export function loadAudit(state: UserState): AuditState {
  const checks = new Map<string, CheckEntry>();
  for (const key of state.sideKeys(CHECKS_PREFIX)) {
    for (const line of (state.sideValue(key) ?? '').split('\n')) {
      const [id, min, fingerprint] = line.split('\t');
      const checkedMin = Number.parseInt(min ?? '', 36);
      if (id && Number.isFinite(checkedMin)) checks.set(id, { checkedMin, fingerprint: fingerprint ?? '' });
    }
  }
  let log: Partial<AuditState> = {};
  try {
    log = JSON.parse(state.sideValue(LOG_KEY) ?? '{}') as Partial<AuditState>;
  } catch {
    // unreadable: start a new log
  }
  return {
    checks,
    repairs: Array.isArray(log.repairs) ? log.repairs : [],
    ...(log.blocked ? { blocked: log.blocked } : {}),
    ...(typeof log.lastRunAt === 'number' ? { lastRunAt: log.lastRunAt } : {}),
  };
}

/** Writes the audit's keys; checks of conferences no longer live are forgotten. */
export function saveAudit(state: UserState, audit: AuditState): void {
  const shards: string[] = [];
  for (const [id, c] of audit.checks) {
    const record = state.book.get(id);
    if (!record || record.state === 'deleted') continue;
    const line = `${id}\t${c.checkedMin.toString(36)}\t${c.fingerprint}`;
    const last = shards[shards.length - 1];
    if (last !== undefined && last.length + line.length + 1 <= SHARD_BYTES) {
      shards[shards.length - 1] = `${last}\n${line}`;
    } else shards.push(line);
  }
  for (const key of state.sideKeys(CHECKS_PREFIX)) state.setSide(key, undefined);
  for (const [n, value] of shards.entries()) state.setSide(`${CHECKS_PREFIX}${n}`, value);
  const { repairs, blocked, lastRunAt } = audit;
  state.setSide(LOG_KEY, JSON.stringify({ repairs: repairs.slice(-LOG_CAP), blocked, lastRunAt }));
}

export interface AuditSummary {
  /** Meetings repaired in the last 7 days (each meeting once). */
  repairedThisWeek: number;
  lastRunAt?: number;
  blocked?: AuditBlocked;
  /** New conferences Calendar would not let the add-on put on their event. */
  waitingForCalendar: number;
}

export function auditSummary(state: UserState, now: number): AuditSummary | undefined {
  const audit = loadAudit(state);
  if (audit.lastRunAt === undefined && audit.repairs.length === 0 && !audit.blocked) return undefined;
  const recent = audit.repairs.filter((r) => r.kind !== 'write-refused' && now - r.at <= WEEK_MS);
  return {
    repairedThisWeek: new Set(recent.map((r) => `${r.calendarId}\n${r.eventId}`)).size,
    ...(audit.lastRunAt !== undefined ? { lastRunAt: audit.lastRunAt } : {}),
    ...(audit.blocked ? { blocked: audit.blocked } : {}),
    waitingForCalendar: state.book.all().filter(waitsForCalendar).length,
  };
}

/** A conference the vendor lost whose new one Calendar would not take: the event card's "Try again". */
export function waitsForCalendar(record: ConferenceRecord): boolean {
  return record.state === 'lost' && record.carriers.some((c) => c.role === 'shared');
}

/** The latest repair of this event, if any (`write-refused` only while the event still waits). */
export function eventRepair(state: UserState, calendarId: string, eventId: string): RepairEntry | undefined {
  const mine = loadAudit(state).repairs.filter((r) => r.calendarId === calendarId && r.eventId === eventId);
  const last = mine[mine.length - 1];
  const lost = last?.formerId === undefined ? undefined : state.book.get(last.formerId);
  if (last?.kind !== 'write-refused' || (lost && waitsForCalendar(lost))) return last;
  return mine.filter((r) => r.kind !== 'write-refused').pop();
}
