import type { SignInStatus } from '../auth/vendorAuth';
import type { MessageKey } from '../i18n/catalogue';
import type { Translator } from '../i18n/translate';
import type { SyncHealth } from '../status/health';
import type { MeetingMark, UpcomingMeeting } from '../status/meetings';
import { ACTIONS, CARD_NAMES } from './actions';
import { setupSection } from './syncDetailsCard';
import { button, buttons, type Card, esc, labelled, linkButton, paragraph } from './widgets';

/**
 * The homepage: the user's meetings with our conference this week (today, tomorrow, later), each
 * with its time in the user's zone, its title and a Join button; a meeting being repaired or
 * refused is marked. Below them one line on the sync's health and the way to its details.
 */
export interface HubModel {
  meetings: UpcomingMeeting[];
  /** Watched calendars Calendar did not list this time. */
  unreadable: string[];
  health: SyncHealth;
  signIn: SignInStatus;
  notSetUp?: boolean;
}

type DaySection = 'today' | 'tomorrow' | 'later';

const SECTION_KEYS: Record<DaySection, MessageKey & ('hub.today' | 'hub.tomorrow' | 'hub.later')> = {
  today: 'hub.today',
  tomorrow: 'hub.tomorrow',
  later: 'hub.later',
};

const MARK_KEYS: Record<Exclude<MeetingMark, 'in-step'>, MessageKey & `hub.mark.${string}`> = {
  repairing: 'hub.mark.repairing',
  refused: 'hub.mark.refused',
};

function daySection(m: UpcomingMeeting): DaySection {
  return m.dayOffset === 0 ? 'today' : m.dayOffset === 1 ? 'tomorrow' : 'later';
}

/** "10:00" today and tomorrow, "Wed 10:00" later; in the user's zone, or named UTC when unknown. */
function meetingTime(tr: Translator, m: UpcomingMeeting): string {
  const later = daySection(m) === 'later';
  if (m.allDay) {
    if (!later) return tr.t('hub.allDay');
    return tr.t('hub.allDayOn', { day: tr.dateTime(m.startMs, { weekday: 'short' }, 'UTC') });
  }
  const options: Intl.DateTimeFormatOptions = later
    ? { weekday: 'short', hour: 'numeric', minute: '2-digit' }
    : { hour: 'numeric', minute: '2-digit' };
  const time = tr.dateTime(m.startMs, options);
  return tr.timeZone ? time : tr.t('time.inZone', { time, zone: 'UTC' });
}

/** One meeting: time, title, its mark; Join opens the conference, the row opens the event card. */
function meetingWidget(tr: Translator, m: UpcomingMeeting) {
  const title = m.title && m.title.trim() !== '' ? m.title : tr.t('common.noTitle');
  const row = labelled(meetingTime(tr, m), esc(title)).setOnClickAction(
    CardService.newAction()
      .setFunctionName(ACTIONS.openMeeting)
      .setParameters({
        calendarId: m.calendarId,
        eventId: m.eventId,
        ...(m.seriesId ? { seriesId: m.seriesId } : {}),
      }),
  );
  if (m.mark !== 'in-step') row.setBottomLabel(esc(tr.t(MARK_KEYS[m.mark])));
  if (m.joinUrl) row.setButton(linkButton(tr.t('hub.join'), m.joinUrl));
  return row;
}

function meetingSections(tr: Translator, meetings: readonly UpcomingMeeting[]) {
  const sections: GoogleAppsScript.Card_Service.CardSection[] = [];
  for (const day of ['today', 'tomorrow', 'later'] as const) {
    const ofDay = meetings.filter((m) => daySection(m) === day);
    if (ofDay.length === 0) continue;
    const section = CardService.newCardSection().setHeader(tr.t(SECTION_KEYS[day]));
    for (const m of ofDay) section.addWidget(meetingWidget(tr, m));
    sections.push(section);
  }
  return sections;
}

/** The sync's health in one line: all well, or what is wrong and what to do. */
export function healthText(tr: Translator, health: SyncHealth): string {
  switch (health.kind) {
    case 'no-calendar':
      return tr.t('home.empty');
    case 'lost-access':
      return tr.t('hub.health.lostAccess', { calendar: health.calendarId });
    case 'not-watched':
      return tr.t('hub.health.notWatched', { calendar: health.calendarId });
    case 'refused':
      return tr.t('hub.health.refused', { n: health.count });
    case 'vendor-blocked':
      return tr.t('hub.health.vendorBlocked');
    case 'unfinished':
      return tr.t('hub.health.unfinished');
    case 'waiting':
      return tr.t('hub.health.waiting', { n: health.count });
    case 'checking':
      return tr.t('hub.health.checking');
    case 'ok':
      return tr.t('hub.health.ok');
  }
}

function healthSection(tr: Translator, model: HubModel) {
  const section = CardService.newCardSection().addWidget(
    labelled(tr.t('hub.label.sync'), esc(healthText(tr, model.health))),
  );
  for (const calendar of model.unreadable)
    section.addWidget(paragraph(esc(tr.t('hub.unreadable', { calendar }))));
  const details = button(tr.t('hub.syncDetails'), ACTIONS.showSyncDetails);
  return section.addWidget(buttons(details, button(tr.t('home.refresh'), ACTIONS.refresh)));
}

/** The homepage card (the root of the add-on's cards). */
export function buildHubCard(model: HubModel, tr: Translator): Card {
  const card = CardService.newCardBuilder()
    .setName(CARD_NAMES.home)
    .setHeader(CardService.newCardHeader().setTitle(tr.t('hub.title')).setSubtitle(tr.t('hub.subtitle')));
  const setup = setupSection(tr, model.signIn, model.notSetUp);
  if (setup) card.addSection(setup);
  const days = meetingSections(tr, model.meetings);
  for (const section of days) card.addSection(section);
  if (days.length === 0 && model.health.kind !== 'no-calendar')
    card.addSection(CardService.newCardSection().addWidget(paragraph(esc(tr.t('hub.none')))));
  card.addSection(healthSection(tr, model));
  card.addSection(
    CardService.newCardSection().addWidget(buttons(button(tr.t('common.settings'), ACTIONS.showSettings))),
  );
  return card.build();
}
