import type { CalendarErrorKind } from '../calendar/apiErrors';
import type { CalendarListEntry } from '../calendar/types';
import type { Services } from '../platform/ports';
import type { CalendarState, UserState } from '../state/userState';
import type { VendorPort } from '../vendor/port';
import { calendarCall } from './backoff';
import type { VendorHealth } from './send';

/**
 * What one sync execution holds for all its steps. Nothing in it says which calendar is being
 * synced: a step that needs a calendar gets it as an argument, and its counters (`RunStats`) too.
 */
export interface Run {
  readonly services: Services;
  readonly state: UserState;
  readonly vendor: VendorPort;
  readonly health: VendorHealth;
  /** No new work starts after this time (epoch ms): the final save and log must still fit. */
  readonly stopAt: number;
  readonly calendars: CalendarDirectory;
  /** Puts what the run learnt about the vendor's health into the state; called before each save. */
  readonly recordHealth?: () => void;
  /** Conferences queued when the run began: sent again as soon as the vendor answers in this run. */
  readonly queuedAtStart?: ReadonlySet<string>;
}

/** A calendar a move can land in, and a copy can be made in: the user can write to it. */
const EDITABLE_ROLES = new Set(['owner', 'writer']);

export function isEditable(entry: CalendarListEntry): boolean {
  return !!entry.id && !entry.deleted && EDITABLE_ROLES.has(entry.accessRole ?? '');
}

export type Listed<T> = { ok: true; value: T } | { ok: false; kind: CalendarErrorKind };

/**
 * The user's calendars as Calendar lists them, read at most once per run, and what the run learnt
 * about them: which answer at all, which it started watching, which it listed to the end.
 */
export class CalendarDirectory {
  private list: CalendarListEntry[] | undefined;
  /** Calendars probed in this run after an Events.get answered 404: can we still read them? */
  readonly reachable = new Map<string, boolean>();
  /** Calendars the run started watching (a trigger each is asked for before the run ends). */
  readonly newlyWatched = new Set<string>();
  /** Calendars listed up to now in this run (incremental to the end, or a full sync). */
  readonly listedToNow = new Set<string>();
  /** An event of ours was cancelled: every calendar the user can edit is listed before the run ends. */
  observeAll = false;

  constructor(
    private readonly services: Services,
    private readonly state: UserState,
    private readonly stopAt: number,
  ) {}

  /** CalendarList.list, once per run. */
  entries(): Listed<CalendarListEntry[]> {
    if (this.list) return { ok: true, value: this.list };
    const { clock, calendar } = this.services;
    const listed = calendarCall(clock, this.stopAt, () => calendar.calendars());
    if (!listed.ok) return { ok: false, kind: listed.kind };
    this.list = listed.value;
    return { ok: true, value: listed.value };
  }

  /** Every calendar the user can edit (owner or writer), watched or not. */
  editable(): Listed<string[]> {
    const listed = this.entries();
    if (!listed.ok) return listed;
    const ids = listed.value.filter(isEditable).map((e) => e.id as string);
    return { ok: true, value: ids };
  }

  /** Starts watching a calendar (stored with no token: its first listing is a full sync). */
  watch(calendarId: string): CalendarState {
    const cal = this.state.getOrAddCalendar(calendarId);
    if (!cal.meta.token && !cal.meta.checkpoint) this.newlyWatched.add(calendarId);
    return cal;
  }
}
