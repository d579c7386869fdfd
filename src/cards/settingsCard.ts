import type { SignInStatus } from '../auth/vendorAuth';
import type { Translator } from '../i18n/translate';
import type { ConnectionTest } from '../status/vendorProbe';
import { ACTIONS, CARD_NAMES } from './actions';
import { type DefaultsView, defaultsSection } from './defaultsSection';
import { button, buttons, type Card, esc, labelled, paragraph, signInButton } from './widgets';

export interface SettingsModel {
  /** CONFERENCE_API_BASE_URL as configured (the key is never shown). */
  baseUrl?: string;
  signIn: SignInStatus;
  /** What is wrong with the configuration, naming the Script Property (for the administrator). */
  configProblem?: string;
  lastTest?: ConnectionTest;
  /** The user's defaults for new meetings, when the vendor has options (issue 23). */
  defaults?: DefaultsView;
}

export function connectionTestText(tr: Translator, t: ConnectionTest): string {
  if (t.ok) return tr.t('test.ok', { seconds: tr.number(t.ms / 1000, 1) });
  switch (t.problem) {
    case 'unreachable':
      return tr.t('test.unreachable');
    case 'rejected':
      return tr.t('test.rejected');
    case 'forbidden':
      return tr.t('test.forbidden');
    default:
      return tr.t('test.vendorError', { detail: t.detail });
  }
}

function signInText(tr: Translator, signIn: SignInStatus): string {
  if (signIn.mode === 'api-key') return tr.t('settings.apiKey');
  if (signIn.mode !== 'oauth') return tr.t('settings.invalid');
  return tr.t(signIn.signedIn ? 'settings.signedIn' : 'settings.notSignedIn');
}

/**
 * Settings: the configured vendor address, how the add-on signs in, and a connection test. The
 * setup problem itself is shown as the configuration reports it: it names a Script Property for the
 * administrator, who fixes it in the script's settings.
 */
export function buildSettingsCard(model: SettingsModel, tr: Translator): Card {
  const card = CardService.newCardBuilder()
    .setName(CARD_NAMES.settings)
    .setHeader(
      CardService.newCardHeader().setTitle(tr.t('settings.title')).setSubtitle(tr.t('settings.subtitle')),
    );
  const section = CardService.newCardSection();
  section.addWidget(labelled(tr.t('settings.label.address'), esc(model.baseUrl ?? tr.t('settings.notSet'))));
  const { signIn } = model;
  section.addWidget(labelled(tr.t('settings.label.signIn'), esc(signInText(tr, signIn))));
  const problem = model.configProblem ?? signIn.problem;
  if (problem) section.addWidget(labelled(tr.t('settings.label.problem'), esc(problem)));
  if (model.lastTest) {
    section.addWidget(labelled(tr.t('settings.label.test'), esc(connectionTestText(tr, model.lastTest))));
  }
  card.addSection(section);
  const defaults = defaultsSection(model.defaults, tr);
  if (defaults) card.addSection(defaults);

  const actions: GoogleAppsScript.Card_Service.TextButton[] = [];
  if (model.baseUrl && !model.configProblem && signIn.signedIn) {
    actions.push(button(tr.t('settings.test'), ACTIONS.testConnection));
  }
  if (signIn.mode === 'oauth' && !signIn.signedIn && signIn.authorizationUrl) {
    actions.push(signInButton(tr.t('common.signIn'), signIn.authorizationUrl));
  }
  if (signIn.mode === 'oauth' && signIn.signedIn)
    actions.push(button(tr.t('settings.signOut'), ACTIONS.signOut));
  actions.push(button(tr.t('settings.back'), ACTIONS.back));
  const footer = CardService.newCardSection();
  if (!signIn.signedIn && signIn.mode === 'oauth') {
    footer.addWidget(paragraph(esc(tr.t('settings.signInFirst'))));
  }
  footer.addWidget(buttons(...actions));
  card.addSection(footer);
  return card.build();
}
