import type { Catalogue, Message, MessageKey, ParamArgs, Plural } from './catalogue';
import { formattingLocale, type Lang, resolveLang, type UserLocale, validTimeZone } from './locale';
import { DE } from './messages/de';
import { EN } from './messages/en';
import { ES } from './messages/es';
import { FR } from './messages/fr';
import { JA } from './messages/ja';
import { PT_BR } from './messages/ptBR';

/**
 * Turns message keys into the user's words: the catalogue of their language, plurals chosen by
 * Intl.PluralRules, numbers and times formatted by Intl in their locale and time zone (both are in
 * Apps Script's V8). Nothing here decides what to say: callers pick the key by a typed kind.
 */

export const CATALOGUES: Record<Lang, Catalogue> = { en: EN, de: DE, fr: FR, es: ES, ja: JA, 'pt-BR': PT_BR };

export interface Translator {
  readonly lang: Lang;
  /** The BCP 47 locale Intl formats with (`de-AT`, or the catalogue language). */
  readonly locale: string;
  /** The user's IANA time zone, when Google told us (undefined: format in the event's own zone). */
  readonly timeZone: string | undefined;
  t<K extends MessageKey>(key: K, ...params: ParamArgs<K>): string;
  /** A number in the user's locale (`1.234,5` in German). */
  number(n: number, fractionDigits?: number): string;
  /** Date and time of an instant in `zone` (default: the user's zone, else UTC). */
  dateTime(ms: number, options: Intl.DateTimeFormatOptions, zone?: string): string;
}

function pick(message: Message, plural: Intl.PluralRules, n: unknown): string {
  if (typeof message === 'string') return message;
  const category = typeof n === 'number' ? plural.select(n) : 'other';
  return (message as Plural)[category] ?? message.other;
}

/** A translator for this user; `vendor` fills every `{vendor}` placeholder. */
export function createTranslator(user: UserLocale, vendor: string): Translator {
  const lang = resolveLang(user.locale);
  const locale = formattingLocale(user.locale, lang);
  const timeZone = validTimeZone(user.timeZone);
  const catalogue = CATALOGUES[lang];
  const plural = new Intl.PluralRules(locale);
  const numbers = new Map<number, Intl.NumberFormat>();
  const number = (n: number, fractionDigits = 0): string => {
    let format = numbers.get(fractionDigits);
    if (!format) {
      const digits = { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits };
      format = new Intl.NumberFormat(locale, digits);
      numbers.set(fractionDigits, format);
    }
    return format.format(n);
  };
  return {
    lang,
    locale,
    timeZone,
    t(key, ...params) {
      const values: Record<string, unknown> = { vendor, ...(params[0] ?? {}) };
      const message = catalogue[key] ?? EN[key];
      return pick(message, plural, values.n).replace(/\{(\w+)\}/g, (whole, name: string) => {
        const value = values[name];
        if (typeof value === 'number') return number(value);
        return typeof value === 'string' ? value : whole;
      });
    },
    number,
    dateTime(ms, options, zone) {
      return new Intl.DateTimeFormat(locale, { ...options, timeZone: zone ?? timeZone ?? 'UTC' }).format(ms);
    },
  };
}
