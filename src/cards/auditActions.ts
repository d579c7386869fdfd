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
import { type AddonContext, cardSync, eventCard, type Params, reply } from './controller';

type RetryWriteResult = 'written' | 'refused' | 'later' | 'nothing-pending';

const NOTES: Record<RetryWriteResult, MessageKey & `repair.note.${string}`> = {
  written: 'repair.note.written',
  refused: 'repair.note.refused',
  later: 'repair.note.later',
  'nothing-pending': 'repair.note.nothing',
};

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
  const asked: { lostId?: string } = {};
  const summary = cardSync(ctx, calendarId, 'card: put the new meeting on', {
    intent: (state) => {
      const cal = state.find(calendarId);
      const lost = cal ? state.book.carriedBy(cal.index, eventId).find(waitsForCalendar) : undefined;
      if (lost) state.book.put(askedAgain(lost));
      asked.lostId = lost?.conferenceId;
      return lost !== undefined;
    },
  });
  if (summary.status === 'handed-over') return reply({ note: ctx.tr.t('note.busy') });
  let result: RetryWriteResult = 'later';
  if (asked.lostId === undefined) result = 'nothing-pending';
  else if (summary.status === 'done') result = resultFor(ctx, asked.lostId);
  return reply({ update: eventCard(ctx, opened), note: ctx.tr.t(NOTES[result]) });
}
