/**
 * "Put the new meeting on the event": the one button the event card offers when the audit made a
 * new conference for one the vendor lost and Calendar refused the write-back. It tries that write
 * again (If-Match, as for copies) under the user lock, and says what happened.
 */
import { type RetryWriteResult, retryPendingWrite } from '../audit/runAudit';
import { UserState } from '../state/userState';
import type { RunContext } from '../sync/context';
import { emptyStats } from '../sync/recordOutcomes';
import { type AddonContext, CARD_LOCK_WAIT_MS, eventCard, type Params, reply } from './controller';
import { VENDOR_NAME } from './text';

const NOTES: Record<RetryWriteResult, string> = {
  written: `The new ${VENDOR_NAME} meeting is on the event.`,
  refused: 'Calendar still does not let the add-on change this event. Add the conference again by hand.',
  later: 'Calendar is busy right now. Try again in a minute.',
  'nothing-pending': 'Nothing is waiting for this event any more.',
};

export function repairConferenceAction(ctx: AddonContext, params: Params) {
  const { services } = ctx;
  const calendarId = params.calendarId ?? '';
  const eventId = params.eventId ?? '';
  const opened = { calendar: { calendarId, id: eventId } };
  if (!services.lock.tryLock(CARD_LOCK_WAIT_MS)) {
    return reply({ note: 'A sync is running right now. Try again in a minute.' });
  }
  let result: RetryWriteResult;
  try {
    const state = UserState.load(services.userStore);
    const run: RunContext = {
      services,
      state,
      vendor: services.vendor(),
      health: { up: false, down: false, failedCalls: 0 },
      stopAt: services.clock.now() + 20_000,
      stats: emptyStats(),
      calendarId,
      newlyWatched: new Set(),
      reachable: new Map(),
    };
    result = retryPendingWrite(run, calendarId, eventId);
    state.save();
  } catch {
    result = 'later';
  } finally {
    services.lock.release();
  }
  return reply({ update: eventCard(ctx, opened), note: NOTES[result] });
}
