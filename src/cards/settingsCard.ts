import type { SignInStatus } from '../auth/vendorAuth';
import type { ConnectionTest } from '../status/vendorProbe';
import { ACTIONS, CARD_NAMES } from './actions';
import { VENDOR_NAME } from './text';
import { button, buttons, type Card, esc, labelled, paragraph, signInButton } from './widgets';

export interface SettingsModel {
  /** CONFERENCE_API_BASE_URL as configured (the key is never shown). */
  baseUrl?: string;
  signIn: SignInStatus;
  /** What is wrong with the configuration, naming the Script Property (for the administrator). */
  configProblem?: string;
  lastTest?: ConnectionTest;
}

export function connectionTestText(t: ConnectionTest): string {
  const secs = `${(t.ms / 1000).toFixed(1)} s`;
  if (t.ok) return `Connected. ${VENDOR_NAME} answered in ${secs}.`;
  switch (t.problem) {
    case 'unreachable':
      return `Could not reach ${VENDOR_NAME}. Check the address.`;
    case 'rejected':
      return `${VENDOR_NAME} did not accept the key or sign-in.`;
    case 'forbidden':
      return `${VENDOR_NAME} accepted the sign-in but does not allow this add-on.`;
    default:
      return `${VENDOR_NAME} is having trouble right now (error ${t.detail}). Try again later.`;
  }
}

/** Settings: the configured vendor address, how the add-on signs in, and a connection test. */
export function buildSettingsCard(model: SettingsModel): Card {
  const card = CardService.newCardBuilder()
    .setName(CARD_NAMES.settings)
    .setHeader(CardService.newCardHeader().setTitle('Settings').setSubtitle(`Connection to ${VENDOR_NAME}`));
  const section = CardService.newCardSection();
  section.addWidget(labelled(`${VENDOR_NAME} address`, esc(model.baseUrl ?? 'Not set')));
  const { signIn } = model;
  const signInText =
    signIn.mode === 'api-key'
      ? 'With a key set by your administrator (not shown)'
      : signIn.mode === 'oauth'
        ? signIn.signedIn
          ? `Each person signs in to ${VENDOR_NAME}. You are signed in.`
          : `Each person signs in to ${VENDOR_NAME}. You are not signed in.`
        : `Sign-in to ${VENDOR_NAME} is not set up correctly.`;
  section.addWidget(labelled('Sign-in', signInText));
  const problem = model.configProblem ?? signIn.problem;
  if (problem) section.addWidget(labelled('Setup problem', esc(problem)));
  if (model.lastTest) section.addWidget(labelled('Connection test', esc(connectionTestText(model.lastTest))));
  card.addSection(section);

  const actions: GoogleAppsScript.Card_Service.TextButton[] = [];
  if (model.baseUrl && !model.configProblem && signIn.signedIn) {
    actions.push(button('Test connection', ACTIONS.testConnection));
  }
  if (signIn.mode === 'oauth' && !signIn.signedIn && signIn.authorizationUrl) {
    actions.push(signInButton('Sign in', signIn.authorizationUrl));
  }
  if (signIn.mode === 'oauth' && signIn.signedIn) actions.push(button('Sign out', ACTIONS.signOut));
  actions.push(button('Back', ACTIONS.back));
  const footer = CardService.newCardSection();
  if (!signIn.signedIn && signIn.mode === 'oauth') {
    footer.addWidget(paragraph(`Sign in first, then test the connection.`));
  }
  footer.addWidget(buttons(...actions));
  card.addSection(footer);
  return card.build();
}
