/**
 * What the cards show of the audit, as plain data (no wording: src/cards says it): how many meetings
 * it repaired this week, why it could not check, and what it did to one meeting.
 */
import type { ConferenceRecord } from '../conference/lifecycle';
import type { UserState } from '../state/userState';
import { type AuditBlocked, loadAudit, type RepairEntry } from './store';

const WEEK_MS = 7 * 24 * 3600_000;

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
  const meetings = new Set(recent.map((r) => `${r.calendarId}\n${r.eventId}`));
  return {
    repairedThisWeek: meetings.size,
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
  const audit = loadAudit(state);
  const mine = audit.repairs.filter((r) => r.calendarId === calendarId && r.eventId === eventId);
  const last = mine[mine.length - 1];
  const lost = last?.formerId === undefined ? undefined : state.book.get(last.formerId);
  if (last?.kind === 'write-refused' && !(lost && waitsForCalendar(lost))) {
    return mine.filter((r) => r.kind !== 'write-refused').pop();
  }
  return last;
}
