import type { AuditSummary } from '../audit/summary';
import type { SignInStatus } from '../auth/vendorAuth';
import type { CalendarStatus } from '../status/status';
import { ACTIONS, CARD_NAMES } from './actions';
import { auditSection } from './auditCards';
import {
  ago,
  in_,
  operationText,
  plural,
  reasonText,
  runErrorText,
  setupProblemText,
  VENDOR_NAME,
} from './text';
import { button, buttons, type Card, esc, labelled, paragraph, signInButton } from './widgets';

export interface HomepageModel {
  now: number;
  calendars: CalendarStatus[];
  /** The audit of upcoming meetings against the vendor (src/audit/), once it has run. */
  audit?: AuditSummary;
  signIn: SignInStatus;
  /** The vendor configuration is missing or invalid (details are on the settings card). */
  notSetUp?: boolean;
}

/** At most this many failed changes are listed per calendar (the total is always shown). */
export const PROBLEMS_SHOWN = 5;

/** One line saying how the calendar is doing. */
export function calendarSummary(s: CalendarStatus, signedIn: boolean, now: number): string {
  if (s.lostAccessAt !== undefined)
    return 'This calendar can no longer be read (deleted, unsubscribed or no longer shared). Its meetings are left as they are.';
  if (s.lastSyncAt === undefined) return 'Not checked yet.';
  const when = ago(s.lastSyncAt, now);
  if (s.lastOutcome === 'error') return `Last check ${when}: ${runErrorText(s.lastError, signedIn)}`;
  if (s.syncing) return `Last check ${when}. A full check is still running.`;
  if (s.pending > 0 || s.notSent > 0) return `Last check ${when}. Some changes need attention.`;
  return `Last check ${when}. Everything is up to date.`;
}

function calendarSection(s: CalendarStatus, model: HomepageModel) {
  const { now } = model;
  const section = CardService.newCardSection().setHeader(esc(s.calendarId));
  section.addWidget(labelled('Status', esc(calendarSummary(s, model.signIn.signedIn, now))));
  if (s.lastSyncAt !== undefined) {
    section.addWidget(
      labelled(
        'Meetings',
        `${plural(s.conferences, 'meeting', 'meetings')} kept up to date · ${plural(s.itemsHandled, 'event change', 'event changes')} looked at in the last check`,
      ),
    );
  }
  if (s.setupProblem) section.addWidget(paragraph(esc(setupProblemText(s.setupProblem))));
  else if (s.watching === false) {
    section.addWidget(
      paragraph('Changes to this calendar are not being picked up. Press Sync now to start again.'),
    );
  }
  if (s.pending > 0) {
    const parts: string[] = [];
    if (s.pendingUpdates > 0) parts.push(plural(s.pendingUpdates, 'meeting update', 'meeting updates'));
    if (s.pendingRemovals > 0) parts.push(plural(s.pendingRemovals, 'meeting removal', 'meeting removals'));
    const next = s.nextRetryAt !== undefined ? ` Next try ${in_(s.nextRetryAt, now)}.` : '';
    section.addWidget(
      labelled(
        'Waiting to be sent',
        `${parts.join(' and ')} waiting to be sent to ${VENDOR_NAME}. They are sent automatically.${next}`,
      ),
    );
  }
  if (s.deadLetterTotal > 0) {
    const shown = s.deadLetters.slice(-PROBLEMS_SHOWN).reverse();
    const lines = shown.map((d) => `${operationText(d.op, d.title)} (${ago(d.at, now)}): ${reasonText(d)}`);
    const more = s.deadLetterTotal - shown.length;
    if (more > 0) lines.push(`… and ${plural(more, 'earlier one', 'earlier ones')}.`);
    section.addWidget(labelled(`Could not be sent (${s.deadLetterTotal})`, lines.map(esc).join('<br>')));
    section.addWidget(
      paragraph(`Open the event and press Resend to ${VENDOR_NAME} to try again, or change the event.`),
    );
  }
  const params = { calendarId: s.calendarId };
  // "Sync now" is the one emphasised action; stopping is on its own line, as plain as the rest.
  const syncNow = button('Sync now', ACTIONS.syncNow, params).setTextButtonStyle(
    CardService.TextButtonStyle.FILLED_TONAL,
  );
  section.addWidget(buttons(syncNow, button('Check all events again', ACTIONS.fullResync, params)));
  if (s.deadLetterTotal > 0) {
    section.addWidget(
      buttons(
        button('Try again', ACTIONS.retryFailed, params),
        button('Dismiss these messages', ACTIONS.clearProblems, params),
      ),
    );
  }
  section.addWidget(buttons(button('Stop syncing this calendar…', ACTIONS.askStopSyncing, params)));
  return section;
}

/** The homepage card: sign-in (when needed) and one section per watched calendar. */
export function buildHomepageCard(model: HomepageModel): Card {
  const card = CardService.newCardBuilder()
    .setName(CARD_NAMES.home)
    .setHeader(
      CardService.newCardHeader()
        .setTitle('Meeting sync')
        .setSubtitle(`Keeps your ${VENDOR_NAME} meetings in step with your calendar`),
    );
  const { signIn } = model;
  if (model.notSetUp || signIn.mode === 'invalid') {
    card.addSection(
      CardService.newCardSection()
        .setHeader('Not set up yet')
        .addWidget(
          paragraph(
            `The add-on cannot reach ${VENDOR_NAME} yet. Ask your administrator to finish the setup (see Settings).`,
          ),
        ),
    );
  } else if (!signIn.signedIn) {
    const section = CardService.newCardSection()
      .setHeader(`Sign in to ${VENDOR_NAME}`)
      .addWidget(
        paragraph(`Sign in so the add-on can create ${VENDOR_NAME} meetings and keep them up to date.`),
      );
    if (signIn.authorizationUrl) section.addWidget(buttons(signInButton('Sign in', signIn.authorizationUrl)));
    card.addSection(section);
  }
  if (model.calendars.length === 0) {
    card.addSection(
      CardService.newCardSection().addWidget(
        paragraph(
          `No calendar is synced yet. Choose ${VENDOR_NAME} under "Add video conferencing" on an event and it starts automatically.`,
        ),
      ),
    );
  }
  for (const s of model.calendars) card.addSection(calendarSection(s, model));
  const audit = auditSection(model.audit, model.now);
  if (audit) card.addSection(audit);
  card.addSection(
    CardService.newCardSection().addWidget(
      buttons(button('Refresh', ACTIONS.refresh), button('Settings', ACTIONS.showSettings)),
    ),
  );
  return card.build();
}

/** Asks before "Stop syncing this calendar" does anything. */
export function buildStopSyncingConfirmCard(calendarId: string): Card {
  return CardService.newCardBuilder()
    .setName(CARD_NAMES.confirm)
    .setHeader(CardService.newCardHeader().setTitle('Stop syncing this calendar?'))
    .addSection(
      CardService.newCardSection()
        .setHeader(esc(calendarId))
        .addWidget(
          paragraph(
            `Changes to events in this calendar will no longer reach ${VENDOR_NAME}. Meetings that already exist keep working, but moving or deleting their events will not update them.`,
          ),
        )
        .addWidget(
          paragraph(
            `Changes still waiting to be sent are dropped. Adding a new ${VENDOR_NAME} meeting to an event in this calendar starts syncing again.`,
          ),
        )
        // Neither button is emphasised: the destructive one must not look like the way forward.
        .addWidget(
          buttons(
            button('Cancel', ACTIONS.back),
            button('Stop syncing', ACTIONS.stopSyncing, { calendarId }),
          ),
        ),
    )
    .build();
}
