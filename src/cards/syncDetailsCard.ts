import type { AuditSummary } from '../audit/store';
import type { SignInStatus } from '../auth/vendorAuth';
import type { Translator } from '../i18n/translate';
import type { CalendarStatus } from '../status/status';
import { ACTIONS, CARD_NAMES } from './actions';
import { auditSection } from './auditCards';
import { ago, nextTryText, operationText, reasonText, runErrorText, setupProblemText } from './text';
import { button, buttons, type Card, esc, labelled, paragraph, signInButton } from './widgets';

/** The sync details card (one level below the homepage): each watched calendar and its controls. */
export interface SyncDetailsModel {
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
function calendarSummary(tr: Translator, s: CalendarStatus, signedIn: boolean, now: number): string {
  if (s.lostAccessAt !== undefined) return tr.t('summary.lostAccess');
  if (s.lastSyncAt === undefined) return tr.t('summary.notChecked');
  const when = ago(tr, s.lastSyncAt, now);
  if (s.lastOutcome === 'error')
    return tr.t('summary.error', { when, problem: runErrorText(tr, s.lastProblem, signedIn) });
  if (s.syncing) return tr.t('summary.syncing', { when });
  if (s.pending > 0 || s.notSent > 0) return tr.t('summary.attention', { when });
  return tr.t('summary.ok', { when });
}

/** What waits to be sent ("3 meeting updates and 1 meeting removal ...") and when it is tried again. */
function waitingText(tr: Translator, s: CalendarStatus, now: number): string {
  const parts: string[] = [];
  if (s.pendingUpdates > 0) parts.push(tr.t('home.updates', { n: s.pendingUpdates }));
  if (s.pendingRemovals > 0) parts.push(tr.t('home.removals', { n: s.pendingRemovals }));
  const items =
    parts.length === 2 ? tr.t('common.and', { first: parts[0]!, second: parts[1]! }) : parts.join('');
  const waiting = tr.t('home.waiting', { n: s.pending, items });
  if (s.nextRetryAt === undefined) return waiting;
  return tr.t('common.sentences', { first: waiting, second: nextTryText(tr, s.nextRetryAt, now) });
}

/** The changes that could not be sent: the latest few, each with why, and how to fix them. */
function problemsWidgets(tr: Translator, s: CalendarStatus, now: number) {
  const shown = s.deadLetters.slice(-PROBLEMS_SHOWN).reverse();
  const lines = shown.map((d) =>
    tr.t('home.problemLine', {
      what: operationText(tr, d.op, d.title),
      when: ago(tr, d.at, now),
      why: reasonText(tr, d),
    }),
  );
  const more = s.deadLetterTotal - shown.length;
  if (more > 0) lines.push(tr.t('home.earlier', { n: more }));
  return [
    labelled(tr.t('home.label.notSent', { count: s.deadLetterTotal }), lines.map(esc).join('<br>')),
    paragraph(esc(tr.t('home.resendHint'))),
  ];
}

function calendarSection(s: CalendarStatus, model: SyncDetailsModel, tr: Translator) {
  const { now } = model;
  const section = CardService.newCardSection().setHeader(esc(s.calendarId));
  section.addWidget(labelled(tr.t('label.status'), esc(calendarSummary(tr, s, model.signIn.signedIn, now))));
  if (s.lastSyncAt !== undefined) {
    const kept = tr.t('home.meetingsKept', { n: s.conferences });
    const looked = tr.t('home.changesLooked', { n: s.itemsHandled });
    section.addWidget(labelled(tr.t('home.label.meetings'), esc(`${kept} · ${looked}`)));
  }
  if (s.setupProblem) section.addWidget(paragraph(esc(setupProblemText(tr, s.setupProblem))));
  else if (s.watching === false) section.addWidget(paragraph(esc(tr.t('home.notWatched'))));
  if (s.pending > 0) section.addWidget(labelled(tr.t('home.label.waiting'), esc(waitingText(tr, s, now))));
  if (s.deadLetterTotal > 0) for (const w of problemsWidgets(tr, s, now)) section.addWidget(w);
  const params = { calendarId: s.calendarId };
  // "Sync now" is the one emphasised action; stopping is on its own line, as plain as the rest.
  const syncNow = button(tr.t('home.syncNow'), ACTIONS.syncNow, params).setTextButtonStyle(
    CardService.TextButtonStyle.FILLED_TONAL,
  );
  section.addWidget(buttons(syncNow, button(tr.t('home.checkAll'), ACTIONS.fullResync, params)));
  if (s.deadLetterTotal > 0) {
    section.addWidget(
      buttons(
        button(tr.t('home.tryAgain'), ACTIONS.retryFailed, params),
        button(tr.t('home.dismiss'), ACTIONS.clearProblems, params),
      ),
    );
  }
  section.addWidget(buttons(button(tr.t('home.stop'), ACTIONS.askStopSyncing, params)));
  return section;
}

/** What the add-on waits for before it can work: the administrator's setup, or the user's sign-in. */
export function setupSection(
  tr: Translator,
  signIn: SignInStatus,
  notSetUp: boolean | undefined,
): GoogleAppsScript.Card_Service.CardSection | null {
  if (notSetUp || signIn.mode === 'invalid') {
    return CardService.newCardSection()
      .setHeader(tr.t('home.notSetUp.header'))
      .addWidget(paragraph(esc(tr.t('home.notSetUp.body'))));
  }
  if (signIn.signedIn) return null;
  const section = CardService.newCardSection()
    .setHeader(tr.t('home.signIn.header'))
    .addWidget(paragraph(esc(tr.t('home.signIn.body'))));
  if (signIn.authorizationUrl)
    section.addWidget(buttons(signInButton(tr.t('common.signIn'), signIn.authorizationUrl)));
  return section;
}

/** The sync details card: sign-in (when needed) and one section per watched calendar, with its controls. */
export function buildSyncDetailsCard(model: SyncDetailsModel, tr: Translator): Card {
  const card = CardService.newCardBuilder()
    .setName(CARD_NAMES.syncDetails)
    .setHeader(CardService.newCardHeader().setTitle(tr.t('home.title')).setSubtitle(tr.t('home.subtitle')));
  const setup = setupSection(tr, model.signIn, model.notSetUp);
  if (setup) card.addSection(setup);
  if (model.calendars.length === 0) {
    card.addSection(CardService.newCardSection().addWidget(paragraph(esc(tr.t('home.empty')))));
  }
  for (const s of model.calendars) card.addSection(calendarSection(s, model, tr));
  const audit = auditSection(tr, model.audit, model.now);
  if (audit) card.addSection(audit);
  card.addSection(
    CardService.newCardSection().addWidget(
      buttons(
        button(tr.t('home.refresh'), ACTIONS.showSyncDetails, { replace: '1' }),
        button(tr.t('common.settings'), ACTIONS.showSettings),
      ),
    ),
  );
  return card.build();
}

/** Asks before "Stop syncing this calendar" does anything. */
export function buildStopSyncingConfirmCard(calendarId: string, tr: Translator): Card {
  return CardService.newCardBuilder()
    .setName(CARD_NAMES.confirm)
    .setHeader(CardService.newCardHeader().setTitle(tr.t('confirm.title')))
    .addSection(
      CardService.newCardSection()
        .setHeader(esc(calendarId))
        .addWidget(paragraph(esc(tr.t('confirm.body'))))
        .addWidget(paragraph(esc(tr.t('confirm.dropped'))))
        // Neither button is emphasised: the destructive one must not look like the way forward.
        .addWidget(
          buttons(
            button(tr.t('confirm.cancel'), ACTIONS.back),
            button(tr.t('confirm.stop'), ACTIONS.stopSyncing, { calendarId }),
          ),
        ),
    )
    .build();
}
