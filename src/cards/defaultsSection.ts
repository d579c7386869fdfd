/**
 * The settings card's "Defaults for new meetings" (issue 23): for each on/off option the vendor
 * supports, what a new meeting gets (the user's choice, else the organisation's, else the vendor's
 * own default) and the button that sets the user's choice to the other value.
 */

import { BRAND } from '../config/brand';
import type { Translator } from '../i18n/translate';
import { readUserDefaults } from '../meeting/meetingDefaults';
import { type MeetingOptions, SWITCH_OPTIONS, type SwitchOption } from '../vendor/options';
import type { VendorPort } from '../vendor/port';
import { ACTIONS } from './actions';
import type { AddonContext } from './controller';
import { OPTION_LABELS } from './meetingOptions';
import { button, buttons, esc, labelled, paragraph } from './widgets';

export interface DefaultsView {
  /** The on/off options the vendor supports, in the cards' order. */
  options: readonly SwitchOption[];
  user: MeetingOptions;
  organisation: MeetingOptions;
}

function valueText(tr: Translator, view: DefaultsView, name: SwitchOption): string {
  const mine = view.user[name];
  const theirs = view.organisation[name];
  const word = (on: boolean) => tr.t(on ? 'options.on' : 'options.off');
  if (mine !== undefined) return tr.t('defaults.yours', { value: word(mine) });
  if (theirs !== undefined) return tr.t('defaults.organisation', { value: word(theirs) });
  return tr.t('defaults.vendorDecides');
}

export function defaultsSection(view: DefaultsView | undefined, tr: Translator) {
  if (!view || view.options.length === 0) return null;
  const section = CardService.newCardSection().setHeader(tr.t('defaults.header'));
  section.addWidget(paragraph(esc(tr.t('defaults.hint'))));
  for (const name of view.options) {
    const on = view.user[name] ?? view.organisation[name] ?? false;
    const flip = button(tr.t(on ? 'options.turnOff' : 'options.turnOn'), ACTIONS.setDefaultOption, {
      option: name,
      value: on ? 'off' : 'on',
    });
    section.addWidget(labelled(tr.t(OPTION_LABELS[name]), esc(valueText(tr, view, name))).setButton(flip));
  }
  if (Object.keys(view.user).length > 0) {
    const reset = button(tr.t('defaults.reset'), ACTIONS.setDefaultOption, {
      option: 'all',
      value: 'default',
    });
    section.addWidget(buttons(reset));
  }
  return section;
}

/** The defaults the settings card shows: only the vendor's on/off options; none without a vendor. */
export function defaultsView(ctx: AddonContext, port: VendorPort | undefined): DefaultsView | undefined {
  const supported = port?.meetingOptions?.supported ?? [];
  const options = SWITCH_OPTIONS.filter((o) => supported.includes(o));
  if (options.length === 0) return undefined;
  return { options, user: readUserDefaults(ctx.services.userStore), organisation: BRAND.meetingDefaults };
}
