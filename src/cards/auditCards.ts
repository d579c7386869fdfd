/**
 * What the cards say about the audit of upcoming meetings: a homepage section ("2 meetings repaired
 * this week", or why the vendor could not be checked) and an event-card section (what was repaired
 * and when, or the one button that puts a waiting new conference on the event). Words come from the
 * catalogue (src/i18n), chosen by the audit's typed kinds.
 */
import type { SyncedAspect } from '../audit/compare';
import type { AuditSummary, RepairEntry } from '../audit/store';
import type { MessageKey } from '../i18n/catalogue';
import type { Translator } from '../i18n/translate';
import { ACTIONS } from './actions';
import { ago } from './text';
import { button, buttons, esc, labelled, paragraph } from './widgets';

const BLOCKED: Record<NonNullable<AuditSummary['blocked']>['kind'], MessageKey & `audit.blocked.${string}`> =
  {
    unauthorized: 'audit.blocked.unauthorized',
    forbidden: 'audit.blocked.forbidden',
    'too-many-missing': 'audit.blocked.massMissing',
  };

const ASPECTS: Record<SyncedAspect, MessageKey & `repair.aspect.${string}`> = {
  title: 'repair.aspect.title',
  time: 'repair.aspect.time',
  guests: 'repair.aspect.guests',
  recurrence: 'repair.aspect.recurrence',
};

/** The homepage section; null before the first check. */
export function auditSection(tr: Translator, summary: AuditSummary | undefined, now: number) {
  if (!summary) return null;
  const section = CardService.newCardSection().setHeader(tr.t('audit.header'));
  const repaired =
    summary.repairedThisWeek === 0
      ? tr.t('audit.none')
      : tr.t('audit.repaired', { n: summary.repairedThisWeek });
  const last =
    summary.lastRunAt !== undefined ? tr.t('audit.lastCheck', { when: ago(tr, summary.lastRunAt, now) }) : '';
  const both = last ? tr.t('common.sentences', { first: repaired, second: last }) : repaired;
  section.addWidget(labelled(tr.t('audit.label.repairs'), esc(both)));
  if (summary.blocked) {
    const when = ago(tr, summary.blocked.at, now);
    section.addWidget(
      labelled(tr.t('audit.label.blocked', { when }), esc(tr.t(BLOCKED[summary.blocked.kind]))),
    );
  }
  if (summary.waitingForCalendar > 0)
    section.addWidget(paragraph(esc(tr.t('audit.waiting', { n: summary.waitingForCalendar }))));
  section.addWidget(paragraph(esc(tr.t('audit.howOften'))));
  return section;
}

/** The event card's section about a repair of this meeting; null when there was none. */
export function repairSection(
  tr: Translator,
  repair: RepairEntry | undefined,
  now: number,
  ids: { calendarId: string; eventId: string },
) {
  if (!repair) return null;
  const when = ago(tr, repair.at, now);
  const section = CardService.newCardSection().setHeader(tr.t('repair.header'));
  if (repair.kind === 'restored') return section.addWidget(paragraph(esc(tr.t('repair.restored', { when }))));
  if (repair.kind === 'recreated')
    return section.addWidget(paragraph(esc(tr.t('repair.recreated', { when }))));
  if (repair.kind === 'resent') {
    const what = (repair.aspects ?? []).map((a) => tr.t(ASPECTS[a])).join(tr.t('repair.aspectSeparator'));
    return section.addWidget(paragraph(esc(tr.t('repair.resent', { what, when }))));
  }
  return section
    .setHeader(tr.t('repair.headerClick'))
    .addWidget(paragraph(esc(tr.t('repair.refused', { when }))))
    .addWidget(buttons(button(tr.t('repair.button'), ACTIONS.repairConference, ids)));
}
