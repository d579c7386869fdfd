import type { TriggerRun } from '../../emulator';
import type { CalendarEvent, EventDateTime } from '../../emulator/calendar/types';
import { CALENDARS, type EditKind, type Op, PEOPLE, RECURRENCES, SOLUTIONS } from './ops';
import { checkConvergence, checkStep, type Truth } from './oracle';
import { createModelWorld, type ModelWorld } from './world';

/**
 * Runs one randomized sequence on the built bundle, then lets it converge and checks the vendor
 * against the calendar. The runner only plays the user, the admin, the platform and the vendor's
 * bad days; it never looks at the add-on's state to decide what is expected.
 */

const HOUR = 3600_000;
const DAY = 24 * HOUR;

export interface SequenceStats {
  ops: number;
  /** Vendor requests answered with an injected fault, by kind. */
  faults: Record<'down' | 'http500' | 'http429', number>;
  /** Trigger runs stopped part-way (stopCurrentAfter or the 6-minute limit). */
  cutRuns: number;
  /** Trigger or onCreate runs that started while another run held the lock. */
  lockedOut: number;
  tokenInvalidations: number;
  /** onCreate calls that returned a conference. */
  conferencesCreated: number;
  vendorRequests: number;
  triggerRuns: number;
}

export interface SequenceResult {
  violations: string[];
  stats: SequenceStats;
}

export function emptyStats(): SequenceStats {
  return {
    ops: 0,
    faults: { down: 0, http500: 0, http429: 0 },
    cutRuns: 0,
    lockedOut: 0,
    tokenInvalidations: 0,
    conferencesCreated: 0,
    vendorRequests: 0,
    triggerRuns: 0,
  };
}

interface Tracked {
  cal: string;
  id: string;
}

interface Pending extends Tracked {
  fields: CalendarEvent;
}

export const START = Date.UTC(2026, 10, 23, 9, 0, 0);

function at(day: number, hour: number): EventDateTime {
  return { dateTime: new Date(START + day * DAY + (hour - 9) * HOUR).toISOString(), timeZone: 'UTC' };
}

function dateOnly(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function startMs(t: EventDateTime | undefined): number {
  if (!t) return Number.NaN;
  return Date.parse(t.dateTime ?? `${t.date}T00:00:00Z`);
}

function recurrencePeriodMs(recurrence: string[] | undefined): number {
  return recurrence?.some((r) => r.includes('FREQ=DAILY')) ? DAY : 7 * DAY;
}

export class SequenceRunner {
  readonly world: ModelWorld;
  readonly stats = emptyStats();
  readonly violations: string[] = [];
  private readonly events: Tracked[] = [];
  private readonly pendings: Pending[] = [];
  /** Events the user deleted (candidates for a restore from the trash). */
  private readonly trashed: Tracked[] = [];
  /** Calendars the user lost access to (404 for every call until granted again). */
  private readonly revoked = new Set<string>();
  private held = false;
  /** Runs that found the lock taken while it was held: the holder syncs again before releasing. */
  private readonly swallowedCalendars = new Set<string>();
  private swallowedRetry = false;
  private seenRequests = 0;
  private counter = 0;
  private step = -1;

  constructor(seed: number) {
    this.world = createModelWorld({ seed });
  }

  run(ops: readonly Op[]): SequenceResult {
    for (const op of ops) {
      this.step++;
      this.stats.ops++;
      this.apply(op);
      this.afterStep(`op ${this.step} ${op.t}`);
      if (this.violations.length > 0) return this.result();
    }
    this.converge();
    if (this.violations.length === 0) {
      this.violations.push(...checkConvergence(this.truth(), this.world.vendor, this.world.journal));
    }
    return this.result();
  }

  /** Faults stop, the lock is released, open editors are closed, and time passes (past the 24 h grace). */
  converge(): void {
    const { emu, vendor } = this.world;
    vendor.faults.clear();
    for (const cal of this.revoked) emu.calendar.grantAccess(cal);
    this.revoked.clear();
    if (this.held) this.release();
    for (const p of this.pendings.splice(0)) emu.ui.discardEvent(p.cal, p.id);
    // Two hours in 10-minute steps, then a day and more in hours: queued calls and checkpoints ride on
    // the hourly trigger, and calendars given back are probed by the daily trigger check.
    for (let i = 0; i < 12; i++) {
      this.checkRuns(emu.settle());
      this.checkRuns(emu.advance(10 * 60_000));
    }
    for (let i = 0; i < 26; i++) {
      this.checkRuns(emu.settle());
      this.checkRuns(emu.advance(HOUR));
    }
    this.checkRuns(emu.settle());
    this.afterStep('convergence');
  }

  private result(): SequenceResult {
    this.stats.vendorRequests = this.world.vendor.requests().length;
    return { violations: this.violations, stats: this.stats };
  }

  truth(): Truth {
    const { emu } = this.world;
    return { calendars: CALENDARS.map((cal) => ({ id: cal, live: emu.calendar.liveEvents(cal) })) };
  }

  private afterStep(where: string): void {
    const requests = this.world.vendor.requests();
    const fresh = requests.slice(this.seenRequests);
    this.seenRequests = requests.length;
    for (const r of fresh) {
      if (r.status === 0) this.stats.faults.down++;
      else if (r.status === 500) this.stats.faults.http500++;
      else if (r.status === 429) this.stats.faults.http429++;
    }
    for (const v of checkStep(this.truth(), this.world.vendor, fresh)) this.violations.push(`${where}: ${v}`);
  }

  private checkRuns(runs: TriggerRun[]): void {
    for (const run of runs) {
      this.stats.triggerRuns++;
      if (run.outcome === 'timeout') this.stats.cutRuns++;
      else if (run.outcome === 'error')
        this.violations.push(`step ${this.step}: ${run.functionName} crashed: ${run.error}`);
    }
  }

  private live(t: Tracked): CalendarEvent | undefined {
    const ev = this.world.emu.calendar.peek(t.cal, t.id);
    return ev && ev.status !== 'cancelled' ? ev : undefined;
  }

  private pickLive(i: number, filter: (ev: CalendarEvent) => boolean = () => true) {
    const live = this.events
      .map((t) => ({ t, ev: this.live(t) }))
      .filter(
        (x): x is { t: Tracked; ev: CalendarEvent } =>
          x.ev !== undefined && !this.revoked.has(x.t.cal) && filter(x.ev),
      );
    return live.length === 0 ? undefined : live[i % live.length];
  }

  /** Adds a conference through the editor; onCreate must never throw. */
  private addConference(cal: string, eventId: string, solutionId: string): boolean {
    const { emu } = this.world;
    const before = emu.exec.history.length;
    const added = emu.ui.addConference({ calendarId: cal, eventId, solutionId });
    if (!added.ok && added.thrown !== undefined)
      this.violations.push(`step ${this.step}: onCreate threw: ${String(added.thrown)}`);
    if (added.ok) this.stats.conferencesCreated++;
    if (this.held && emu.exec.history.length > before) {
      // Its initial sync (if any) found the lock taken.
      this.swallowedCalendars.add(cal);
    }
    return added.ok;
  }

  private apply(op: Op): void {
    if (this.applyUserOperation(op)) return;
    const { emu, vendor } = this.world;
    const ui = emu.ui;
    switch (op.t) {
      case 'create': {
        const cal = CALENDARS[op.cal]!;
        if (this.revoked.has(cal)) return;
        const solution = SOLUTIONS[op.sol]!;
        const rec = RECURRENCES[op.rec];
        const fields: CalendarEvent = {
          summary: `Meeting ${++this.counter}`,
          start: at(op.day, op.hour),
          end: at(op.day, op.hour + 1),
        };
        if (op.people.length > 0) fields.attendees = op.people.map((p) => ({ email: PEOPLE[p]! }));
        if (rec) fields.recurrence = [...rec];
        const id = ui.newEventId();
        switch (op.flow) {
          case 'new':
            this.addConference(cal, id, solution);
            ui.saveEvent(cal, id, fields);
            this.events.push({ cal, id });
            break;
          case 'existing':
            ui.saveEvent(cal, id, fields);
            this.events.push({ cal, id });
            this.addConference(cal, id, solution);
            break;
          case 'pending':
            this.addConference(cal, id, solution);
            this.pendings.push({ cal, id, fields });
            break;
          case 'discard':
            this.addConference(cal, id, solution);
            ui.discardEvent(cal, id);
            break;
        }
        return;
      }
      case 'savePending': {
        if (this.pendings.length === 0) return;
        const [p] = this.pendings.splice(op.i % this.pendings.length, 1);
        if (this.revoked.has(p!.cal)) {
          ui.discardEvent(p!.cal, p!.id);
          return;
        }
        ui.saveEvent(p!.cal, p!.id, p!.fields);
        this.events.push({ cal: p!.cal, id: p!.id });
        return;
      }
      case 'foreign': {
        const cal = CALENDARS[op.cal]!;
        if (this.revoked.has(cal)) return;
        const id = ui.newEventId();
        if (op.meet) ui.switchToMeet(cal, id);
        ui.saveEvent(cal, id, {
          summary: `Other ${++this.counter}`,
          start: at(op.day, op.hour),
          end: at(op.day, op.hour + 1),
        });
        this.events.push({ cal, id });
        return;
      }
      case 'edit': {
        const target = this.pickLive(op.ev);
        if (!target) return;
        const { t, ev } = target;
        const changes = this.editChanges(ev, op.kind, op.v);
        try {
          emu.calendar.editEvent(t.cal, t.id, changes);
        } catch {
          // An edit the calendar refuses (e.g. an invalid time range): the user sees an error.
        }
        return;
      }
      case 'delete': {
        const target = this.pickLive(op.ev);
        if (!target) return;
        ui.deleteEvent(target.t.cal, target.t.id);
        this.trashed.push({ ...target.t });
        return;
      }
      case 'removeConference': {
        const target = this.pickLive(op.ev, (ev) => ev.conferenceData !== undefined);
        if (target) ui.removeConference(target.t.cal, target.t.id);
        return;
      }
      case 'switchToMeet': {
        const target = this.pickLive(op.ev);
        if (target) ui.switchToMeet(target.t.cal, target.t.id);
        return;
      }
      case 'addConference': {
        const target = this.pickLive(op.ev);
        if (target) this.addConference(target.t.cal, target.t.id, SOLUTIONS[op.sol]!);
        return;
      }
      case 'cancelOccurrence':
      case 'editOccurrence': {
        const target = this.pickLive(op.ev, (ev) => Array.isArray(ev.recurrence) && ev.recurrence.length > 0);
        if (!target) return;
        const { t, ev } = target;
        const original = startMs(ev.start) + op.k * recurrencePeriodMs(ev.recurrence);
        const originalStart = ev.start?.date ? dateOnly(original) : new Date(original).toISOString();
        try {
          if (op.t === 'cancelOccurrence') emu.calendar.cancelOccurrence(t.cal, t.id, originalStart);
          else if (op.move) {
            const shift = (x: EventDateTime | undefined): EventDateTime =>
              x?.date
                ? { date: dateOnly(startMs(x) + DAY) }
                : { dateTime: new Date(startMs(x) + 2 * HOUR).toISOString(), timeZone: 'UTC' };
            const occ = this.occurrenceTimes(ev, original);
            emu.calendar.editOccurrence(t.cal, t.id, originalStart, {
              start: shift(occ.start),
              end: shift(occ.end),
            });
          } else
            emu.calendar.editOccurrence(t.cal, t.id, originalStart, { summary: `Occurrence ${op.k} moved` });
        } catch {
          // No such occurrence (the series was moved or shortened): nothing to do.
        }
        return;
      }
      case 'invalidateTokens':
        emu.calendar.invalidateSyncTokens(CALENDARS[op.cal]!);
        this.stats.tokenInvalidations++;
        return;
      case 'purgeDeleted':
        if (emu.calendar.purgeDeleted(CALENDARS[op.cal]!) > 0) this.stats.tokenInvalidations++;
        return;
      case 'fault':
        vendor.faults.set({
          mode: op.mode,
          ...(op.count === null ? {} : { count: op.count }),
          retryAfterSeconds: op.retryAfter,
        });
        return;
      case 'faultsOff':
        vendor.faults.clear();
        return;
      case 'deliver': {
        const pending = emu.pendingCalendarChanges();
        if (op.cut !== null && pending.some((cal) => this.hasCalendarTrigger(cal)))
          emu.exec.stopCurrentAfter({ calls: op.cut });
        const runs = emu.deliverCalendarTriggers();
        if (this.held)
          for (const r of runs) {
            this.stats.lockedOut++;
            if (r.calendarId) this.swallowedCalendars.add(r.calendarId);
          }
        this.checkRuns(runs);
        return;
      }
      case 'hold':
        if (!this.held) {
          emu.locks.holdUserLockExternally();
          this.held = true;
        }
        return;
      case 'release':
        if (this.held) this.release();
        return;
      case 'advance': {
        const ms = op.minutes * 60_000;
        if (op.cut !== null && emu.triggers.due(emu.clock.now() + ms).length > 0)
          emu.exec.stopCurrentAfter({ calls: op.cut });
        const runs = emu.advance(ms);
        if (this.held && runs.length > 0) {
          this.stats.lockedOut += runs.length;
          this.swallowedRetry = true;
        }
        this.checkRuns(runs);
        return;
      }
    }
  }

  /** Issue 13's user operations. Returns false when the op is not one of them. */
  private applyUserOperation(op: Op): boolean {
    const calendar = this.world.emu.calendar;
    switch (op.t) {
      case 'moveTo': {
        const target = this.pickLive(op.ev);
        const to = CALENDARS[op.cal]!;
        if (!target || target.t.cal === to || this.revoked.has(to)) return true;
        try {
          calendar.moveEvent(target.t.cal, target.t.id, to);
          target.t.cal = to;
        } catch {
          // Calendar refuses the move (e.g. the target already holds an event with that id).
        }
        return true;
      }
      case 'duplicate': {
        const target = this.pickLive(op.ev);
        if (!target) return true;
        // Copies land only in calendars the add-on watches: a copy in a calendar it never hears of is
        // invisible to it (a documented limitation, test/model/README.md).
        const to = op.same ? target.t.cal : CALENDARS[op.cal]!;
        if (this.revoked.has(to) || !this.hasCalendarTrigger(to)) return true;
        const copy = calendar.duplicateEvent(target.t.cal, target.t.id, to);
        this.events.push({ cal: to, id: copy.id! });
        // The copy's calendar trigger fires before the user does anything else with the copy: a
        // copy moved on to a calendar the add-on does not watch before it ever ran is invisible to it.
        this.apply({ t: 'deliver', cut: null });
        return true;
      }
      case 'split': {
        const target = this.pickLive(op.ev, (ev) => Array.isArray(ev.recurrence) && ev.recurrence.length > 0);
        if (!target) return true;
        const { t, ev } = target;
        const original = startMs(ev.start) + op.k * recurrencePeriodMs(ev.recurrence);
        const from = ev.start?.date ? dateOnly(original) : new Date(original).toISOString();
        try {
          const later = calendar.splitSeries(
            t.cal,
            t.id,
            from,
            op.retitle ? { summary: `Split ${++this.counter}` } : {},
          );
          if (later.id !== t.id) this.events.push({ cal: t.cal, id: later.id! });
        } catch {
          // No such occurrence (a counted series already over): nothing to split.
        }
        return true;
      }
      case 'restore': {
        if (this.trashed.length === 0) return true;
        const [t] = this.trashed.splice(op.i % this.trashed.length, 1);
        if (this.revoked.has(t!.cal)) return true;
        try {
          calendar.restoreEvent(t!.cal, t!.id);
        } catch {
          // Moved away since, purged after 30 days, or not the organizer's calendar.
        }
        return true;
      }
      case 'revoke': {
        // A calendar the add-on watches (case 5). One it never watched and can no longer read hides
        // whatever moved there before any run saw it: nobody can tell, the rule only covers what the
        // user can see.
        const cal = CALENDARS[op.cal]!;
        if (!this.hasCalendarTrigger(cal)) return true;
        this.revoked.add(cal);
        calendar.revokeAccess(cal);
        return true;
      }
      case 'grant':
        if (this.revoked.delete(CALENDARS[op.cal]!)) calendar.grantAccess(CALENDARS[op.cal]!);
        return true;
      case 'invite': {
        const target = this.pickLive(op.ev, (ev) => ev.conferenceData !== undefined);
        const guestCal = CALENDARS[op.cal]!;
        if (!target || guestCal === target.t.cal || this.revoked.has(guestCal)) return true;
        if (calendar.peek(guestCal, target.t.id)) return true;
        calendar.receiveInvitation(guestCal, target.ev, 'colleague@example.org');
        if (op.remove) calendar.guestRemoves(guestCal, target.t.id);
        return true;
      }
      default:
        return false;
    }
  }

  /**
   * The external holder of the lock was another run of the add-on: before releasing, it syncs again
   * what the runs it locked out were asked to do. Played here by replaying those runs.
   */
  private release(): void {
    const { emu } = this.world;
    emu.locks.releaseExternal('user');
    this.held = false;
    const calendars = [...this.swallowedCalendars];
    this.swallowedCalendars.clear();
    const retry = this.swallowedRetry;
    this.swallowedRetry = false;
    for (const cal of calendars) {
      const trigger = emu.triggers
        .enabled()
        .find((t) => t.eventType === 'ON_EVENT_UPDATED' && t.sourceId === cal);
      if (trigger) this.replay('syncEvents', { authMode: 'FULL', calendarId: cal, triggerUid: trigger.uid });
    }
    if (retry) this.replay('safetyNetSync', { authMode: 'FULL' });
  }

  private replay(functionName: string, event: Record<string, unknown>): void {
    const { emu } = this.world;
    const index = emu.exec.history.length;
    try {
      emu.script!.callWith({ kind: 'trigger' }, functionName, event);
    } catch {
      // recorded in the execution history
    }
    const rec = emu.exec.history[index]!;
    this.checkRuns([
      {
        triggerUid: String(event.triggerUid ?? ''),
        functionName,
        executionId: rec.id,
        outcome: rec.outcome,
        ...(rec.error === undefined ? {} : { error: rec.error }),
      },
    ]);
  }

  private hasCalendarTrigger(cal: string): boolean {
    return this.world.emu.triggers
      .enabled()
      .some((t) => t.eventType === 'ON_EVENT_UPDATED' && t.sourceId === cal);
  }

  private occurrenceTimes(ev: CalendarEvent, original: number): { start: EventDateTime; end: EventDateTime } {
    const duration = startMs(ev.end) - startMs(ev.start);
    if (ev.start?.date)
      return { start: { date: dateOnly(original) }, end: { date: dateOnly(original + duration) } };
    return {
      start: { dateTime: new Date(original).toISOString(), timeZone: 'UTC' },
      end: { dateTime: new Date(original + duration).toISOString(), timeZone: 'UTC' },
    };
  }

  private editChanges(ev: CalendarEvent, kind: EditKind, v: number) {
    const changes: CalendarEvent = {};
    const emails = (ev.attendees ?? []).map((a) => a.email ?? '');
    switch (kind) {
      case 'title':
        changes.summary = `Title ${v}`;
        break;
      case 'move':
        changes.start = at(5 + (v % 16), 7 + (v % 11));
        changes.end = at(5 + (v % 16), 8 + (v % 11) + (v % 2));
        break;
      case 'invite':
        changes.attendees = [...emails, PEOPLE[v % PEOPLE.length]!].map((email) => ({ email }));
        break;
      case 'uninvite':
        changes.attendees = emails.slice(1).map((email) => ({ email }));
        break;
      case 'description':
        changes.description = `Agenda ${v}`;
        break;
      case 'recurrence':
        changes.recurrence = [...(RECURRENCES[1 + (v % (RECURRENCES.length - 1))] ?? [])];
        break;
      case 'allDay': {
        const day = START + (5 + (v % 16)) * DAY;
        changes.start = { date: dateOnly(day) };
        changes.end = { date: dateOnly(day + DAY) };
        break;
      }
    }
    return changes;
  }
}

export function runSequence(ops: readonly Op[], seed = 1): SequenceResult {
  const runner = new SequenceRunner(seed);
  try {
    return runner.run(ops);
  } finally {
    runner.world.emu.close();
  }
}
