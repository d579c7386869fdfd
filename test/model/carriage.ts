import { type CalendarView, organizedOn, ourConferenceId } from '../oracle/vendorEqualsCalendar';

/**
 * The oracle's own memory of when each of our conferences was last carried (issue 16 item 4: "deleted
 * within 24 h of the last moment anything carried it"). Kept from the calendars as they change (every
 * change, the user's and the add-on's API writes alike, calls `update`), from the editors the runner
 * keeps open, and from the vendor's creates. Like the rest of the oracle it never reads the add-on's
 * state and shares no code with src/.
 */

const HOUR = 3600_000;
/** Issue 16 item 4: no orphan outlives a day. */
export const ORPHAN_LIMIT_MS = 24 * HOUR;
/**
 * The add-on may not run more often than hourly without a calendar change (add-ons get no timer under
 * an hour, and the 24 h grace of a never-saved draft counts from its creation, which an hourly run
 * sees up to an hour late), and a run may take up to its 6-minute limit before it reaches the DELETE:
 * an orphan may live this much longer than the day.
 */
export const CADENCE_SLACK_MS = HOUR + 6 * 60_000;

/** Conference ids carried now by a live event the user organizes, in any of the given calendars. */
export function carriedIds(calendars: CalendarView[]): Set<string> {
  const out = new Set<string>();
  for (const cal of calendars)
    for (const event of cal.events) {
      if (event.status === 'cancelled' || !organizedOn(cal.calendarId, event)) continue;
      const id = ourConferenceId(event);
      if (id) out.add(id);
    }
  return out;
}

/**
 * Periods in which the add-on cannot be expected to delete anything: the vendor refuses (an injected
 * fault is set), another run holds the user's lock, or a calendar of the user is unreadable (the add-on
 * cannot tell whether it carries the conference). An orphan's day is extended by them.
 */
export class BlockedTime {
  private readonly closed: Array<[number, number]> = [];
  private openSince: number | undefined;

  /** Records whether the add-on is blocked from `now` on. */
  sample(now: number, blocked: boolean): void {
    if (blocked && this.openSince === undefined) this.openSince = now;
    else if (!blocked && this.openSince !== undefined) {
      this.closed.push([this.openSince, now]);
      this.openSince = undefined;
    }
  }

  /** Blocked milliseconds between `from` and `to`. */
  between(from: number, to: number): number {
    const spans = this.openSince === undefined ? this.closed : [...this.closed, [this.openSince, to]];
    let total = 0;
    for (const [a, b] of spans) total += Math.max(0, Math.min(b, to) - Math.max(a, from));
    return total;
  }
}

export class Carriage {
  /** Last moment each conference was carried (or made, or held by an open editor). */
  private readonly last = new Map<string, number>();
  private carried = new Set<string>();
  /** Conferences picked in an editor that is still open (the unsaved event carries them). */
  private readonly held = new Map<string, number>();
  readonly blocked = new BlockedTime();

  constructor(
    private readonly now: () => number,
    private readonly calendars: () => CalendarView[],
  ) {}

  /** The vendor made `id` (a 2xx to a create): it counts as carried from now. */
  made(id: string): void {
    if (!this.last.has(id)) this.last.set(id, this.now());
  }

  /** An editor holding `id` opened (the conference is on an unsaved event) or closed. */
  hold(id: string): void {
    this.held.set(id, (this.held.get(id) ?? 0) + 1);
    this.update();
  }

  release(id: string): void {
    const n = (this.held.get(id) ?? 0) - 1;
    if (n > 0) this.held.set(id, n);
    else this.held.delete(id);
    this.update();
  }

  /**
   * After any change: everything carried just before or just after it was carried until now (between
   * changes nothing starts or stops being carried).
   */
  update(): void {
    const now = this.now();
    const next = carriedIds(this.calendars());
    for (const id of this.held.keys()) next.add(id);
    for (const id of this.carried) this.last.set(id, now);
    for (const id of next) this.last.set(id, now);
    this.carried = next;
  }

  isCarried(id: string): boolean {
    return this.carried.has(id);
  }

  lastCarried(id: string): number | undefined {
    return this.carried.has(id) ? this.now() : this.last.get(id);
  }

  /** When an uncarried `id` must be gone at the vendor; undefined while it is carried or unknown. */
  deadline(id: string): number | undefined {
    if (this.carried.has(id)) return undefined;
    const since = this.last.get(id);
    if (since === undefined) return undefined;
    return since + ORPHAN_LIMIT_MS + CADENCE_SLACK_MS + this.blocked.between(since, this.now());
  }
}
