import type { EventDateTime } from '../calendar/types';
import { BRAND } from '../config/brand';
import type { MessageKey } from '../i18n/catalogue';
import { type UserLocale, validTimeZone } from '../i18n/locale';
import { createTranslator, type Translator } from '../i18n/translate';
import type { ProblemKind, RunProblem, SetupProblem } from '../state/userState';
import type { ProblemEntry } from '../status/status';

/**
 * The words the cards use, in the user's language (src/i18n). Short, plain, and without the
 * add-on's internals: users read "waiting to be sent" and "could not be sent", never queues,
 * tokens, status codes or HTTP verbs. Each sentence is chosen by a typed kind (./kinds.ts).
 */

/** The vendor's name as users read it, from vendor.config.json (one place for the brand). */
const VENDOR_NAME = BRAND.vendorName;

/** The cards' translator for a user (locale and zone from the event object; English when unknown). */
export function cardTranslator(user: UserLocale = {}): Translator {
  return createTranslator(user, VENDOR_NAME);
}

/** English in UTC: for callers that have no event object (and for tests). */
export const ENGLISH: Translator = cardTranslator();

const MINUTE = 60_000;

/** How long ago, in words. A time in the future (another clock ran ahead) reads "just now". */
export function ago(tr: Translator, at: number, now: number): string {
  const s = Math.round((now - at) / 1000);
  if (s < 60) return tr.t('time.justNow');
  const m = Math.round(s / 60);
  if (m < 60) return tr.t('time.minutesAgo', { n: m });
  const h = Math.round(m / 60);
  if (h < 24) return tr.t('time.hoursAgo', { n: h });
  const d = Math.round(h / 24);
  return d === 1 ? tr.t('time.yesterday') : tr.t('time.daysAgo', { n: d });
}

/** A clock time in the user's zone (with the weekday when it is not today), or in UTC, named. */
function clockTime(tr: Translator, at: number, now: number): string {
  const day = (ms: number) => tr.dateTime(ms, { year: 'numeric', month: 'numeric', day: 'numeric' });
  const options: Intl.DateTimeFormatOptions =
    day(at) === day(now)
      ? { hour: 'numeric', minute: '2-digit' }
      : { weekday: 'short', hour: 'numeric', minute: '2-digit' };
  const time = tr.dateTime(at, options);
  return tr.timeZone ? time : tr.t('time.inZone', { time, zone: 'UTC' });
}

/**
 * When a change waiting to be sent is tried again. Only a run resends it, and runs come with the
 * next change in the calendar or the hourly trigger, never at a chosen minute: so the card names
 * those, plus the time before which the back-off holds it, and never promises "in a moment".
 */
export function nextTryText(tr: Translator, retryAt: number, now: number): string {
  if (retryAt <= now + MINUTE) return tr.t('retry.soon');
  return tr.t('retry.after', { time: clockTime(tr, retryAt, now) });
}

/** An event's title as the cards quote it (`"Design review"`, „Design review“, ...). */
function quotedTitle(tr: Translator, title: string | undefined): string {
  const text = title === undefined || title.trim() === '' ? tr.t('common.noTitle') : title.trim();
  return tr.t('common.quoted', { text });
}

/**
 * What a failed call was about, naming the meeting by its event's title when it is known
 * (`Updating "Design review"`); unnamed when the event could not be looked up (a removed event).
 */
export function operationText(tr: Translator, op: string, title?: string): string {
  if (title === undefined) {
    return tr.t(op === 'delete' ? 'op.remove' : op === 'create' ? 'op.create' : 'op.update');
  }
  const named = { title: quotedTitle(tr, title) };
  if (op === 'delete') return tr.t('op.removeNamed', named);
  if (op === 'create') return tr.t('op.createNamed', named);
  return tr.t('op.updateNamed', named);
}

const REASONS: Record<ProblemKind, MessageKey & `reason.${string}`> = {
  unauthorized: 'reason.signIn',
  forbidden: 'reason.forbidden',
  gone: 'reason.gone',
  'invalid-request': 'reason.invalid',
  'bad-answer': 'reason.unreadable',
  'write-refused': 'reason.writeBack',
  'not-supported': 'reason.refused',
};

/** Why a call could not be made, in plain words, from the problem kind the sync recorded. */
export function reasonText(tr: Translator, problem: Pick<ProblemEntry, 'problem'>): string {
  return tr.t(REASONS[problem.problem]);
}

/** The last run's error, in plain words, from the problem kind it recorded. */
export function runErrorText(tr: Translator, problem: RunProblem | undefined, signedIn: boolean): string {
  if (!signedIn) return tr.t('runError.signIn');
  if (problem === 'config') return tr.t('runError.config');
  if (problem === 'calendar') return tr.t('runError.calendar');
  return tr.t('runError.unfinished');
}

/** A setup problem recorded when the calendar could not be watched. */
export function setupProblemText(tr: Translator, kind: SetupProblem['kind']): string {
  return tr.t(kind === 'trigger-limit' ? 'setup.tooMany' : 'setup.other');
}

/**
 * An event time as the user reads it: in their time zone when Google told us (`24 Nov 2026, 10:00`),
 * else in the event's own zone, named; an all-day date as a date (`24 Nov 2026 (all day)`).
 */
export function whenText(tr: Translator, dt: EventDateTime | null | undefined): string {
  if (dt?.dateTime) {
    const at = Date.parse(dt.dateTime);
    if (Number.isNaN(at)) return tr.t('time.notSet');
    const zone = tr.timeZone ?? validTimeZone(dt.timeZone) ?? 'UTC';
    const time = tr.dateTime(at, { dateStyle: 'medium', timeStyle: 'short' }, zone);
    return tr.timeZone ? time : tr.t('time.inZone', { time, zone });
  }
  const day = dt?.date ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(dt.date) : null;
  if (day) {
    const date = tr.dateTime(
      Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])),
      { dateStyle: 'medium' },
      'UTC',
    );
    return tr.t('time.allDay', { date });
  }
  return tr.t('time.notSet');
}

/** Words that must never appear on a card (checked by the tests). */
export const JARGON = [
  'outbox',
  'dead letter',
  'dead-letter',
  'sync token',
  'token',
  'trigger',
  'PATCH',
  'DELETE',
  'HTTP',
  'checkpoint',
  'undefined',
  'null',
  'NaN',
  'webhook',
  'idempotency',
];
