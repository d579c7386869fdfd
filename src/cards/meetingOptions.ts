/**
 * The event card's "Meeting options" (issue 23): the options the vendor's adapter supports, as the
 * vendor holds them, each with the button that changes it. A click sends that one change to the
 * vendor at once (./optionActions.ts). Alternative hosts are chosen from the event's guests.
 */
import type { CalendarEvent } from '../calendar/types';
import type { MessageKey } from '../i18n/catalogue';
import type { Translator } from '../i18n/translate';
import type { VendorView } from '../status/status';
import {
  emailList,
  type MeetingOptionName,
  type MeetingOptions,
  SWITCH_OPTIONS,
  type SwitchOption,
} from '../vendor/options';
import type { VendorPort } from '../vendor/port';
import { ACTIONS } from './actions';
import { button, esc, labelled, paragraph } from './widgets';

/** Which conference a button changes (the action's parameters). */
export interface OptionsTarget {
  calendarId: string;
  eventId: string;
  conferenceId: string;
}

export interface OptionsView {
  supported: readonly MeetingOptionName[];
  /** What the vendor holds now (its last read). */
  held: MeetingOptions;
  /** The passcode the vendor gives now, shown with the passcode option. */
  passcode?: string;
  /** The event's guests (lower-case emails), the organizer left out. */
  guests: readonly string[];
  target: OptionsTarget;
}

export const OPTION_LABELS: Record<MeetingOptionName, MessageKey & `options.${MeetingOptionName}`> = {
  passcode: 'options.passcode',
  waitingRoom: 'options.waitingRoom',
  joinBeforeHost: 'options.joinBeforeHost',
  muteOnEntry: 'options.muteOnEntry',
  autoRecording: 'options.autoRecording',
  alternativeHosts: 'options.alternativeHosts',
};

/** The action parameters that set `option` to `value` ("on" / "off", or the full host list). */
export function optionParams(target: OptionsTarget, option: MeetingOptionName, value: string) {
  return { ...target, option, value };
}

function switchWidget(view: OptionsView, name: SwitchOption, tr: Translator) {
  const on = view.held[name] === true;
  const state =
    on && name === 'passcode' && view.passcode
      ? tr.t('options.passcodeOn', { passcode: view.passcode })
      : tr.t(on ? 'options.on' : 'options.off');
  const flip = button(
    tr.t(on ? 'options.turnOff' : 'options.turnOn'),
    ACTIONS.setMeetingOption,
    optionParams(view.target, name, on ? 'off' : 'on'),
  );
  return labelled(tr.t(OPTION_LABELS[name]), esc(state)).setButton(flip);
}

/** One line per guest: host or not, and the button that makes the whole new list. */
function hostWidgets(view: OptionsView, tr: Translator) {
  const hosts = view.held.alternativeHosts ?? [];
  if (view.guests.length === 0) return [paragraph(esc(tr.t('options.noGuests')))];
  return view.guests.map((guest) => {
    const isHost = hosts.includes(guest);
    const next = isHost ? hosts.filter((h) => h !== guest) : [...hosts, guest];
    const change = button(
      tr.t(isHost ? 'options.removeHost' : 'options.makeHost'),
      ACTIONS.setMeetingOption,
      optionParams(view.target, 'alternativeHosts', next.join(',')),
    );
    return labelled(tr.t(isHost ? 'options.isHost' : 'options.isGuest'), esc(guest)).setButton(change);
  });
}

/** The section, or null when the vendor supports no option or did not say what it holds. */
export function meetingOptionsSection(view: OptionsView | undefined, tr: Translator) {
  if (!view || view.supported.length === 0) return null;
  const section = CardService.newCardSection().setHeader(tr.t('options.header'));
  section.addWidget(paragraph(esc(tr.t('options.hint'))));
  for (const name of SWITCH_OPTIONS) {
    if (view.supported.includes(name) && view.held[name] !== undefined)
      section.addWidget(switchWidget(view, name, tr));
  }
  if (view.supported.includes('alternativeHosts')) {
    section.addWidget(paragraph(`<b>${esc(tr.t('options.alternativeHosts'))}</b>`));
    for (const widget of hostWidgets(view, tr)) section.addWidget(widget);
  }
  return section;
}

/** The event's guests who can be made hosts: people (no rooms), not the organizer. */
function guestsOf(event: CalendarEvent | undefined): string[] {
  const organizer = event?.organizer?.email?.toLowerCase();
  const people = (event?.attendees ?? []).filter((a) => !a.resource).map((a) => a.email);
  return emailList(people).filter((email) => email !== organizer);
}

/** What the event card's options section shows, when the vendor has options and said what it holds. */
export function optionsView(
  port: VendorPort | undefined,
  vendor: VendorView,
  event: CalendarEvent | undefined,
  target: OptionsTarget,
): OptionsView | undefined {
  const capability = port?.meetingOptions;
  if (!capability || vendor.kind !== 'ok' || !vendor.conference.options) return undefined;
  const { options: held, passcode } = vendor.conference;
  return {
    supported: capability.supported,
    held,
    guests: guestsOf(event),
    target,
    ...(passcode ? { passcode } : {}),
  };
}
