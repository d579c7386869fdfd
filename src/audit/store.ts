/**
 * The audit's side key of UserState (saved in the same setProperties): `a:log` (JSON: repairs, why the
 * vendor could not be checked, the last run); what the cards read. Each conference's last check is in its
 * record (`checkedMin`, `checkedFingerprint`), gone with it.
 */
import type { ConferenceRecord } from '../conference/lifecycle';
import type { UserState } from '../state/userState';
import { parseJson } from '../util/text';
import type { SyncedAspect } from './compare';

/** What the audit did to a meeting, as the cards tell it. */
export interface RepairEntry {
  at: number;
  /**
   * The vendor lost the conference and undid its delete (`restored`: the same join link), a new one went
   * on the event (`recreated`) or Calendar refused it (`write-refused`: the card offers a fix); or the
   * vendor held other values, sent again (`resent`).
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

export interface AuditState {
  /** The repairs, oldest first (the latest LOG_CAP are kept). */
  repairs: RepairEntry[];
  /** Why the vendor could not be checked: nothing was deleted or written because of it. */
  blocked?: { at: number; kind: 'unauthorized' | 'forbidden' | 'too-many-missing' };
  lastRunAt?: number;
}

const LOG_KEY = 'a:log';
const LOG_CAP = 50;
const WEEK_MS = 7 * 24 * 3600_000;

export function loadAudit(state: UserState): AuditState {
  const log = parseJson<Partial<AuditState>>(state.sideValue(LOG_KEY)) ?? {}; // unreadable: a new log
  const repairs = Array.isArray(log.repairs) ? log.repairs : [];
  const lastRunAt = typeof log.lastRunAt === 'number' ? log.lastRunAt : undefined;
  return { repairs, blocked: log.blocked || undefined, lastRunAt };
}

export function saveAudit(state: UserState, audit: AuditState): void {
  const { repairs, blocked, lastRunAt } = audit;
  state.setSide(LOG_KEY, JSON.stringify({ repairs: repairs.slice(-LOG_CAP), blocked, lastRunAt }));
}

export interface AuditSummary extends Pick<AuditState, 'lastRunAt' | 'blocked'> {
  /** Meetings repaired in the last 7 days (each meeting once). */
  repairedThisWeek: number;
  /** New conferences Calendar would not let the add-on put on their event. */
  waitingForCalendar: number;
}

export function auditSummary(state: UserState, now: number): AuditSummary | undefined {
  const { repairs, blocked, lastRunAt } = loadAudit(state);
  if (lastRunAt === undefined && repairs.length === 0 && !blocked) return undefined;
  const recent = repairs.filter((r) => r.kind !== 'write-refused' && now - r.at <= WEEK_MS);
  const repairedThisWeek = new Set(recent.map((r) => `${r.calendarId}\n${r.eventId}`)).size;
  const waitingForCalendar = state.book.all().filter(waitsForCalendar).length;
  return { repairedThisWeek, lastRunAt, blocked, waitingForCalendar };
}

/** A conference the vendor lost whose new one Calendar would not take: the event card's "Try again". */
export function waitsForCalendar(record: ConferenceRecord): boolean {
  return record.state === 'lost' && record.carriers.some((c) => c.shared);
}

/** The latest repair of this event, if any (`write-refused` only while the event still waits). */
export function eventRepair(state: UserState, calendarId: string, eventId: string): RepairEntry | undefined {
  const mine = loadAudit(state).repairs.filter((r) => r.calendarId === calendarId && r.eventId === eventId);
  const last = mine[mine.length - 1];
  const lost = last?.formerId === undefined ? undefined : state.book.get(last.formerId);
  if (last?.kind !== 'write-refused' || (lost && waitsForCalendar(lost))) return last;
  return mine.filter((r) => r.kind !== 'write-refused').pop();
}
