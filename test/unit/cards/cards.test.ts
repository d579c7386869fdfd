import { createCardService } from '../../../emulator/cards/cardService';
import { cardActions, cardText, cardToJson } from '../../../emulator/cards/inspect';
import { ACTION_NAMES, ACTIONS } from '../../../src/cards/actions';
import { buildEventCard } from '../../../src/cards/eventCard';
import { buildSettingsCard } from '../../../src/cards/settingsCard';
import { buildStopSyncingConfirmCard, buildSyncDetailsCard } from '../../../src/cards/syncDetailsCard';
import {
  ago,
  cardTranslator,
  ENGLISH,
  JARGON,
  nextTryText,
  reasonText,
  whenText,
} from '../../../src/cards/text';
import { AUTH_URL, EVENT, NOW, SETTINGS, SYNC_DETAILS } from './scenarios';

const tr = ENGLISH;

beforeAll(() => {
  (globalThis as Record<string, unknown>).CardService = createCardService();
});
afterAll(() => {
  delete (globalThis as Record<string, unknown>).CardService;
});

type Built = Parameters<typeof cardText>[0];
const text = (card: unknown) => cardText(card as Built);
const actions = (card: unknown) => cardActions(card as Built);

/** The TextButtonStyle of the (first) button with this text; undefined = the default style. */
function styleOf(card: unknown, buttonText: string): string | undefined {
  const found = JSON.stringify(cardToJson(card as Built));
  const buttons: Array<{ text?: string; textButtonStyle?: string }> = [];
  JSON.parse(found, (_k, v) => {
    if (v && typeof v === 'object' && typeof v.text === 'string' && v.onClick) buttons.push(v);
    return v;
  });
  const button = buttons.find((b) => b.text === buttonText);
  if (!button) throw new Error(`no button "${buttonText}"`);
  return button.textButtonStyle;
}

function expectPlain(card: unknown) {
  const t = text(card).replace(/https:\/\/\S+/g, '<link>'); // links may say anything
  for (const word of JARGON) expect(t.toLowerCase()).not.toContain(word.toLowerCase());
  expect(t).not.toMatch(/\b(4\d\d|5\d\d)\b(?! s)/); // no status codes
  expect(t).not.toContain('Script Propert');
  // Short: no line longer than about three lines of the side panel.
  for (const line of t.split('\n')) expect(line.length).toBeLessThanOrEqual(220);
  // Every button calls a declared action (or opens a link).
  for (const a of actions(card)) {
    if (a.functionName) expect(ACTION_NAMES).toContain(a.functionName);
    else expect(a.url).toMatch(/^https:\/\//);
  }
}

describe('homepage card', () => {
  it('healthy: each calendar with its last check, meetings and changes handled, and its actions', () => {
    const card = buildSyncDetailsCard(SYNC_DETAILS.healthy!, tr);
    const t = text(card);
    expect(t).toContain('ada@example.com');
    expect(t).toContain('team@example.com');
    expect(t).toContain('Last check 3 minutes ago. Everything is up to date.');
    expect(t).toContain('12 meetings kept up to date · 4 event changes looked at in the last check');
    expect(t).toContain('1 meeting kept up to date · 1 event change looked at');
    const ada = actions(card).filter((a) => a.parameters.calendarId === 'ada@example.com');
    expect(ada.map((a) => [a.text, a.functionName])).toEqual([
      ['Sync now', ACTIONS.syncNow],
      ['Check all events again', ACTIONS.fullResync],
      ['Stop syncing this calendar…', ACTIONS.askStopSyncing],
    ]);
    // Only "Sync now" is emphasised; stopping looks like any other plain action.
    expect(styleOf(card, 'Sync now')).toBe('FILLED_TONAL');
    expect(styleOf(card, 'Stop syncing this calendar…')).toBeUndefined();
    expect(actions(card).map((a) => a.text)).toEqual(expect.arrayContaining(['Refresh', 'Settings']));
    expectPlain(card);
  });

  it('outage: changes waiting to be sent, what kind, and when the next try is', () => {
    const card = buildSyncDetailsCard(SYNC_DETAILS.outage!, tr);
    const t = text(card);
    expect(t).toContain('Last check 1 minute ago. Some changes need attention.');
    expect(t).toContain(
      '3 meeting updates and 1 meeting removal waiting to be sent to Acme. They are sent automatically. Next try: at the next change in your calendar or the hourly check, from 3:04 PM (UTC) on.',
    );
    expectPlain(card);
  });

  it('changes that could not be sent: total, the latest five in plain words, and how to fix', () => {
    const card = buildSyncDetailsCard(SYNC_DETAILS.couldNotSend!, tr);
    const t = text(card);
    expect(t).toContain('Could not be sent (7)');
    // Each line names its meeting (by the event's title) when the title is known.
    expect(t).toContain(
      'Updating "Weekly planning" (20 minutes ago): Acme sent an answer the add-on could not read.',
    );
    expect(t).toContain('Updating "Design review" (30 minutes ago): Acme did not allow this change.');
    expect(t).toContain('Updating "Hiring sync" (40 minutes ago): Acme did not accept the sign-in.');
    expect(t).toContain('Updating a meeting (2 hours ago): Acme rejected the event details.');
    expect(t).not.toContain('5 hours ago'); // the oldest is summarised
    expect(t).toContain('… and 2 earlier ones.');
    expect(t).toContain('press Resend to Acme');
    expect(actions(card).map((a) => a.text)).toContain('Dismiss these messages');
    expectPlain(card);
  });

  it('not signed in: a sign-in button with the authorization URL, and the calendar waits for it', () => {
    const card = buildSyncDetailsCard(SYNC_DETAILS.notSignedIn!, tr);
    const t = text(card);
    expect(t).toContain('Sign in to Acme');
    expect(t).toContain('Last check 2 minutes ago: Waiting for you to sign in to Acme.');
    const signIn = actions(card).find((a) => a.text === 'Sign in');
    expect(signIn).toMatchObject({ url: AUTH_URL, functionName: undefined });
    expectPlain(card);
  });

  it('a calendar that is not watched says what to do', () => {
    const card = buildSyncDetailsCard(SYNC_DETAILS.setupProblem!, tr);
    const t = text(card);
    expect(t).toContain('you have too many add-on automations');
    expect(t).toContain('Changes to this calendar are not being picked up. Press Sync now to start again.');
    expect(t).toContain('Last check 3 days ago.');
    expectPlain(card);
  });

  it('no calendar yet, and not set up', () => {
    expect(text(buildSyncDetailsCard(SYNC_DETAILS.empty!, tr))).toContain('No calendar is synced yet.');
    expect(text(buildSyncDetailsCard(SYNC_DETAILS.empty!, tr))).not.toMatch(/\ba Acme\b/);
    const card = buildSyncDetailsCard(SYNC_DETAILS.notSetUp!, tr);
    expect(text(card)).toContain('Ask your administrator to finish the setup');
    expectPlain(card);
  });

  it('the stop-syncing confirmation explains the consequence and offers Cancel', () => {
    const card = buildStopSyncingConfirmCard('ada@example.com', tr);
    expect(text(card)).toContain('Stop syncing this calendar?');
    expect(actions(card).map((a) => [a.text, a.functionName, a.parameters])).toEqual([
      ['Cancel', ACTIONS.back, {}],
      ['Stop syncing', ACTIONS.stopSyncing, { calendarId: 'ada@example.com' }],
    ]);
    // The destructive action is not the filled primary button.
    expect(styleOf(card, 'Stop syncing')).toBeUndefined();
    expectPlain(card);
  });

  it('escapes calendar ids that look like markup', () => {
    const model = {
      ...SYNC_DETAILS.healthy!,
      calendars: [{ ...SYNC_DETAILS.healthy!.calendars[0]!, calendarId: '<b>x</b>' }],
    };
    expect(JSON.stringify(JSON.parse(buildSyncDetailsCard(model, tr).printJson()))).toContain(
      '&lt;b&gt;x&lt;/b&gt;',
    );
  });
});

describe('event card', () => {
  it('up to date: id, join link, what the vendor has and when it was last updated; Resend', () => {
    const card = buildEventCard(EVENT.upToDate!, tr);
    const t = text(card);
    for (const s of [
      'Design review',
      'cnf_0a1b2c3d4e',
      'https://conference.example.com/j/cnf_0a1b2c3d4e',
      'Acme has the latest title, time and guests.',
      'Nov 24, 2026, 10:00 AM (Europe/Berlin)',
      '2 guests',
      'Last updated',
      '12 minutes ago',
    ])
      expect(t).toContain(s);
    const resend = actions(card).find((a) => a.text === 'Resend to Acme');
    expect(resend).toMatchObject({
      functionName: ACTIONS.resend,
      parameters: { calendarId: 'ada@example.com', eventId: 'evt123', conferenceId: 'cnf_0a1b2c3d4e' },
    });
    expect(actions(card).find((a) => a.text === 'Join meeting')?.url).toBe(
      'https://conference.example.com/j/cnf_0a1b2c3d4e',
    );
    expectPlain(card);
  });

  it('waiting: says the changes are waiting and when the next try can be, never "in a moment"; vendor unreachable', () => {
    const t = text(buildEventCard(EVENT.waiting!, tr));
    expect(t).toContain(
      'Your latest changes are waiting to be sent to Acme. They are sent automatically. Next try: at the next change in your calendar or the hourly check, from 3:04 PM (UTC) on.',
    );
    expect(t).not.toContain('in a moment');
    expect(t).toContain('Acme could not be reached just now, so its details cannot be shown.');
    expectPlain(buildEventCard(EVENT.waiting!, tr));
  });

  it('could not be sent: the reason in plain words', () => {
    const card = buildEventCard(EVENT.notSent!, tr);
    expect(text(card)).toContain('Your latest changes could not be sent to Acme.');
    expect(text(card)).toContain(
      'Updating "Design review" (30 minutes ago): Acme did not allow this change.',
    );
    expectPlain(card);
  });

  it('not signed in: says once that the changes wait for sign-in, and offers it', () => {
    const card = buildEventCard(EVENT.notSignedIn!, tr);
    expect(text(card)).toContain('Your latest changes will be sent to Acme once you sign in.');
    expect(text(card)).not.toContain('being sent');
    expect(text(card).match(/sign in/gi)).toHaveLength(2); // the sentence and the button
    expect(actions(card).find((a) => a.text === 'Sign in')?.url).toBe(AUTH_URL);
    expectPlain(card);
  });

  it('calendar not synced: no Resend (nothing would receive it)', () => {
    const card = buildEventCard(EVENT.notTracked!, tr);
    expect(text(card)).toContain('This calendar is not being synced');
    expect(actions(card).map((a) => a.text)).not.toContain('Resend to Acme');
    expectPlain(card);
  });

  it('an event without our meeting', () => {
    const card = buildEventCard(EVENT.notOurs!, tr);
    expect(text(card)).toContain('This event has no Acme meeting.');
    expectPlain(card);
  });
});

describe('settings card', () => {
  it('shows the address, the sign-in kind and the last test; offers Test connection', () => {
    const card = buildSettingsCard(SETTINGS.apiKey!, tr);
    const t = text(card);
    expect(t).toContain('https://conference.example.com/api/v1/');
    expect(t).toContain('With a key set by your administrator (not shown)');
    expect(t).toContain('Connected. Acme answered in 0.2 s.');
    expect(actions(card).map((a) => a.text)).toEqual(['Test connection', 'Back']);
  });

  it('OAuth, not signed in: Sign in instead of Test connection', () => {
    const card = buildSettingsCard(SETTINGS.notSignedIn!, tr);
    expect(text(card)).toContain('You are not signed in.');
    expect(actions(card).map((a) => a.text)).toEqual(['Sign in', 'Back']);
  });

  it('unreachable and not set up', () => {
    expect(text(buildSettingsCard(SETTINGS.unreachable!, tr))).toContain(
      'Could not reach Acme. Check the address.',
    );
    const card = buildSettingsCard(SETTINGS.notSetUp!, tr);
    expect(text(card)).toContain('Not set');
    expect(text(card)).toContain('Missing Script Properties: CONFERENCE_API_BASE_URL, CONFERENCE_API_KEY');
    expect(actions(card).map((a) => a.text)).toEqual(['Back']);
  });
});

describe('wording helpers', () => {
  it('relative times; a time in the future (another clock ahead of ours) reads "just now"', () => {
    expect(ago(tr, NOW - 10_000, NOW)).toBe('just now');
    expect(ago(tr, NOW - 60_000, NOW)).toBe('1 minute ago');
    expect(ago(tr, NOW - 3 * 3600_000, NOW)).toBe('3 hours ago');
    expect(ago(tr, NOW - 26 * 3600_000, NOW)).toBe('yesterday');
    expect(ago(tr, NOW + 29 * 60_000, NOW)).toBe('just now');
  });

  it('the next try names what brings it (a calendar change or the hourly check), never "in a moment"', () => {
    expect(nextTryText(tr, NOW + 30_000, NOW)).toBe(
      'Next try: at the next change in your calendar or the hourly check.',
    );
    const berlin = cardTranslator({ locale: 'en-GB', timeZone: 'Europe/Berlin' });
    expect(nextTryText(berlin, NOW + 2 * 3600_000, NOW)).toBe(
      'Next try: at the next change in your calendar or the hourly check, from 18:00 on.',
    );
    expect(nextTryText(berlin, NOW + 26 * 3600_000, NOW)).toMatch(/from Tue 18:00 on\.$/);
  });

  it('reasons by problem kind, never by the stored text', () => {
    expect(reasonText(tr, { problem: 'unauthorized' })).toBe('Acme did not accept the sign-in.');
    expect(reasonText(tr, { problem: 'gone' })).toBe('The meeting no longer exists at Acme.');
    expect(reasonText(tr, { problem: 'not-supported' })).toBe('Acme refused the change.');
    expect(reasonText(tr, { problem: 'write-refused' })).toBe(
      'Calendar did not accept a new meeting link for the event.',
    );
  });

  it("event times: in the user's zone when known, else in the event's own zone, named", () => {
    expect(whenText(tr, { dateTime: '2026-11-24T10:00:00Z' })).toBe('Nov 24, 2026, 10:00 AM (UTC)');
    expect(whenText(tr, { dateTime: '2026-11-24T10:00:00+02:00', timeZone: 'Europe/Athens' })).toBe(
      'Nov 24, 2026, 10:00 AM (Europe/Athens)',
    );
    const tokyo = cardTranslator({ locale: 'ja-JP', timeZone: 'Asia/Tokyo' });
    expect(whenText(tokyo, { dateTime: '2026-11-24T10:00:00Z' })).toBe('2026/11/24 19:00');
    expect(whenText(tr, { date: '2026-11-24' })).toBe('Nov 24, 2026 (all day)');
    expect(whenText(cardTranslator({ locale: 'de' }), { date: '2026-11-24' })).toBe('24.11.2026 (ganztägig)');
    expect(whenText(tr, null)).toBe('not set');
  });
});

describe('the audit of upcoming meetings on the cards (issue 17)', () => {
  it('the homepage counts the repairs of the week and says why the vendor could not be checked', () => {
    expect(text(buildSyncDetailsCard(SYNC_DETAILS.auditRepaired!, tr))).toContain(
      '2 meetings repaired this week.',
    );
    expect(text(buildSyncDetailsCard(SYNC_DETAILS.auditBlocked!, tr))).toMatch(
      /no longer accepts the add-on's sign-in.*Nothing was deleted or changed/,
    );
  });

  it('the event card says what was repaired and when; a refused write-back gets one button', () => {
    expect(text(buildEventCard(EVENT.recreated!, tr))).toMatch(
      /no longer had this meeting \(40 minutes ago\)/,
    );
    expect(text(buildEventCard(EVENT.resent!, tr))).toContain(
      'showed other details than this event: time, guests',
    );
    const refused = buildEventCard(EVENT.writeRefused!, tr);
    expect(text(refused)).toContain('Calendar did not let the add-on put it on the event');
    expect(cardActions(refused as never).map((a) => a.text)).toContain('Put the new meeting on the event');
  });
});
