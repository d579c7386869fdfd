import type { RepairEntry } from '../audit/store';
import type { SignInStatus } from '../auth/vendorAuth';
import type { EventConferenceStatus, VendorView } from '../status/status';
import { ACTIONS, CARD_NAMES } from './actions';
import { repairSection } from './auditCards';
import { ago, in_, operationText, plural, reasonText, VENDOR_NAME, whenText } from './text';
import { button, buttons, type Card, esc, labelled, linkButton, paragraph, signInButton } from './widgets';

export interface EventCardModel {
  now: number;
  status: EventConferenceStatus;
  signIn: SignInStatus;
  /** The audit's latest repair of this meeting (src/audit/). */
  repair?: RepairEntry;
}

/** Whether the vendor has the event's details, in one sentence (the only place sign-in is explained). */
export function syncStateText(s: EventConferenceStatus, now: number, signedIn = true): string {
  const next = s.nextRetryAt !== undefined ? ` Next try ${in_(s.nextRetryAt, now)}.` : '';
  const waitsForSignIn = !signedIn && s.state !== 'up-to-date' && s.state !== 'not-saved';
  if (waitsForSignIn && s.state === 'queued-removal')
    return `The meeting will be removed at ${VENDOR_NAME} once you sign in.`;
  if (waitsForSignIn && s.state !== 'not-tracked')
    return `Your latest changes will be sent to ${VENDOR_NAME} once you sign in.`;
  switch (s.state) {
    case 'up-to-date':
      return `${VENDOR_NAME} has the latest title, time and guests.`;
    case 'changed':
      return `Your latest changes are being sent to ${VENDOR_NAME}.`;
    case 'queued-update':
      return `Your latest changes are waiting to be sent to ${VENDOR_NAME}. They are sent automatically.${next}`;
    case 'queued-removal':
      return `The meeting is waiting to be removed at ${VENDOR_NAME}.${next}`;
    case 'not-sent':
      return `Your latest changes could not be sent to ${VENDOR_NAME}.`;
    case 'not-saved':
      return 'The event has not been saved yet.';
    case 'not-tracked':
      return `This calendar is not being synced, so changes to this event do not reach ${VENDOR_NAME}.`;
    case 'needs-conference':
      return `This meeting was restored from the trash and its ${VENDOR_NAME} meeting no longer exists. Add the conference again.`;
    default:
      return '';
  }
}

function vendorSection(vendor: VendorView, now: number) {
  const section = CardService.newCardSection().setHeader(`What ${VENDOR_NAME} has`);
  switch (vendor.kind) {
    case 'ok': {
      const c = vendor.conference;
      section.addWidget(labelled('Title', esc(c.title ?? '(no title yet)')));
      section.addWidget(labelled('Starts', esc(whenText(c.start))));
      section.addWidget(labelled('Ends', esc(whenText(c.end))));
      section.addWidget(labelled('Guests', plural(c.attendees.length, 'guest', 'guests')));
      if (c.recurrence.length > 0) section.addWidget(labelled('Repeats', 'Yes'));
      const updated = c.updatedAt ? Date.parse(c.updatedAt) : Number.NaN;
      if (Number.isFinite(updated)) section.addWidget(labelled('Last updated', ago(updated, now)));
      break;
    }
    case 'missing':
      section.addWidget(paragraph(`${VENDOR_NAME} no longer has this meeting.`));
      break;
    case 'unauthorized':
      section.addWidget(
        paragraph(`${VENDOR_NAME} did not accept the sign-in, so its details cannot be shown.`),
      );
      break;
    case 'unavailable':
      section.addWidget(paragraph(`${VENDOR_NAME} could not be reached just now. Try again in a moment.`));
      break;
    default:
      return null;
  }
  return section;
}

function cardFor(s: EventConferenceStatus) {
  return CardService.newCardBuilder()
    .setName(CARD_NAMES.event)
    .setHeader(
      CardService.newCardHeader()
        .setTitle(`${VENDOR_NAME} meeting`)
        .setSubtitle(esc(s.title && s.title !== '' ? s.title : '(no title)')),
    );
}

/** An event without our conference: how to add one. */
function notOursSection(s: EventConferenceStatus) {
  return CardService.newCardSection().addWidget(
    paragraph(
      s.hasConference
        ? `This event uses another meeting service, not ${VENDOR_NAME}.`
        : `This event has no ${VENDOR_NAME} meeting. Choose ${VENDOR_NAME} under "Add video conferencing" when you edit the event.`,
    ),
  );
}

/** The meeting itself, where the vendor stands, and the sign-in button when that is what it waits for. */
function meetingSection(model: EventCardModel) {
  const { status: s, now, signIn } = model;
  const meeting = CardService.newCardSection().setHeader('Meeting');
  if (s.conferenceId) meeting.addWidget(labelled('Meeting ID', esc(s.conferenceId)));
  if (s.joinUrl) {
    meeting.addWidget(labelled('Join link', esc(s.joinUrl)));
    meeting.addWidget(buttons(linkButton('Join meeting', s.joinUrl)));
  }
  meeting.addWidget(labelled('Status', esc(syncStateText(s, now, signIn.signedIn))));
  if (!signIn.signedIn && signIn.authorizationUrl) {
    meeting.addWidget(buttons(signInButton('Sign in', signIn.authorizationUrl)));
  }
  return meeting;
}

/** The latest change of this meeting the vendor refused, and why. */
function problemSection(s: EventConferenceStatus, now: number) {
  const last = s.problems[s.problems.length - 1];
  if (!last) return null;
  const line = `${operationText(last.op, s.title)} (${ago(last.at, now)}): ${reasonText(last)}`;
  return CardService.newCardSection()
    .setHeader('Could not be sent')
    .addWidget(paragraph(esc(line)));
}

function actionsSection(s: EventConferenceStatus) {
  const actions = CardService.newCardSection();
  const canResend = s.state !== undefined && s.state !== 'not-tracked' && s.state !== 'queued-removal';
  if (!canResend || !s.conferenceId)
    return actions.addWidget(buttons(button('Sync status', ACTIONS.refresh)));
  const params = { calendarId: s.calendarId, eventId: s.eventId, conferenceId: s.conferenceId };
  return actions
    .addWidget(paragraph(`If ${VENDOR_NAME} shows old details, send the event's current details again.`))
    .addWidget(
      buttons(
        button(`Resend to ${VENDOR_NAME}`, ACTIONS.resend, params),
        button('Sync status', ACTIONS.refresh),
      ),
    );
}

/** The event card: our conference on this event and whether the vendor is up to date. */
export function buildEventCard(model: EventCardModel): Card {
  const { status: s, now } = model;
  const card = cardFor(s);
  if (!s.ours) {
    return card
      .addSection(notOursSection(s))
      .addSection(CardService.newCardSection().addWidget(buttons(button('Sync status', ACTIONS.refresh))))
      .build();
  }
  card.addSection(meetingSection(model));
  const repaired = repairSection(model.repair, now, { calendarId: s.calendarId, eventId: s.eventId });
  if (repaired) card.addSection(repaired);
  const problem = problemSection(s, now);
  if (problem) card.addSection(problem);
  const vendor = vendorSection(s.vendor, now);
  if (vendor) card.addSection(vendor);
  return card.addSection(actionsSection(s)).build();
}
