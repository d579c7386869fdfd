import { createEmulator } from '../../../emulator';
import { cardEventObject, LOCALE_SCOPE, passesLocale } from '../../../emulator/cards/eventObject';

/**
 * Card event objects (workspace/add-ons/concepts/event-objects, how-tos/access-user-locale):
 * "Event objects carry user locale information when properly configured" — `useLocaleFromApp`
 * true and the `script.locale` scope — in `commonEventObject.userLocale` ("The user's language and
 * country/region identifier. For example, en-US."), `commonEventObject.timeZone.id` and
 * `commonEventObject.timeZone.offset` ("The user's timezone offset, in milliseconds, from
 * Coordinated Universal Time (UTC).").
 */

const CONFIGURED = { oauthScopes: [LOCALE_SCOPE], addOns: { common: { useLocaleFromApp: true } } };
const USER = { locale: 'de-DE', timeZone: 'Europe/Berlin' };
const WINTER = Date.UTC(2026, 0, 15, 12);
const SUMMER = Date.UTC(2026, 6, 15, 12);

describe('card event objects', () => {
  it('carry the user locale, zone id and its offset at that moment when the manifest asks for them', () => {
    expect(cardEventObject(CONFIGURED, USER, WINTER)).toEqual({
      commonEventObject: {
        hostApp: 'CALENDAR',
        platform: 'WEB',
        userLocale: 'de-DE',
        timeZone: { id: 'Europe/Berlin', offset: 3_600_000 },
      },
    });
    const summer = cardEventObject(CONFIGURED, USER, SUMMER).commonEventObject as {
      timeZone: { offset: number };
    };
    expect(summer.timeZone.offset).toBe(7_200_000);
  });

  it('carry no locale without both configuration steps (useLocaleFromApp and the script.locale scope)', () => {
    expect(passesLocale(CONFIGURED)).toBe(true);
    expect(passesLocale({ oauthScopes: [LOCALE_SCOPE] })).toBe(false);
    expect(passesLocale({ addOns: { common: { useLocaleFromApp: true } } })).toBe(false);
    expect(cardEventObject({}, USER, WINTER)).toEqual({
      commonEventObject: { hostApp: 'CALENDAR', platform: 'WEB' },
    });
  });

  it("a button's parameters in commonEventObject.parameters (and the older top-level field); an opened event", () => {
    const e = cardEventObject(CONFIGURED, USER, WINTER, {
      parameters: { calendarId: 'ada@example.com' },
      calendar: { calendarId: 'ada@example.com', id: 'e1' },
    });
    expect(e).toMatchObject({
      commonEventObject: { parameters: { calendarId: 'ada@example.com' } },
      parameters: { calendarId: 'ada@example.com' },
      calendar: { calendarId: 'ada@example.com', id: 'e1' },
    });
  });

  it("the emulator's user: the project's manifest asks for the locale; Session.getActiveUserLocale reports the same language", () => {
    const emu = createEmulator({ userLocale: 'ja', userTimeZone: 'Asia/Tokyo' });
    expect(emu.cardEvent().commonEventObject).toMatchObject({
      userLocale: 'ja',
      timeZone: { id: 'Asia/Tokyo' },
    });
    emu.loadSource('function run() { return Session.getActiveUserLocale(); }');
    expect(emu.script?.call('run')).toBe('ja');
    emu.user.locale = 'pt-BR'; // the user changes their account language (the playground's picker)
    expect(emu.script?.call('run')).toBe('pt-BR');
    expect(emu.cardEvent().commonEventObject).toMatchObject({ userLocale: 'pt-BR' });
    emu.close();
  });
});
