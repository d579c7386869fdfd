import { cardText } from '../../emulator/cards/inspect';
import type { Message } from '../../src/i18n/catalogue';
import { CATALOGUES, createTranslator, type Translator } from '../../src/i18n/translate';
import { CAL, type CardsWorld, createCardsWorld, meeting } from './cardsWorld';

/**
 * A German, a Japanese and an English user each go through every card of the built bundle
 * (dist/Code.js): homepage (empty, synced, changes waiting), event card (up to date, waiting),
 * settings with a connection test, the stop-syncing question, the notifications of the buttons,
 * and the notes of a new conference. Calendar passes their language and zone in
 * commonEventObject (the emulator builds the event objects as Google documents them); each sees
 * their own words, times in their own zone, and — for German and Japanese — no English sentence.
 */

const USERS = [
  { locale: 'de-DE', zone: 'Europe/Berlin', start: '24.11.2026, 11:00' },
  { locale: 'ja-JP', zone: 'Asia/Tokyo', start: '2026/11/24 19:00' },
  { locale: 'en-US', zone: 'America/New_York', start: 'Nov 24, 2026, 5:00 AM' },
] as const;

/** English fragments of the catalogue (the text around placeholders), long enough to be sentences. */
const ENGLISH_FRAGMENTS = Object.values(CATALOGUES.en as Record<string, Message>)
  .flatMap((m) => (typeof m === 'string' ? [m] : Object.values(m)))
  .flatMap((text) => text.split(/\{\w+\}/))
  .map((f) => f.trim())
  .filter((f) => f.length >= 10 && f.split(' ').length >= 2);

let world: CardsWorld;
afterEach(() => world?.close());

const text = (card: unknown) => cardText(card as never);

/** Every card and notification a user meets, in order, as visible text. */
function walkThrough(tr: Translator, expectText: (card: unknown, ...wanted: string[]) => string): void {
  expectText(world.call('onHomepage'), tr.t('hub.title'), tr.t('home.empty'));
  const { eventId } = meeting(world);
  const conference = world.emu.calendar.peek(CAL, eventId)?.conferenceData;
  expect(conference?.notes).toBe(tr.t('conference.notes'));

  // The homepage: the meeting (tomorrow) with its Join button, and the sync in one line.
  const hub = world.call('onHomepage');
  expectText(hub, tr.t('hub.tomorrow'), 'Planning', tr.t('hub.join'), tr.t('hub.health.ok'));
  const details = () => world.click(world.call('onHomepage'), tr.t('hub.syncDetails'));
  const home = details();
  expectText(home, tr.t('home.meetingsKept', { n: 1 }), tr.t('home.syncNow'), tr.t('home.stop'));
  // The header is the solution's name (vendor.config.json), as Calendar shows it in every language.
  expectText(world.open(eventId), 'Acme Meeting', tr.t('state.upToDate'), tr.t('vendor.label.updated'));

  // The vendor fails: the change waits, and both cards say when the next try can be.
  world.vendor.faults.set({ mode: 'http500' });
  world.emu.calendar.editEvent(CAL, eventId, { summary: 'Planning v2' });
  world.emu.settle();
  expectText(world.call('onHomepage'), tr.t('hub.health.waiting', { n: 1 }));
  const waiting = details();
  expectText(waiting, tr.t('home.label.waiting'), tr.t('summary.attention', { when: tr.t('time.justNow') }));
  expect(text(waiting)).toContain(tr.t('retry.soon').split(/[:：]/)[0]!.trim());
  expectText(world.open(eventId), tr.t('state.queuedUpdate'), tr.t('vendor.unavailable'));

  world.vendor.faults.clear();
  world.emu.clock.advance(10 * 60_000);
  expectText(world.click(waiting, tr.t('home.syncNow')), tr.t('note.upToDate'));
  const settings = world.click(world.call('onHomepage'), tr.t('common.settings'));
  expectText(settings, tr.t('settings.title'), tr.t('settings.apiKey'));
  const tested = world.click(settings, tr.t('settings.test'));
  expect(text(tested)).toContain(tr.t('test.ok', { seconds: '§' }).split('§')[0]!);
  const confirm = world.click(details(), tr.t('home.stop'));
  expectText(confirm, tr.t('confirm.title'), tr.t('confirm.body'), tr.t('confirm.cancel'));
  expectText(world.click(confirm, tr.t('confirm.stop')), tr.t('note.stopped', { calendar: CAL }));
}

describe.each(USERS)('a user whose Google account is in $locale', (user) => {
  it('sees every card, notification and conference note in their language, times in their zone', () => {
    world = createCardsWorld({ userLocale: user.locale, userTimeZone: user.zone });
    const tr = createTranslator({ locale: user.locale, timeZone: user.zone }, 'Acme');
    const seen: string[] = [];
    const expectText = (card: unknown, ...wanted: string[]) => {
      const t = text(card);
      seen.push(t);
      for (const w of wanted) expect(t).toContain(w);
      return t;
    };
    walkThrough(tr, expectText);
    // The vendor's copy of the event, in the user's zone and date format.
    const { eventId } = meeting(world, 'Review');
    expect(text(world.open(eventId))).toContain(user.start);
    if (tr.lang !== 'en') {
      const english = ENGLISH_FRAGMENTS.filter((f) => seen.some((t) => t.includes(f)));
      expect(english).toEqual([]);
    }
  });
});

it('an account language the add-on does not speak gets English', () => {
  world = createCardsWorld({ userLocale: 'xx', userTimeZone: 'UTC' });
  expect(text(world.call('onHomepage'))).toContain('No calendar is synced yet');
});

it('without useLocaleFromApp in the manifest Google sends no locale, so cards are English', () => {
  world = createCardsWorld({ userLocale: 'de' });
  const manifest = world.emu.manifest as { addOns: { common: { useLocaleFromApp?: boolean } } };
  manifest.addOns.common.useLocaleFromApp = false;
  const event = world.emu.cardEvent();
  expect(event.commonEventObject).toEqual({ hostApp: 'CALENDAR', platform: 'WEB' });
  expect(text(world.call('onHomepage', event))).toContain('No calendar is synced yet');
});
