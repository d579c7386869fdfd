import type { RepairEntry } from '../audit/store';
import type { SignInStatus } from '../auth/vendorAuth';
import type { MessageKey } from '../i18n/catalogue';
import type { Translator } from '../i18n/translate';
import type { EventConferenceStatus, EventSyncState, VendorView } from '../status/status';
import { ACTIONS, CARD_NAMES } from './actions';
import { repairSection } from './auditCards';
import { meetingOptionsSection, type OptionsView } from './meetingOptions';
import { ago, nextTryText, operationText, reasonText, whenText } from './text';
import { button, buttons, type Card, esc, labelled, linkButton, paragraph, signInButton } from './widgets';

export interface EventCardModel {
  now: number;
  status: EventConferenceStatus;
  signIn: SignInStatus;
  /** The audit's latest repair of this meeting (src/audit/). */
  repair?: RepairEntry;
  /** The vendor's meeting options, when its adapter has them (issue 23). */
  options?: OptionsView;
}

const STATE_KEYS: Record<EventSyncState, MessageKey & `state.${string}`> = {
  'up-to-date': 'state.upToDate',
  changed: 'state.changed',
  'queued-update': 'state.queuedUpdate',
  'queued-removal': 'state.queuedRemoval',
  'not-sent': 'state.notSent',
  'not-saved': 'state.notSaved',
  'not-tracked': 'state.notTracked',
  restoring: 'state.restoring',
  'vendor-lost': 'state.vendorLost',
  'needs-conference': 'state.needsConference',
};

/** Whether the vendor has the event's details, in one sentence (the only place sign-in is explained). */
function syncStateText(tr: Translator, s: EventConferenceStatus, now: number, signedIn = true): string {
  if (s.state === undefined) return '';
  const waitsForSignIn = !signedIn && s.state !== 'up-to-date' && s.state !== 'not-saved';
  if (waitsForSignIn && s.state === 'queued-removal') return tr.t('state.removeAfterSignIn');
  if (waitsForSignIn && s.state !== 'not-tracked') return tr.t('state.sendAfterSignIn');
  const text = tr.t(STATE_KEYS[s.state]);
  const queued = s.state === 'queued-update' || s.state === 'queued-removal';
  if (!queued || s.nextRetryAt === undefined) return text;
  return tr.t('common.sentences', { first: text, second: nextTryText(tr, s.nextRetryAt, now) });
}

/** What the vendor holds. "Last updated" uses the vendor's clock: never shown in the future. */
function vendorSection(vendor: VendorView, now: number, tr: Translator) {
  const section = CardService.newCardSection().setHeader(tr.t('vendor.header'));
  switch (vendor.kind) {
    case 'ok': {
      const c = vendor.conference;
      section.addWidget(labelled(tr.t('vendor.label.title'), esc(c.title ?? tr.t('vendor.noTitleYet'))));
      section.addWidget(labelled(tr.t('vendor.label.starts'), esc(whenText(tr, c.start))));
      section.addWidget(labelled(tr.t('vendor.label.ends'), esc(whenText(tr, c.end))));
      section.addWidget(
        labelled(tr.t('vendor.label.guests'), esc(tr.t('vendor.guests', { n: c.attendees.length }))),
      );
      if (c.recurrence.length > 0)
        section.addWidget(labelled(tr.t('vendor.label.repeats'), esc(tr.t('vendor.yes'))));
      const updated = c.updatedAt ? Date.parse(c.updatedAt) : Number.NaN;
      if (Number.isFinite(updated))
        section.addWidget(labelled(tr.t('vendor.label.updated'), esc(ago(tr, updated, now))));
      break;
    }
    case 'missing':
      section.addWidget(paragraph(esc(tr.t('vendor.missing'))));
      break;
    case 'unauthorized':
      section.addWidget(paragraph(esc(tr.t('vendor.unauthorized'))));
      break;
    case 'unavailable':
      section.addWidget(paragraph(esc(tr.t('vendor.unavailable'))));
      break;
    default:
      return null;
  }
  return section;
}

function cardFor(s: EventConferenceStatus, tr: Translator) {
  return CardService.newCardBuilder()
    .setName(CARD_NAMES.event)
    .setHeader(
      CardService.newCardHeader()
        .setTitle(s.solutionName ? esc(s.solutionName) : tr.t('event.title'))
        .setSubtitle(esc(s.title && s.title !== '' ? s.title : tr.t('common.noTitle'))),
    );
}

/** An event without our conference: how to add one. */
function notOursSection(s: EventConferenceStatus, tr: Translator) {
  return CardService.newCardSection().addWidget(
    paragraph(esc(tr.t(s.hasConference ? 'event.otherService' : 'event.none'))),
  );
}

/** The meeting itself, where the vendor stands, and the sign-in button when that is what it waits for. */
function meetingSection(model: EventCardModel, tr: Translator) {
  const { status: s, now, signIn } = model;
  const meeting = CardService.newCardSection().setHeader(tr.t('event.header.meeting'));
  if (s.conferenceId) meeting.addWidget(labelled(tr.t('event.label.id'), esc(s.conferenceId)));
  if (s.joinUrl) {
    meeting.addWidget(labelled(tr.t('event.label.join'), esc(s.joinUrl)));
    meeting.addWidget(buttons(linkButton(tr.t('event.join'), s.joinUrl)));
  }
  meeting.addWidget(labelled(tr.t('label.status'), esc(syncStateText(tr, s, now, signIn.signedIn))));
  // Restored after the vendor's conference was gone for good: guests' old link is dead, say so.
  if (s.relinkedAt)
    meeting.addWidget(paragraph(esc(tr.t('event.linkChanged', { when: ago(tr, s.relinkedAt, now) }))));
  if (!signIn.signedIn && signIn.authorizationUrl) {
    meeting.addWidget(buttons(signInButton(tr.t('common.signIn'), signIn.authorizationUrl)));
  }
  return meeting;
}

/** The latest change of this meeting the vendor refused, and why. */
function problemSection(s: EventConferenceStatus, now: number, tr: Translator) {
  const last = s.problems[s.problems.length - 1];
  if (!last) return null;
  const line = tr.t('home.problemLine', {
    what: operationText(tr, last.op, s.title),
    when: ago(tr, last.at, now),
    why: reasonText(tr, last),
  });
  return CardService.newCardSection()
    .setHeader(tr.t('event.header.notSent'))
    .addWidget(paragraph(esc(line)));
}

function actionsSection(s: EventConferenceStatus, tr: Translator) {
  const actions = CardService.newCardSection();
  const canResend = s.state !== undefined && s.state !== 'not-tracked' && s.state !== 'queued-removal';
  if (!canResend || !s.conferenceId)
    return actions.addWidget(buttons(button(tr.t('event.syncStatus'), ACTIONS.refresh)));
  const params = { calendarId: s.calendarId, eventId: s.eventId, conferenceId: s.conferenceId };
  return actions
    .addWidget(paragraph(esc(tr.t('event.resendHint'))))
    .addWidget(
      buttons(
        button(tr.t('event.resend'), ACTIONS.resend, params),
        button(tr.t('event.syncStatus'), ACTIONS.refresh),
      ),
    );
}

/** The event card: our conference on this event and whether the vendor is up to date. */
export function buildEventCard(model: EventCardModel, tr: Translator): Card {
  const { status: s, now } = model;
  const card = cardFor(s, tr);
  if (!s.ours) {
    return card
      .addSection(notOursSection(s, tr))
      .addSection(
        CardService.newCardSection().addWidget(buttons(button(tr.t('event.syncStatus'), ACTIONS.refresh))),
      )
      .build();
  }
  card.addSection(meetingSection(model, tr));
  const ids = { calendarId: s.calendarId, eventId: s.eventId };
  const repaired = repairSection(tr, model.repair, now, ids);
  if (repaired) card.addSection(repaired);
  // Calendar would not take the new conference: one button asks for it again, whatever lost the old one.
  if (s.state === 'needs-conference' && model.repair?.kind !== 'write-refused')
    card.addSection(
      CardService.newCardSection().addWidget(
        buttons(button(tr.t('repair.button'), ACTIONS.repairConference, ids)),
      ),
    );
  const problem = problemSection(s, now, tr);
  if (problem) card.addSection(problem);
  const vendor = vendorSection(s.vendor, now, tr);
  if (vendor) card.addSection(vendor);
  const options = meetingOptionsSection(model.options, tr);
  if (options) card.addSection(options);
  return card.addSection(actionsSection(s, tr)).build();
}
