import { wallOf } from '../calendar/timeZones';

/**
 * The event objects Calendar hands an add-on's card callbacks (homepage trigger, eventOpenTrigger,
 * button actions), as developers.google.com/workspace/add-ons/concepts/event-objects describes:
 * a `commonEventObject` with `hostApp` and `platform`, the action's `parameters`, and the user's
 * locale and time zone:
 *
 * - access-user-locale: "Event objects carry user locale information when properly configured" —
 *   the manifest sets `addOns.common.useLocaleFromApp` to true and lists the
 *   `https://www.googleapis.com/auth/script.locale` scope. Only then are these fields present:
 *   `commonEventObject.userLocale` ("The user's language and country/region identifier. For
 *   example, en-US."), `commonEventObject.timeZone.id` ("The user's timezone identifier. For example,
 *   America/New_York.") and `commonEventObject.timeZone.offset` ("The user's timezone offset, in
 *   milliseconds, from Coordinated Universal Time (UTC).").
 * - `parameters` of an action also appear at the top level (the older Gmail-add-on field the event
 *   object page lists as kept for backward compatibility).
 */

/** The emulated user's language and zone, as set in their Google account (the playground changes them). */
export interface UserSettings {
  locale: string;
  timeZone: string;
}

export const LOCALE_SCOPE = 'https://www.googleapis.com/auth/script.locale';

export interface LocaleManifest {
  oauthScopes?: string[];
  addOns?: { common?: { useLocaleFromApp?: boolean } };
}

/** Whether Google passes the user's locale and zone to this add-on (access-user-locale's two steps). */
export function passesLocale(manifest: LocaleManifest): boolean {
  return manifest.addOns?.common?.useLocaleFromApp === true && !!manifest.oauthScopes?.includes(LOCALE_SCOPE);
}

export interface CardEventExtra {
  /** The clicked action's parameters. */
  parameters?: Record<string, string>;
  /** eventOpenTrigger: the opened event (`calendarId`, `id`, `recurringEventId`, ...). */
  calendar?: Record<string, unknown>;
}

/** The event object of one card callback at simulated time `now`. */
export function cardEventObject(
  manifest: LocaleManifest,
  user: UserSettings,
  now: number,
  extra: CardEventExtra = {},
): Record<string, unknown> {
  const common: Record<string, unknown> = { hostApp: 'CALENDAR', platform: 'WEB' };
  if (passesLocale(manifest)) {
    common.userLocale = user.locale;
    common.timeZone = { id: user.timeZone, offset: wallOf(now, user.timeZone) - now };
  }
  if (extra.parameters) common.parameters = { ...extra.parameters };
  return {
    commonEventObject: common,
    ...(extra.parameters ? { parameters: { ...extra.parameters } } : {}),
    ...(extra.calendar ? { calendar: { ...extra.calendar } } : {}),
  };
}
