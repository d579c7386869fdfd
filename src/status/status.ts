import type { UserState } from '../state/userState';

/** What the status card shows for one watched calendar, in plain data (no CardService here). */
export interface CalendarStatus {
  calendarId: string;
  lastSyncAt?: number;
  lastOutcome?: 'ok' | 'partial' | 'error';
  lastError?: string;
  itemsHandled: number;
  conferences: number;
  pending: number;
  deadLetters: Array<{ at: number; op: string; reason: string; conferenceId?: string }>;
  deadLetterTotal: number;
  setupProblem?: string;
  syncing: boolean;
}

export function calendarStatuses(state: UserState): CalendarStatus[] {
  return state.calendars().map((cal) => {
    const records = cal.allRecords();
    const status: CalendarStatus = {
      calendarId: cal.id,
      itemsHandled: cal.meta.last?.items ?? 0,
      conferences: records.length,
      pending: records.filter((r) => r.pending === 'P' || r.pending === 'D').length,
      deadLetters: cal.deadLetters.map((d) => ({
        at: d.at,
        op: d.op,
        reason: d.reason,
        ...(d.conferenceId ? { conferenceId: d.conferenceId } : {}),
      })),
      deadLetterTotal: cal.deadLetterTotal,
      syncing: cal.meta.checkpoint !== undefined,
    };
    if (cal.meta.last) {
      status.lastSyncAt = cal.meta.last.at;
      status.lastOutcome = cal.meta.last.outcome;
      if (cal.meta.last.error) status.lastError = cal.meta.last.error;
    }
    if (cal.setupProblem) status.setupProblem = cal.setupProblem.message;
    return status;
  });
}
