import { createCardService } from '../../../emulator/cards/cardService';
import { cardActions, cardText } from '../../../emulator/cards/inspect';
import { ACTION_NAMES, ACTIONS } from '../../../src/cards/actions';
import { buildHubCard, healthText } from '../../../src/cards/hubCard';
import { cardTranslator, ENGLISH, JARGON } from '../../../src/cards/text';
import { LANGS } from '../../../src/i18n/locale';
import type { SyncHealth } from '../../../src/status/health';
import { HUB } from './scenarios';

/** The homepage (issue 23): the user's meetings by day, Join buttons, marks, the sync in one line. */

beforeAll(() => {
  (globalThis as Record<string, unknown>).CardService = createCardService();
});
afterAll(() => {
  delete (globalThis as Record<string, unknown>).CardService;
});

type Built = Parameters<typeof cardText>[0];
const text = (card: unknown) => cardText(card as Built);
const UTC = cardTranslator({ locale: 'en', timeZone: 'UTC' });

const EVERY_HEALTH: SyncHealth[] = [
  { kind: 'no-calendar' },
  { kind: 'lost-access', calendarId: 'team@example.com' },
  { kind: 'not-watched', calendarId: 'team@example.com' },
  { kind: 'refused', count: 2 },
  { kind: 'vendor-blocked' },
  { kind: 'unfinished' },
  { kind: 'waiting', count: 1 },
  { kind: 'checking' },
  { kind: 'ok' },
];

describe('the homepage card', () => {
  it('groups the meetings by day (today, tomorrow, later this week), each with time, title and Join', () => {
    const lines = text(buildHubCard(HUB.week!, UTC)).split('\n');
    expect(lines.slice(0, 26)).toEqual([
      'Your Acme meetings',
      'Today and the coming week',
      'Today',
      '4:00 PM',
      'Design review',
      'Join',
      '5:00 PM',
      'Hiring sync',
      'Being repaired. Open for details.',
      'Join',
      'Tomorrow',
      'All day',
      'Offsite',
      'Join',
      '9:00 AM',
      'Weekly planning',
      'Join',
      'Later this week',
      'Thu 2:00 PM',
      'Budget 2027',
      'Acme refused the latest change. Open for details.',
      'Join',
      'Sync',
      'All meetings up to date',
      'Sync details',
      'Refresh',
    ]);
  });

  it('Join opens the conference; the row opens the meeting’s event card with its calendar and event', () => {
    const actions = cardActions(buildHubCard(HUB.week!, UTC));
    const joins = actions.filter((a) => a.text === 'Join');
    expect(joins.map((a) => a.url)).toEqual(HUB.week!.meetings.map((m) => m.joinUrl));
    expect(joins.every((a) => a.functionName === undefined)).toBe(true);
    const row = actions.find((a) => a.text === 'Hiring sync');
    expect(row).toMatchObject({
      functionName: ACTIONS.openMeeting,
      parameters: { calendarId: 'team@example.com', eventId: 'hiring-sync' },
    });
    for (const a of actions) if (a.functionName) expect(ACTION_NAMES).toContain(a.functionName);
  });

  it('without the user’s zone, times say they are in UTC', () => {
    expect(text(buildHubCard(HUB.week!, ENGLISH))).toContain('4:00 PM (UTC)');
  });

  it('no meetings this week, no calendar yet, and a calendar that could not be read each say so', () => {
    expect(text(buildHubCard(HUB.noMeetings!, UTC))).toContain('No Acme meetings in the coming week.');
    const empty = text(buildHubCard(HUB.empty!, UTC));
    expect(empty).toContain('No calendar is synced yet.');
    expect(empty).not.toContain('No Acme meetings');
    const attention = text(buildHubCard(HUB.attention!, UTC));
    expect(attention).toContain('2 changes could not be sent to Acme. Open Sync details to try again.');
    expect(attention).toContain('team@example.com could not be read just now. Refresh to try again.');
  });

  it('asks the user to sign in above the meetings', () => {
    const lines = text(buildHubCard(HUB.notSignedIn!, UTC)).split('\n');
    expect(lines.indexOf('Sign in to Acme')).toBeLessThan(lines.indexOf('Later this week'));
    expect(cardActions(buildHubCard(HUB.notSignedIn!, UTC)).map((a) => a.text)).toContain('Sign in');
  });

  it.each(LANGS)('every health line is plain, short and names its calendar (%s)', (lang) => {
    const tr = cardTranslator({ locale: lang, timeZone: 'UTC' });
    for (const health of EVERY_HEALTH) {
      const line = healthText(tr, health);
      expect(line.length).toBeGreaterThan(0);
      expect(line.length).toBeLessThanOrEqual(220);
      for (const word of JARGON) expect(line.toLowerCase()).not.toContain(word.toLowerCase());
      if ('calendarId' in health) expect(line).toContain(health.calendarId);
      if ('count' in health) expect(line).toContain(String(health.count));
    }
  });
});
