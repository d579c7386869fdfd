import type { CalendarErrorKind } from '../calendar/apiErrors';
import type { CalendarEvent, CalendarListEntry } from '../calendar/types';
import { calendarCall } from './backoff';
import { isEditable, type Run } from './context';
import { type Change, isSomeoneElses, type Lookup } from './decide';
import type { RunStats } from './recordOutcomes';

/**
 * The look-up step, between list and decide: Calendar reads the plan asked for, only when one of
 * our conferences lost its last carrier to a cancellation (where did the event go?) or the carrier
 * that speaks for a conference changed. Returns the answers as more changes for decide.
 * A calendar we cannot read (404) answers nothing: "cannot see" is never "deleted". Any other
 * failure stops the batch, so nothing is decided on a guess; the run ends and keeps its place.
 */
type LookUpResult = { ok: true; changes: Change[] } | { ok: false; kind: CalendarErrorKind };

export function lookUp(run: Run, stats: RunStats, lookups: readonly Lookup[]): LookUpResult {
  const changes: Change[] = [];
  for (const lookup of lookups) {
    stats.lookups++;
    const found =
      lookup.kind === 'moved'
        ? findMoved(run, lookup)
        : lookup.kind === 'unseen'
          ? findUnseenCopy(run, lookup)
          : readEvent(run, lookup.calendarId, lookup.eventId);
    if (!found.ok) return found;
    changes.push(...found.changes);
  }
  return { ok: true, changes };
}

/** The same event id, live and carrying the conference, in another calendar of the user: a move. */
function findMoved(run: Run, lookup: Lookup & { kind: 'moved' }): LookUpResult {
  const listed = run.calendars.entries();
  if (!listed.ok) return listed;
  const found = searchMoveTargets(run, lookup.eventId, lookup.fromCalendarId, listed.value, (event) => {
    if (!inTrashThere(event, lookup.conferenceId)) return carriesLive(event, lookup.conferenceId);
    return 'trash'; // moved there, then deleted there: its trash is in that calendar, and so is a restore
  });
  if (!found.ok || found.changes.length > 0) return found;
  return { ok: true, changes: presumedInUnreadable(run, lookup, listed.value) };
}

/** An event we never saw, cancelled here: live in another calendar carrying a conference of ours? */
function findUnseenCopy(run: Run, lookup: Lookup & { kind: 'unseen' }): LookUpResult {
  const listed = run.calendars.entries();
  if (!listed.ok) return listed;
  return searchMoveTargets(run, lookup.eventId, lookup.fromCalendarId, listed.value, (event) => {
    const conferenceId = event?.conferenceData?.conferenceId;
    return (
      typeof conferenceId === 'string' &&
      !!run.state.book.get(conferenceId) &&
      carriesLive(event, conferenceId)
    );
  });
}

/**
 * Events.get of one event id in every other calendar a move can land in, until `accept` takes
 * what it finds (that calendar is watched from now on; 'trash' watches it and looks on).
 */
function searchMoveTargets(
  run: Run,
  eventId: string,
  fromCalendarId: string,
  list: readonly CalendarListEntry[],
  accept: (event: CalendarEvent | undefined) => boolean | 'trash',
): LookUpResult {
  for (const entry of list) {
    const calendarId = entry.id;
    if (!calendarId || calendarId === fromCalendarId || entry.deleted) continue;
    if (!isEditable(entry) || run.state.find(calendarId)?.meta.lostAt) continue; // a move lands where the user can write
    const got = calendarCall(run.services.clock, run.stopAt, () =>
      run.services.calendar.get(calendarId, eventId),
    );
    if (!got.ok) {
      if (got.kind === 'not-found' || got.kind === 'forbidden') continue;
      return { ok: false, kind: got.kind };
    }
    const verdict = accept(got.value);
    if (verdict === 'trash') watch(run, calendarId);
    if (verdict !== true) continue;
    return { ok: true, changes: [{ calendarId, cal: watch(run, calendarId), item: got.value }] };
  }
  return { ok: true, changes: [] };
}

/**
 * Not found where we can look. A watched calendar we cannot read now (access lost, or gone from the
 * calendar list) may hold it: never read "cannot see" as "deleted". The event is presumed there
 * until that calendar answers again (its full sync then decides) or is forgotten after 30 days.
 */
function presumedInUnreadable(
  run: Run,
  lookup: Lookup & { kind: 'moved' },
  list: CalendarListEntry[],
): Change[] {
  const listed = new Set(list.filter((e) => !e.deleted).map((e) => e.id));
  const unreadable = run.state
    .calendars()
    .find((c) => c.id !== lookup.fromCalendarId && (c.meta.lostAt !== undefined || !listed.has(c.id)));
  if (!unreadable) return [];
  const item: CalendarEvent = { id: lookup.eventId, conferenceData: { conferenceId: lookup.conferenceId } };
  return [{ calendarId: unreadable.id, cal: unreadable.index, item, presumed: true }];
}

/** The calendar's carrier index; a calendar not watched yet is watched from this run on. */
function watch(run: Run, calendarId: string): number {
  return run.calendars.watch(calendarId).index;
}

/** The organizer's cancelled copy keeps its details (Events resource) so it can be restored. */
function inTrashThere(event: CalendarEvent | undefined, conferenceId: string): boolean {
  return !!event && event.status === 'cancelled' && ourCarrier(event, conferenceId);
}

function carriesLive(event: CalendarEvent | undefined, conferenceId: string): boolean {
  return !!event && event.status !== 'cancelled' && ourCarrier(event, conferenceId);
}

/** The user's own event (not a guest's copy) with that conference, cancelled or not. */
function ourCarrier(event: CalendarEvent, conferenceId: string): boolean {
  return !isSomeoneElses(event) && event.conferenceData?.conferenceId === conferenceId;
}

/** One event as it is now; gone (404) comes back as a cancelled entry. */
export function readEvent(run: Run, calendarId: string, eventId: string): LookUpResult {
  const cal = run.state.find(calendarId);
  if (!cal || cal.meta.lostAt) return { ok: true, changes: [] };
  const got = calendarCall(run.services.clock, run.stopAt, () =>
    run.services.calendar.get(calendarId, eventId),
  );
  if (got.ok) return { ok: true, changes: [{ calendarId, cal: cal.index, item: got.value }] };
  if (got.kind !== 'not-found') return { ok: false, kind: got.kind };
  // 404 for the event, or for the whole calendar (access lost since it was listed)? Only the first
  // may be read as "gone": one list call tells (once per calendar and run, only after a 404).
  const reachable = calendarReachable(run, calendarId);
  if (reachable === 'unreachable') return { ok: true, changes: [] };
  if (reachable !== 'reachable') return { ok: false, kind: reachable };
  return { ok: true, changes: [{ calendarId, cal: cal.index, item: { id: eventId, status: 'cancelled' } }] };
}

function calendarReachable(run: Run, calendarId: string): 'reachable' | 'unreachable' | CalendarErrorKind {
  const known = run.calendars.reachable.get(calendarId);
  if (known !== undefined) return known ? 'reachable' : 'unreachable';
  const probe = calendarCall(run.services.clock, run.stopAt, () =>
    run.services.calendar.list(calendarId, { maxResults: 1, singleEvents: false }),
  );
  if (!probe.ok && probe.kind !== 'not-found') return probe.kind;
  run.calendars.reachable.set(calendarId, probe.ok);
  return probe.ok ? 'reachable' : 'unreachable';
}
