/**
 * "Put the new meeting on the event": the one button the event card offers when the audit made a
 * new conference for one the vendor lost and Calendar refused the write-back. It tries that write
 * again (If-Match, as for copies) under the user lock, and says what happened.
 */
import { type RetryWriteResult, retryPendingWrite } from '../audit/runAudit';
import type { MessageKey } from '../i18n/catalogue';
import { UserState } from '../state/userState';
import { CalendarDirectory, type Run } from '../sync/context';
import { type AddonContext, CARD_LOCK_WAIT_MS, eventCard, type Params, reply } from './controller';

const NOTES: Record<RetryWriteResult, MessageKey & `repair.note.${string}`> = {
  written: 'repair.note.written',
  refused: 'repair.note.refused',
  later: 'repair.note.later',
  'nothing-pending': 'repair.note.nothing',
};

export function repairConferenceAction(ctx: AddonContext, params: Params) {
  const { services } = ctx;
  const calendarId = params.calendarId ?? '';
  const eventId = params.eventId ?? '';
  const opened = { calendar: { calendarId, id: eventId } };
  if (!services.lock.tryLock(CARD_LOCK_WAIT_MS)) {
    return reply({ note: ctx.tr.t('note.busy') });
  }
  let result: RetryWriteResult;
  try {
    const state = UserState.load(services.userStore);
    const stopAt = services.clock.now() + 20_000;
    const run: Run = {
      services,
      state,
      vendor: services.vendor(),
      health: { up: false, down: false, failedCalls: 0 },
      stopAt,
      calendars: new CalendarDirectory(services, state, stopAt),
    };
    result = retryPendingWrite(run, calendarId, eventId);
    state.save();
  } catch {
    result = 'later';
  } finally {
    services.lock.release();
  }
  return reply({ update: eventCard(ctx, opened), note: ctx.tr.t(NOTES[result]) });
}
