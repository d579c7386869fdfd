import type { SignInStatus } from '../auth/vendorAuth';
import type { EventConferenceStatus, VendorView } from '../status/status';
import { ACTIONS, CARD_NAMES } from './actions';
import { ago, in_, operationText, plural, reasonText, VENDOR_NAME, whenText } from './text';
import { button, buttons, type Card, esc, labelled, linkButton, paragraph, signInButton } from './widgets';

export interface EventCardModel {
  now: number;
  status: EventConferenceStatus;
  signIn: SignInStatus;
}

/** Whether the vendor has the event's details, in one sentence. */
export function syncStateText(s: EventConferenceStatus, now: number): string {
  const next = s.nextRetryAt !== undefined ? ` Next try ${in_(s.nextRetryAt, now)}.` : '';
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

/** The event card: our conference on this event and whether the vendor is up to date. */
export function buildEventCard(model: EventCardModel): Card {
  const { status: s, now } = model;
  const card = CardService.newCardBuilder()
    .setName(CARD_NAMES.event)
    .setHeader(
      CardService.newCardHeader()
        .setTitle(`${VENDOR_NAME} meeting`)
        .setSubtitle(esc(s.title && s.title !== '' ? s.title : '(no title)')),
    );
  if (!s.ours) {
    card.addSection(
      CardService.newCardSection().addWidget(
        paragraph(
          s.hasConference
            ? `This event uses another meeting service, not ${VENDOR_NAME}.`
            : `This event has no ${VENDOR_NAME} meeting. Choose ${VENDOR_NAME} under "Add video conferencing" when you edit the event.`,
        ),
      ),
    );
    card.addSection(CardService.newCardSection().addWidget(buttons(button('Sync status', ACTIONS.refresh))));
    return card.build();
  }

  const meeting = CardService.newCardSection().setHeader('Meeting');
  if (s.conferenceId) meeting.addWidget(labelled('Meeting ID', esc(s.conferenceId)));
  if (s.joinUrl) {
    meeting.addWidget(labelled('Join link', esc(s.joinUrl)));
    meeting.addWidget(buttons(linkButton('Join meeting', s.joinUrl)));
  }
  meeting.addWidget(labelled('Status', esc(syncStateText(s, now))));
  card.addSection(meeting);

  if (!model.signIn.signedIn && model.signIn.authorizationUrl) {
    card.addSection(
      CardService.newCardSection()
        .addWidget(paragraph(`Sign in to ${VENDOR_NAME} so your changes can be sent.`))
        .addWidget(buttons(signInButton('Sign in', model.signIn.authorizationUrl))),
    );
  }

  if (s.problems.length > 0) {
    const last = s.problems[s.problems.length - 1]!;
    card.addSection(
      CardService.newCardSection()
        .setHeader('Could not be sent')
        .addWidget(paragraph(esc(`${operationText(last.op)} (${ago(last.at, now)}): ${reasonText(last)}`))),
    );
  }

  const vendor = vendorSection(s.vendor, now);
  if (vendor) card.addSection(vendor);

  const actions = CardService.newCardSection();
  const canResend = s.state !== undefined && s.state !== 'not-tracked' && s.state !== 'queued-removal';
  if (canResend && s.conferenceId) {
    actions.addWidget(
      paragraph(`If ${VENDOR_NAME} shows old details, send the event's current details again.`),
    );
    actions.addWidget(
      buttons(
        button(`Resend to ${VENDOR_NAME}`, ACTIONS.resend, {
          calendarId: s.calendarId,
          eventId: s.eventId,
          conferenceId: s.conferenceId,
        }),
        button('Sync status', ACTIONS.refresh),
      ),
    );
  } else {
    actions.addWidget(buttons(button('Sync status', ACTIONS.refresh)));
  }
  card.addSection(actions);
  return card.build();
}
