import type { CalendarEvent } from '../../emulator/calendar/types';
import type { RequestLogEntry, VendorApp } from '../../vendor-server/app';
import {
  type CalendarView,
  deletionsOfCarried,
  describeDifference,
  duplicateCreates,
  duplicateLive,
  expectedFields as oracleExpectedFields,
  vendorEqualsCalendar,
} from '../oracle/vendorEqualsCalendar';
import { type AcmeCall, acmeChanges, acmeConferences, acmeDeletedId, fromAcme } from '../oracle/vendors';
import type { VendorCall } from './world';

/**
 * The model test's view of the shared oracle (`test/oracle/vendorEqualsCalendar.ts`): the calendars'
 * current events (the emulator's admin view) and the vendor's own state and request log, turned into
 * the oracle's inputs; its typed differences come back as lines. Nothing here reads the add-on's
 * records or reuses its code.
 */

export interface Truth {
  /** `accessible: false` for a calendar the user can no longer see (default: accessible). */
  calendars: Array<{ id: string; live: CalendarEvent[]; accessible?: boolean }>;
}

function views(truth: Truth): CalendarView[] {
  return truth.calendars.map((c) => ({
    calendarId: c.id,
    accessible: c.accessible !== false,
    events: c.live,
  }));
}

/** Checked after every step of a sequence: no DELETE of a carried conference, no duplicate live ones. */
export function checkStep(truth: Truth, vendor: VendorApp, fresh: RequestLogEntry[]): string[] {
  const deleted = fresh.map(acmeDeletedId).filter((id): id is string => id !== undefined);
  return [
    ...deletionsOfCarried(views(truth), deleted),
    ...duplicateLive(vendor.conferences().map(fromAcme)),
  ].map(describeDifference);
}

/** The vendor's view of an event, in the oracle's normal form (see `expectedFields` there). */
export function expectedFields(event: CalendarEvent) {
  return oracleExpectedFields(event);
}

function acmeCall(call: VendorCall): AcmeCall {
  if (!call.triple || !call.createdId) return call;
  const [calendarId = '', eventId = '', solutionId = ''] = call.triple.split(' / ');
  return { ...call, created: { conferenceId: call.createdId, calendarId, eventId, solutionId } };
}

/** Checked once the faults have stopped and the add-on has had its runs. */
export function checkConvergence(truth: Truth, vendor: VendorApp, journal: VendorCall[]): string[] {
  const calendars = views(truth);
  const created = journal.map((c) => c.createdId).filter((id): id is string => id !== undefined);
  const conferences = acmeConferences(vendor, calendars, created);
  const report = vendorEqualsCalendar({ calendars, conferences });
  return [...report.differences.map(describeDifference), ...checkCreates(journal)];
}

/**
 * No duplicate create: replaying the calls in order, a create that made a conference (201) for a
 * calendar+event+solution never happens while another conference for the same one is still live.
 * (A new one after the old one was deleted - the user removed ours and added it again - is fine.)
 */
export function checkCreates(journal: VendorCall[]): string[] {
  return duplicateCreates(acmeChanges(journal.map(acmeCall))).map(describeDifference);
}
