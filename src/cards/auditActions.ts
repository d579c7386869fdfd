/**
 * "Put the new meeting on the event": the one button the event card offers when the vendor lost a
 * conference and Calendar would not take the new one. Like every path that changes a conference, it
 * only says "look again": the meeting waits for a conference once more (`askedAgain`), and a sync of
 * its calendar asks the vendor for it and writes it onto the event, the way every repair goes.
 */
import { waitsForCalendar } from '../audit/store';
import { askedAgain } from '../conference/lifecycle';
import type { MessageKey } from '../i18n/catalogue';
import { UserState } from '../state/userState';
import { runSync } from '../sync/runSync';
import { type AddonContext, CARD_LOCK_WAIT_MS, eventCard, type Params, reply } from './controller';

type RetryWriteResult = 'written' | 'refused' | 'later' | 'nothing-pending';

const NOTES: Record<RetryWriteResult, MessageKey & `repair.note.${string}`> = {
  written: 'repair.note.written',
  refused: 'repair.note.refused',
  later: 'repair.note.later',
  'nothing-pending': 'repair.note.nothing',
};

/** Marks the meeting's lost conference as waiting again; its id, or undefined when nothing waits. */
function askAgain(ctx: AddonContext, calendarId: string, eventId: string): string | undefined | 'busy' {
  const { services } = ctx;
  if (!services.lock.tryLock(CARD_LOCK_WAIT_MS)) return 'busy';
  try {
    const state = UserState.load(services.userStore);
    const cal = state.find(calendarId);
    const lost = cal ? state.book.carriedBy(cal.index, eventId).find(waitsForCalendar) : undefined;
    if (!lost) return undefined;
    state.book.put(askedAgain(lost));
    state.save();
    return lost.conferenceId;
  } finally {
    services.lock.release();
  }
}

/** What the sync made of it: the lost conference is replaced, refused again, or still waiting. */
function resultFor(ctx: AddonContext, lostId: string): RetryWriteResult {
  const lost = UserState.load(ctx.services.userStore).book.get(lostId);
  if (!lost || lost.state === 'deleted') return 'written';
  if (lost.state !== 'lost') return 'written'; // the vendor gave the very conference back
  return waitsForCalendar(lost) ? 'refused' : 'later';
}

export function repairConferenceAction(ctx: AddonContext, params: Params) {
  const calendarId = params.calendarId ?? '';
  const eventId = params.eventId ?? '';
  const opened = { calendar: { calendarId, id: eventId } };
  const lostId = askAgain(ctx, calendarId, eventId);
  if (lostId === 'busy') return reply({ note: ctx.tr.t('note.busy') });
  let result: RetryWriteResult = 'nothing-pending';
  if (lostId !== undefined) {
    const summary = runSync(ctx.services, {
      calendarIds: [calendarId],
      reason: 'card: put the new meeting on',
    });
    result = summary.status === 'done' ? resultFor(ctx, lostId) : 'later';
  }
  return reply({ update: eventCard(ctx, opened), note: ctx.tr.t(NOTES[result]) });
}
