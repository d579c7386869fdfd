import type { Message, MessageKey } from '../../../src/i18n/catalogue';
import { formattingLocale, LANGS, resolveLang, userLocaleOf } from '../../../src/i18n/locale';
import { CATALOGUES, createTranslator } from '../../../src/i18n/translate';

/**
 * The message catalogue: every message exists in every language with the same shape and exactly
 * the same placeholders as English (a translation that drops `{when}` would print a sentence
 * without its time), and the user's locale tag picks the right language.
 */

const EN = CATALOGUES.en;
const KEYS = Object.keys(EN) as MessageKey[];

const placeholders = (text: string) => new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]));
const variants = (m: Message): string[] => (typeof m === 'string' ? [m] : Object.values(m));
const namesOf = (m: Message) => new Set(variants(m).flatMap((v) => [...placeholders(v)]));
const sorted = (s: Set<string | undefined>) => [...s].sort();

describe('the message catalogue', () => {
  it('has every language', () => {
    expect(Object.keys(CATALOGUES).sort()).toEqual([...LANGS].sort());
    expect(LANGS).toEqual(expect.arrayContaining(['en', 'de', 'fr', 'es', 'ja', 'pt-BR']));
  });

  it.each(LANGS.filter((l) => l !== 'en'))('%s has exactly the English keys', (lang) => {
    expect(Object.keys(CATALOGUES[lang]).sort()).toEqual([...KEYS].sort());
  });

  it.each(LANGS)('%s: each message has the same shape and placeholders as English', (lang) => {
    const problems: string[] = [];
    for (const key of KEYS) {
      const en = EN[key];
      const m = CATALOGUES[lang][key] as Message | undefined;
      if (m === undefined) {
        problems.push(`${key}: missing`);
        continue;
      }
      if (typeof m !== typeof en) problems.push(`${key}: plural in one language, plain in the other`);
      if (typeof m === 'object' && typeof m.other !== 'string') problems.push(`${key}: no "other" form`);
      const want = sorted(namesOf(en));
      // Each plural form must say the count (Japanese has only "other", English "one" and "other").
      for (const v of variants(m)) {
        if (typeof m === 'object' && want.includes('n') && !placeholders(v).has('n')) {
          problems.push(`${key}: a plural form without {n}: ${v}`);
        }
        for (const name of placeholders(v)) {
          if (!want.includes(name)) problems.push(`${key}: unknown placeholder {${name}}`);
        }
      }
      if (sorted(namesOf(m)).join() !== want.join()) {
        problems.push(`${key}: placeholders ${sorted(namesOf(m))} instead of ${want}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it.each(LANGS.filter((l) => l !== 'en'))('%s translates every sentence (none left in English)', (lang) => {
    const untranslated = KEYS.filter((key) => {
      const en = variants(EN[key]).join('|');
      return en.split(' ').length >= 4 && variants(CATALOGUES[lang][key]).join('|') === en;
    });
    expect(untranslated).toEqual([]);
  });

  it('each Intl plural category a language uses for small counts has its form or falls back to "other"', () => {
    for (const lang of LANGS) {
      const rules = new Intl.PluralRules(lang);
      for (const key of KEYS) {
        const m = CATALOGUES[lang][key];
        if (typeof m === 'string') continue;
        for (const n of [0, 1, 2, 5, 21, 1000000]) {
          const category = rules.select(n);
          expect([lang, key, (m as Record<string, string>)[category] ?? m.other]).not.toContain(undefined);
        }
      }
    }
  });
});

describe('the user locale', () => {
  it.each([
    ['de', 'de'],
    ['de-AT', 'de'],
    ['DE_ch', 'de'],
    ['en-US', 'en'],
    ['fr-CA', 'fr'],
    ['es-419', 'es'],
    ['ja', 'ja'],
    ['ja_JP', 'ja'],
    ['pt', 'pt-BR'],
    ['pt-BR', 'pt-BR'],
    ['pt_BR', 'pt-BR'],
    ['pt-PT', 'pt-BR'],
    ['xx', 'en'],
    ['zh-TW', 'en'],
    ['', 'en'],
    [undefined, 'en'],
  ])('%s reads %s', (tag, lang) => {
    expect(resolveLang(tag)).toBe(lang);
  });

  it("formats dates in the user's own region when the language matches, else in the catalogue language", () => {
    expect(formattingLocale('de-AT', 'de')).toBe('de-AT');
    expect(formattingLocale('pt_BR', 'pt-BR')).toBe('pt-BR');
    expect(formattingLocale('xx', 'en')).toBe('en');
    expect(formattingLocale(undefined, 'en')).toBe('en');
  });

  it('is read from commonEventObject.userLocale and timeZone.id', () => {
    expect(
      userLocaleOf({
        commonEventObject: { userLocale: 'de-DE', timeZone: { id: 'Europe/Berlin', offset: 3600000 } },
      }),
    ).toEqual({ locale: 'de-DE', timeZone: 'Europe/Berlin' });
    expect(userLocaleOf({ commonEventObject: { hostApp: 'CALENDAR' } })).toEqual({});
    expect(userLocaleOf(undefined)).toEqual({});
  });
});

describe('the translator', () => {
  it('fills placeholders and the vendor, with plurals from Intl.PluralRules', () => {
    const de = createTranslator({ locale: 'de-DE' }, 'Acme');
    expect(de.t('home.meetingsKept', { n: 1 })).toBe('1 Besprechung aktuell gehalten');
    expect(de.t('home.meetingsKept', { n: 1234 })).toBe('1.234 Besprechungen aktuell gehalten');
    expect(de.t('summary.ok', { when: 'gerade eben' })).toBe(
      'Letzte Prüfung gerade eben. Alles ist aktuell.',
    );
    // French counts 0 as singular; Japanese has one form.
    expect(createTranslator({ locale: 'fr' }, 'Acme').t('home.meetingsKept', { n: 0 })).toBe(
      '0 réunion tenue à jour',
    );
    expect(createTranslator({ locale: 'ja' }, 'Acme').t('vendor.guests', { n: 3 })).toBe('3 人');
    expect(createTranslator({ locale: 'pt-BR' }, 'Zoom').t('note.sent')).toBe('Enviado ao Zoom.');
  });

  it('falls back to English for an unknown language, and ignores an unknown time zone', () => {
    const xx = createTranslator({ locale: 'xx', timeZone: 'Mars/Olympus' }, 'Acme');
    expect(xx.lang).toBe('en');
    expect(xx.timeZone).toBeUndefined();
    expect(xx.t('note.sent')).toBe('Sent to Acme.');
  });

  it("formats times in the user's zone with Intl.DateTimeFormat", () => {
    const tokyo = createTranslator({ locale: 'ja', timeZone: 'Asia/Tokyo' }, 'Acme');
    expect(tokyo.dateTime(Date.UTC(2026, 10, 24, 10, 0), { hour: 'numeric', minute: '2-digit' })).toBe(
      '19:00',
    );
    expect(tokyo.number(0.24, 1)).toBe('0.2');
    expect(createTranslator({ locale: 'de' }, 'Acme').number(0.24, 1)).toBe('0,2');
  });
});
