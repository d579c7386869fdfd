import type { EventDateTime } from '../calendar/types';
import { BRAND } from '../config/brand';
import type { ProblemEntry } from '../status/status';

/**
 * The words the cards use. Short, plain, and without the add-on's internals: users read "waiting
 * to be sent" and "could not be sent", never queues, tokens, status codes or HTTP verbs.
 */

/**
 * How the vendor is named to users: the one place the brand is written (sentences are worded so that
 * no article depends on it: "Choose Acme", never "a Acme").
 */
/** The vendor's name as users read it, from vendor.config.json (one place for the brand). */
export const VENDOR_NAME = BRAND.vendorName;

export function ago(at: number, now: number): string {
  const s = Math.round((now - at) / 1000);
  if (s < 0) return in_(at, now);
  if (s < 60) return 'just now';
  const m = Math.round(s / 60);
  if (m < 60) return m === 1 ? '1 minute ago' : `${m} minutes ago`;
  const h = Math.round(m / 60);
  if (h < 24) return h === 1 ? '1 hour ago' : `${h} hours ago`;
  const d = Math.round(h / 24);
  return d === 1 ? 'yesterday' : `${d} days ago`;
}

export function in_(at: number, now: number): string {
  const s = Math.round((at - now) / 1000);
  if (s <= 60) return 'in a moment';
  const m = Math.round(s / 60);
  if (m < 60) return m === 1 ? 'in about 1 minute' : `in about ${m} minutes`;
  const h = Math.round(m / 60);
  return h === 1 ? 'in about 1 hour' : `in about ${h} hours`;
}

export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * What a failed call was about, naming the meeting by its event's title when it is known
 * (`Updating "Design review"`); undefined when the event could not be looked up (a removed event).
 */
export function operationText(op: string, title?: string): string {
  const named = title === undefined ? undefined : `"${title.trim() === '' ? '(no title)' : title.trim()}"`;
  if (op === 'delete') return named ? `Removing the meeting of ${named}` : 'Removing a meeting';
  if (op === 'create') return named ? `Creating the meeting of ${named}` : 'Creating a meeting';
  return named ? `Updating ${named}` : 'Updating a meeting';
}

/** Why a call could not be made, in plain words, from the problem kind the sync recorded. */
export function reasonText(problem: Pick<ProblemEntry, 'problem'>): string {
  switch (problem.problem) {
    case 'unauthorized':
      return `${VENDOR_NAME} did not accept the sign-in.`;
    case 'forbidden':
      return `${VENDOR_NAME} did not allow this change.`;
    case 'gone':
      return `The meeting no longer exists at ${VENDOR_NAME}.`;
    case 'invalid-request':
      return `${VENDOR_NAME} rejected the event details.`;
    case 'bad-answer':
      return `${VENDOR_NAME} sent an answer the add-on could not read.`;
    case 'write-refused':
      return 'Calendar did not accept a new meeting link for the event.';
    case 'not-supported':
      return `${VENDOR_NAME} refused the change.`;
  }
}

/** The last run's error, in plain words. */
export function runErrorText(error: string | undefined, signedIn: boolean): string {
  if (!signedIn) return `Waiting for you to sign in to ${VENDOR_NAME}.`;
  if (!error) return 'The last check did not finish. It will try again.';
  if (/Script Propert|urlFetchWhitelist|must be an https/i.test(error))
    return 'The add-on is not set up yet. Ask your administrator to check its settings.';
  if (/^Calendar/i.test(error)) return 'Google Calendar could not be read. It will try again.';
  return 'Something went wrong. It will try again.';
}

/** A setup problem recorded when the calendar could not be watched. */
export function setupProblemText(message: string): string {
  if (/too many|quota|limit/i.test(message)) {
    return 'This calendar is not watched for changes: you have too many add-on automations. Stop syncing a calendar you no longer use, then press Sync now.';
  }
  return 'This calendar could not be watched for changes. Press Sync now to try again.';
}

/** An event time as the API gives it: `2026-11-24 10:00 (Europe/Berlin)` or `2026-11-24 (all day)`. */
export function whenText(dt: EventDateTime | null | undefined): string {
  if (!dt) return 'not set';
  if (dt.dateTime) {
    const local = dt.dateTime.slice(0, 16).replace('T', ' ');
    const zone = dt.timeZone ?? (dt.dateTime.endsWith('Z') ? 'UTC' : dt.dateTime.slice(19));
    return zone ? `${local} (${zone})` : local;
  }
  if (dt.date) return `${dt.date} (all day)`;
  return 'not set';
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
