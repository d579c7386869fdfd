import type { CalendarEvent } from '../../emulator/calendar/types';
import {
  type OracleReport,
  type VendorConference,
  vendorEqualsCalendar,
} from '../../test/oracle/vendorEqualsCalendar';
import { fromAcme } from '../../test/oracle/vendors';
import type { Conference } from '../../vendor-server/app';

/**
 * The end-of-story invariant, vendor == calendar, checked from the outside by the shared oracle
 * (test/oracle/vendorEqualsCalendar.ts, no add-on code): every live event organizing one of our
 * conferences has it live at the vendor with the event's fields; every live vendor conference is
 * carried by a live event; no two meetings share one.
 */
export type { Difference } from '../../test/oracle/vendorEqualsCalendar';
export type ConsistencyReport = OracleReport;

/** Events as the calendar holds them: `liveEvents(calendarId)` for each calendar. */
export type CalendarSnapshot = Record<string, CalendarEvent[]>;

/** `conferences`: the Acme vendor's live conferences (the reference server's /_admin/conferences). */
export function checkConsistency(calendars: CalendarSnapshot, conferences: Conference[]): ConsistencyReport {
  return checkNormalised(calendars, conferences.map(fromAcme));
}

/** Any vendor, its conferences normalised by its function in test/oracle/vendors.ts (e.g. `fromZoom`). */
export function checkNormalised(
  calendars: CalendarSnapshot,
  conferences: VendorConference[],
): ConsistencyReport {
  return vendorEqualsCalendar({
    calendars: Object.entries(calendars).map(([calendarId, events]) => ({ calendarId, events })),
    conferences,
  });
}
