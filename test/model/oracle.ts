import type { CalendarEvent } from '../../emulator/calendar/types';
import type { VendorApp } from '../../vendor-server/app';
import {
  type CalendarView,
  type Difference,
  type DifferenceKind,
  deletionsOfCarried,
  duplicateCreates,
  duplicateLive,
  expectedFields as oracleExpectedFields,
  vendorEqualsCalendar,
} from '../oracle/vendorEqualsCalendar';
import { type AcmeCall, acmeChanges, acmeConferences, fromAcme } from '../oracle/vendors';
import type { VendorCall } from './world';

/**
 * The model test's view of the shared oracle (`test/oracle/vendorEqualsCalendar.ts`): the calendars'
 * current events (the emulator's admin view) and the vendor's own state and request log, turned into
 * the oracle's inputs; its typed differences come back to the runner. Nothing here reads the add-on's
 * records or reuses its code.
 */

export interface Truth {
  /** `accessible: false` for a calendar the user can no longer see (default: accessible). */
  calendars: Array<{ id: string; live: CalendarEvent[]; accessible?: boolean }>;
}

/** The truth as the shared oracle's calendar views. */
export function views(truth: Truth): CalendarView[] {
  return truth.calendars.map((c) => ({
    calendarId: c.id,
    accessible: c.accessible !== false,
    events: c.live,
  }));
}

/** Checked after every step of a sequence: never two live conferences for one calendar+event+solution. */
export function checkStep(
  vendor: VendorApp,
  truth: Truth,
  options: { copiesMayShare?: boolean; allowedDuplicates?: Set<string> } = {},
): Difference[] {
  const found = duplicateLive(vendor.conferences().map(fromAcme));
  if (!options.copiesMayShare) return found;
  const calendars = views(truth);
  const allowed = options.allowedDuplicates ?? new Set<string>();
  return found.filter((d) => {
    const key = JSON.stringify(d);
    if (!allCarried(d, calendars)) return !allowed.has(key);
    allowed.add(key);
    return false;
  });
}

/**
 * When Calendar refuses a copy its own conference, the copy keeps the one made for its original, and
 * a restored original whose conference was deleted gets it back from the vendor's trash for the copy
 * (no dead link). If the original then gets a new conference (the user adds ours again), two live
 * conferences were made for the original's event: allowed only while a live event carries each one.
 * Once seen so (`allowedDuplicates`, kept across steps), the same ones stay allowed after the user
 * takes one off its event (soak seed 406665: ours replaced by the other solution on the original),
 * exactly as any conference the user removes stays live until the add-on's next run deletes it: the
 * orphan checks judge the one nothing carries, and the end state must hold no such pair.
 */
function allCarried(d: Difference, calendars: CalendarView[]): boolean {
  if (d.kind !== 'duplicateLive') return false;
  const carried = new Set(
    calendars.flatMap((c) =>
      c.events.filter((e) => e.status !== 'cancelled').map((e) => e.conferenceData?.conferenceId),
    ),
  );
  return d.conferenceIds.every((id) => carried.has(id));
}

/**
 * Checked the moment a DELETE of `conferenceId` reaches the vendor, before it is answered (issue 16
 * item 2): no live event (single event or series master) the user organizes in any calendar they can
 * edit, watched by the add-on or not, carries it.
 */
export function checkDelete(truth: Truth, conferenceId: string): Difference[] {
  return deletionsOfCarried(views(truth), [conferenceId]);
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

/**
 * What the end state may differ in when Calendar refuses the add-on's write-back of a copy's own
 * conference (issue 16 item 5): the copy and the original then share the conference, and only the
 * delete gate keeps it alive. Everything else is still checked.
 */
export const ALLOWED_WHEN_WRITE_BACK_REFUSED: ReadonlySet<DifferenceKind> = new Set([
  'sharedConference',
  'carriedByOtherMeeting',
]);

/**
 * A meeting restored from the trash after its conference was deleted, when the vendor cannot undo a
 * delete *and* Calendar refuses the add-on's write of a new conference: nothing can put a working
 * link on the event (the event card asks the user to add the conference again). Its event carrying
 * the deleted conference is the one difference allowed then; the new conference nobody carries is
 * still an orphan, and everything else is still checked.
 */
function deadLinkUnavoidable(d: Difference): boolean {
  return d.kind === 'carriedNotLive' && d.vendorState === 'deleted';
}

/** Checked once the faults have stopped and the add-on has had its runs. */
export function checkConvergence(
  truth: Truth,
  vendor: VendorApp,
  journal: VendorCall[],
  options: { copiesMayShare?: boolean; vendorCannotUndo?: boolean } = {},
): Difference[] {
  const calendars = views(truth);
  const created = journal.map((c) => c.createdId).filter((id): id is string => id !== undefined);
  const conferences = acmeConferences(vendor, calendars, created);
  const report = vendorEqualsCalendar({ calendars, conferences });
  const differences = options.copiesMayShare
    ? report.differences.filter(
        (d) =>
          !ALLOWED_WHEN_WRITE_BACK_REFUSED.has(d.kind) &&
          !allCarried(d, calendars) &&
          !(options.vendorCannotUndo && deadLinkUnavoidable(d)),
      )
    : report.differences;
  return [...differences, ...checkCreates(journal)];
}

/**
 * No duplicate create: replaying the calls in order, a create that made a conference (201) for a
 * calendar+event+solution never happens while another conference for the same one is still live.
 * (A new one after the old one was deleted - the user removed ours and added it again - is fine.)
 */
export function checkCreates(journal: VendorCall[]): Difference[] {
  return duplicateCreates(acmeChanges(journal.map(acmeCall)));
}
