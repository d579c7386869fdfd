/**
 * Which of the add-on's languages a user reads, and in which time zone, from what Google passes.
 *
 * Card callbacks get `commonEventObject.userLocale` ("The user's language and country/region
 * identifier. For example, en-US.") and `commonEventObject.timeZone.id` ("The user's timezone
 * identifier. For example, America/New_York."), once the manifest sets
 * `addOns.common.useLocaleFromApp` and asks for the `script.locale` scope
 * (developers.google.com/workspace/add-ons/how-tos/access-user-locale). An onCreateFunction only
 * gets "an argument that contains the calendar and event IDs" (conferencing/create-conference), so
 * there the locale comes from `Session.getActiveUserLocale()` ("Gets the language setting of the
 * current user as a string—for example, en for English.").
 */

/** The languages of the message catalogue. */
export const LANGS = ['en', 'de', 'fr', 'es', 'ja', 'pt-BR'] as const;
export type Lang = (typeof LANGS)[number];

/** What the add-on knows of the user's language and zone (both may be missing). */
export interface UserLocale {
  /** As Google sends it: `en-US`, `de`, ... (underscores are accepted too). */
  locale?: string;
  /** An IANA zone id such as `Europe/Berlin`. */
  timeZone?: string;
}

/** The BCP 47 parts of a tag, lower case; Google documents hyphens, underscores are read the same. */
function subtags(tag: string): string[] {
  return tag.trim().replace(/_/g, '-').toLowerCase().split('-');
}

/**
 * The catalogue language for a locale tag: its language subtag when the catalogue has it
 * (`de-AT` -> de), any Portuguese -> pt-BR (the one Portuguese we write), else English.
 */
export function resolveLang(tag: unknown): Lang {
  if (typeof tag !== 'string' || tag.trim() === '') return 'en';
  const base = subtags(tag)[0];
  if (base === 'pt') return 'pt-BR';
  return LANGS.find((l) => l === base) ?? 'en';
}

/**
 * The locale Intl formats dates and numbers with: the user's own tag (so `de-AT` gets Austrian
 * dates) when it is valid and of the same language as the messages, else the catalogue language.
 */
export function formattingLocale(tag: unknown, lang: Lang): string {
  if (typeof tag !== 'string' || subtags(tag)[0] !== lang.split('-')[0]?.toLowerCase()) return lang;
  try {
    return Intl.getCanonicalLocales(tag.trim().replace(/_/g, '-'))[0] ?? lang;
  } catch {
    return lang;
  }
}

/** The zone id when Intl knows it, else undefined (an unknown id would make Intl throw). */
export function validTimeZone(zone: unknown): string | undefined {
  if (typeof zone !== 'string' || zone === '') return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return undefined;
  }
}

/** `commonEventObject.userLocale` and `.timeZone.id` of a card event object (either may be absent). */
export function userLocaleOf(e: unknown): UserLocale {
  const common = (e as { commonEventObject?: { userLocale?: unknown; timeZone?: { id?: unknown } } } | null)
    ?.commonEventObject;
  const out: UserLocale = {};
  if (typeof common?.userLocale === 'string') out.locale = common.userLocale;
  if (typeof common?.timeZone?.id === 'string') out.timeZone = common.timeZone.id;
  return out;
}
