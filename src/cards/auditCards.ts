/**
 * What the cards say about the audit of upcoming meetings: a homepage section ("2 meetings repaired
 * this week", or why the vendor could not be checked) and an event-card section (what was repaired
 * and when, or the one button that puts a waiting new conference on the event).
 */
import type { SyncedAspect } from '../audit/compare';
import type { RepairEntry } from '../audit/store';
import type { AuditSummary } from '../audit/summary';
import { ACTIONS } from './actions';
import { ago, plural, VENDOR_NAME } from './text';
import { button, buttons, esc, labelled, paragraph } from './widgets';

function blockedText(kind: NonNullable<AuditSummary['blocked']>['kind']): string {
  switch (kind) {
    case 'unauthorized':
      return `${VENDOR_NAME} no longer accepts the add-on's sign-in, so your meetings could not be checked. Nothing was deleted or changed. Sign in again (or ask your administrator to renew the key).`;
    case 'forbidden':
      return `${VENDOR_NAME} says this account may no longer use these meetings, so they could not be checked. Nothing was deleted or changed.`;
    default:
      return `${VENDOR_NAME} suddenly has none of many meetings, which looks like a problem on its side. Nothing was re-created; they are checked again every hour.`;
  }
}

/** The homepage section; null before the first check. */
export function auditSection(summary: AuditSummary | undefined, now: number) {
  if (!summary) return null;
  const section = CardService.newCardSection().setHeader(`Meetings checked against ${VENDOR_NAME}`);
  const repaired =
    summary.repairedThisWeek === 0
      ? 'No meeting needed a repair this week.'
      : `${plural(summary.repairedThisWeek, 'meeting', 'meetings')} repaired this week.`;
  const last = summary.lastRunAt !== undefined ? ` Last check ${ago(summary.lastRunAt, now)}.` : '';
  section.addWidget(labelled('Repairs', esc(repaired + last)));
  if (summary.blocked) {
    section.addWidget(
      labelled(`Could not check (${ago(summary.blocked.at, now)})`, esc(blockedText(summary.blocked.kind))),
    );
  }
  if (summary.waitingForCalendar > 0) {
    section.addWidget(
      paragraph(
        esc(
          `${plural(summary.waitingForCalendar, 'meeting waits', 'meetings wait')} for its new ${VENDOR_NAME} link to be put on the event: open the event to fix it.`,
        ),
      ),
    );
  }
  section.addWidget(
    paragraph(
      `Meetings in the next 14 days are checked every day, and every hour on the day they start. If ${VENDOR_NAME} lost one or shows other details, your calendar's are put back.`,
    ),
  );
  return section;
}

const ASPECT_WORDS: Record<SyncedAspect, string> = {
  title: 'title',
  time: 'time',
  guests: 'guests',
  recurrence: 'repeat pattern',
};

function aspectsText(aspects: readonly SyncedAspect[] = []): string {
  const words = aspects.map((a) => ASPECT_WORDS[a]);
  if (words.length <= 1) return `another ${words[0] ?? 'version'}`;
  return `another ${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** The event card's section about a repair of this meeting; null when there was none. */
export function repairSection(
  repair: RepairEntry | undefined,
  now: number,
  ids: { calendarId: string; eventId: string },
) {
  if (!repair) return null;
  const section = CardService.newCardSection().setHeader('Repaired');
  const when = ago(repair.at, now);
  if (repair.kind === 'recreated') {
    return section.addWidget(
      paragraph(
        esc(
          `${VENDOR_NAME} no longer had this meeting (${when}). A new one was made and put on the event: the join link above is the new one.`,
        ),
      ),
    );
  }
  if (repair.kind === 'resent') {
    return section.addWidget(
      paragraph(
        esc(
          `${VENDOR_NAME} showed ${aspectsText(repair.aspects)} than this event (${when}). The event's details were sent again.`,
        ),
      ),
    );
  }
  return section
    .setHeader('Needs one click')
    .addWidget(
      paragraph(
        esc(
          `${VENDOR_NAME} no longer has this meeting. A new one was made (${when}), but Calendar did not let the add-on put it on the event.`,
        ),
      ),
    )
    .addWidget(buttons(button('Put the new meeting on the event', ACTIONS.repairConference, ids)));
}
