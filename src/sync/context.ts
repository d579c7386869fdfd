import type { CalendarListEntry } from '../calendar/types';
import type { Services } from '../platform/ports';
import type { UserState } from '../state/userState';
import type { VendorPort } from '../vendor/port';
import type { RunStats } from './recordOutcomes';
import type { VendorHealth } from './send';

/** What one sync execution shares between its steps and calendars. */
export interface RunContext {
  services: Services;
  state: UserState;
  vendor: VendorPort;
  health: VendorHealth;
  /** No new work starts after this time (epoch ms): the final save and log must still fit. */
  stopAt: number;
  /** Counters of the calendar being synced (the log line); reset per calendar. */
  stats: RunStats;
  /** The calendar being synced (dead letters without a carrier go there). */
  calendarId: string;
  /** The user's calendar list, read at most once per run (only when a look-up needs it). */
  calendarList?: CalendarListEntry[];
  /** Calendars a moved meeting led us to: watched from now on (trigger + token). */
  newlyWatched: Set<string>;
  /** Puts what the run learnt about the vendor's health into the state; called before each save. */
  recordHealth?: () => void;
  /** Conferences queued when the run began: sent again as soon as the vendor answers in this run. */
  queuedAtStart?: ReadonlySet<string>;
  /** Calendars probed in this run after an Events.get answered 404: can we still read them? */
  reachable: Map<string, boolean>;
}
