/**
 * The small interfaces through which the core reaches Apps Script services. Only
 * `src/platform/appsScript.ts` implements them with the real globals; tests and tools can pass
 * anything that behaves the same. Keeping them narrow is what makes the core testable without
 * globals (the pattern of apps-script-oauth2's setPropertyStore/setCache/setLock).
 */
import type { CalendarEvent, CalendarListEntry, EventsPage } from '../calendar/types';
import type { ConferenceEntries } from '../meeting/entryPoints';
import type { VendorPort } from '../vendor/port';

export interface CalendarApi {
  /** The user's calendar list (CalendarList.list, every page). */
  calendars(): CalendarListEntry[];
  list(calendarId: string, options: Record<string, unknown>): EventsPage;
  get(calendarId: string, eventId: string): CalendarEvent;
  patch(
    resource: Partial<CalendarEvent>,
    calendarId: string,
    eventId: string,
    options: Record<string, unknown>,
    headers?: Record<string, string>,
  ): CalendarEvent;
}

/** One Apps Script property store. Each method is one metered PropertiesService operation. */
export interface PropertyStore {
  getAll(): Record<string, string>;
  get(key: string): string | null;
  setMany(values: Record<string, string>): void;
  set(key: string, value: string): void;
  remove(key: string): void;
}

type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface HttpRequest {
  url: string;
  method: HttpMethod;
  headers: Record<string, string>;
  payload?: string;
}

export type HttpResult =
  | { kind: 'response'; status: number; body: string; headers: Record<string, string> }
  | { kind: 'network-error'; message: string };

export interface HttpClient {
  /** Sends the requests in parallel; one result per request, in order. Never throws. */
  fetchAll(requests: HttpRequest[]): HttpResult[];
}

export interface Clock {
  now(): number;
  sleep(ms: number): void;
}

export interface Lock {
  tryLock(timeoutMs: number): boolean;
  release(): void;
}

export interface CalendarTrigger {
  uid: string;
  handler: string;
  calendarId: string;
}

interface TimeTrigger {
  uid: string;
  handler: string;
}

export interface Triggers {
  calendarTriggers(): CalendarTrigger[];
  createCalendarTrigger(handler: string, calendarId: string): string;
  timeTriggers(handler: string): TimeTrigger[];
  /** Add-ons may use a time-driven trigger at most once an hour: there is no shorter timer here. */
  createHourlyTrigger(handler: string, everyHours: number): string;
  remove(uid: string): void;
}

export interface Log {
  info(record: Record<string, unknown>): void;
  warn(record: Record<string, unknown>): void;
  error(record: Record<string, unknown>): void;
}

/** Everything the sync engine needs, bundled once per execution by main.ts. */
export interface Services {
  calendar: CalendarApi;
  userStore: PropertyStore;
  scriptStore: PropertyStore;
  http: HttpClient;
  clock: Clock;
  lock: Lock;
  triggers: Triggers;
  log: Log;
  /**
   * The configured vendor behind the vendor port (src/vendor/port.ts), with this user's credential.
   * Throws ConfigError before any request is made: `problem: 'invalid'` when the configuration is
   * missing or wrong, `'not-signed-in'` when per-user sign-in is configured and this user has no token.
   */
  vendor(): VendorPort;
  /** Called when the vendor answers 401 in a sync (per-user sign-in: forget the refused token). */
  onVendorUnauthorized?: () => void;
}

export type ConferenceErrorKind =
  | 'AUTHENTICATION'
  | 'CONFERENCE_SOLUTION_FORBIDDEN'
  | 'PERMANENT'
  | 'PERMISSION_DENIED'
  | 'TEMPORARY'
  | 'UNKNOWN';

export interface ConferenceDetails {
  conferenceId: string;
  /**
   * The manifest's `conferenceSolution[].id` of the picked solution. ConferenceDataBuilder: it "must
   * be specified and populates conference's name and iconUrl values ... required for GSuite add-ons".
   */
  solutionId: string;
  /** VIDEO, PHONE and MORE entry points, already within Google's limits (meeting/entryPoints.ts). */
  entries: ConferenceEntries;
  parameters: Record<string, string>;
  notes?: string;
}

/** Builds ConferenceData objects (ConferenceDataService) for onCreateFunction to return. */
export interface ConferenceDataFactory {
  success(details: ConferenceDetails): unknown;
  error(kind: ConferenceErrorKind, authenticationUrl?: string): unknown;
}
