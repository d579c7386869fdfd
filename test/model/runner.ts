import type { TriggerRun } from '../../emulator';
import type { CalendarEvent, EventDateTime } from '../../emulator/calendar/types';
import { type Difference, type DifferenceKind, describeDifference } from '../oracle/vendorEqualsCalendar';
import { Carriage } from './carriage';
import { type LifeStep, Lineage, type Shape, shapeOf } from './lineage';
import { CALENDARS, type EditKind, type Op, PEOPLE, RECURRENCES, SOLUTIONS } from './ops';
import { checkConvergence, checkDelete, checkStep, type Truth, views } from './oracle';
import { createModelWorld, type ModelSwitches, type ModelWorld } from './world';

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
  /** Vendor DELETEs the oracle judged as they arrived. */
  deletesChecked: number;
  /** Copies made into a calendar with / without an add-on trigger at that moment. */
  copiesWatched: number;
  copiesUnwatched: number;
  /** Deliveries of one calendar's trigger while another calendar's change was also pending. */
  otherCalendarFirst: number;
  moves: number;
  restores: number;
  splits: number;
  /** Drafts gone (deleted or discarded) before any run saw them. */
  drafts: number;
}

/** Something the oracle found: `kind` says what (the oracle's difference kinds, or a crash). */
export type ViolationKind = DifferenceKind | 'orphanOutlivedDay' | 'runCrashed' | 'onCreateThrew';

export interface Violation {
  kind: ViolationKind;
  /** The op (index and type) or phase it was found in. */
  where: string;
  text: string;
  conferenceId?: string;
  /** Which of issue 16's shapes it is, read from the lives of the events it names (lineage.ts). */
  shape: Shape;
  /** Those lives and what happened around them, for people. */
  lives: string;
}

export function formatViolation(v: Violation, withLives = false): string {
  return `${v.where}: ${v.text} [${v.shape}]${withLives ? `\n      ${v.lives}` : ''}`;
}

export interface SequenceResult {
  violations: Violation[];
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
    deletesChecked: 0,
    copiesWatched: 0,
    copiesUnwatched: 0,
    otherCalendarFirst: 0,
    moves: 0,
    restores: 0,
    splits: 0,
    drafts: 0,
  };
}

export interface SequenceOptions {
  /** Issue 16 item 7's platform switches (see world.ts). */
  switches?: ModelSwitches;
}

interface Tracked {
  cal: string;
  id: string;
}

interface Pending extends Tracked {
  fields: CalendarEvent;
  /** The conference the open editor holds, if onCreate gave one. */
  conferenceId?: string;
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
  readonly violations: Violation[] = [];
  /** The oracle's memory of when each conference was last carried (issue 16 item 4). */
  readonly carriage: Carriage;
  /** What happened to each event, for telling a failure's shape. */
  readonly lineage = new Lineage();
  private readonly events: Tracked[] = [];
  private readonly pendings: Pending[] = [];
  /** Events the user deleted (candidates for a restore from the trash). */
  private readonly trashed: Tracked[] = [];
  /** Calendars the user lost access to (404 for every call until granted again). */
  private readonly revoked = new Set<string>();
  private held = false;
  /** Runs that found the lock taken while it was held: the holder syncs again before releasing. */
  private readonly swallowedCalendars = new Set<string>();
  /** Time-driven handlers whose runs found the lock taken. */
  private readonly swallowedTimers = new Set<string>();
  /** `kind conferenceId` of what was reported already (a late orphan is reported once). */
  private readonly reported = new Set<string>();
  /** Duplicate conferences seen with every one carried (oracle.ts `checkStep`: allowed since). */
  private readonly allowedDuplicates = new Set<string>();
  private seenRequests = 0;
  private counter = 0;
  private step = -1;
  private where = 'start';

  constructor(seed: number, options: SequenceOptions = {}) {
    this.world = createModelWorld({ seed, switches: options.switches });
    const { emu } = this.world;
    this.carriage = new Carriage(
      () => emu.clock.now(),
      () => views(this.truth()),
    );
    // Every change of any calendar, the user's and the add-on's own API writes alike.
    emu.calendar.onChange(() => this.carriage.update());
    this.world.watcher.made = (id) => this.carriage.made(id);
    this.world.watcher.deleteArrived = (id) => this.deleteArrived(id);
    this.world.watcher.answered = () => this.sampleBlocked();
    this.sampleBlocked();
  }

  run(ops: readonly Op[]): SequenceResult {
    for (const op of ops) {
      this.step++;
      this.stats.ops++;
      this.where = `op ${this.step} ${op.t}`;
      this.apply(op);
      this.afterStep();
      if (this.violations.length > 0) return this.result();
    }
    this.converge();
    if (this.violations.length === 0) {
      const differences = checkConvergence(this.truth(), this.world.vendor, this.world.journal, {
        copiesMayShare: this.world.switches.calendarRefusesConferenceWrites === true,
        vendorCannotUndo: this.world.switches.vendorCannotUndo === true,
      });
      for (const d of differences) this.report(d);
    }
    return this.result();
  }

  /** Faults stop, the lock is released, open editors are closed, and time passes (past the 24 h grace). */
  converge(): void {
    const { emu, vendor } = this.world;
    this.where = 'convergence';
    vendor.faults.clear();
    for (const cal of this.revoked) emu.calendar.grantAccess(cal);
    this.revoked.clear();
    if (this.held) this.release();
    for (const p of this.pendings.splice(0)) this.closeEditor(p);
    this.sampleBlocked();
    // Two hours in 10-minute steps, then a day and more in hours: queued calls and checkpoints ride on
    // the hourly trigger, and calendars given back are probed by the daily trigger check.
    for (let i = 0; i < 12; i++) {
      this.checkRuns(emu.settle());
      this.checkRuns(emu.advance(10 * 60_000));
      this.afterStep();
    }
    for (let i = 0; i < 26; i++) {
      this.checkRuns(emu.settle());
      this.checkRuns(emu.advance(HOUR));
      this.afterStep();
    }
    this.checkRuns(emu.settle());
    this.afterStep();
  }

  private result(): SequenceResult {
    this.stats.vendorRequests = this.world.journal.length;
    return { violations: this.violations, stats: this.stats };
  }

  truth(): Truth {
    const { emu } = this.world;
    return { calendars: CALENDARS.map((cal) => ({ id: cal, live: emu.calendar.liveEvents(cal) })) };
  }

  private report(d: Difference): void {
    const conferenceId = 'conferenceId' in d ? d.conferenceId : undefined;
    this.violate(d.kind, describeDifference(d), conferenceId, eventsNamed(d));
  }

  private violate(kind: ViolationKind, text: string, conferenceId?: string, eventIds: string[] = []): void {
    const around = this.lineage.around();
    const lives = eventIds.map((id) => this.lineage.of(id));
    const told = eventIds.map((id) => `${id}: ${this.lineage.describe(id) || 'not made by an op'}`);
    this.violations.push({
      kind,
      where: this.where,
      text,
      ...(conferenceId === undefined ? {} : { conferenceId }),
      shape: shapeOf({ kind, lives, around }),
      lives: [...told, `around: ${around.join(', ') || 'nothing'}`].join('; '),
    });
  }

  /** Notes a step in an event's life (op index of the current op). */
  private note(eventId: string, step: LifeStep, detail = ''): void {
    this.lineage.note(eventId, step, this.step, detail);
  }

  private watchedOrNot(cal: string): 'Watched' | 'Unwatched' {
    return this.hasCalendarTrigger(cal) ? 'Watched' : 'Unwatched';
  }

  /**
   * A DELETE reached the vendor: judged on the calendars as they are now, before the vendor answers
   * (issue 16 item 2), and against the conference's day (item 4).
   */
  private deleteArrived(conferenceId: string): (status: number) => void {
    this.stats.deletesChecked++;
    const found = checkDelete(this.truth(), conferenceId);
    const at = this.violations.length;
    for (const d of found) this.report(d);
    this.checkOverdue(conferenceId);
    return (status) => {
      for (const v of this.violations.slice(at))
        v.text += ` (vendor answered ${status === 0 ? 'nothing: down' : status})`;
    };
  }

  /** An uncarried conference still live at the vendor past its day (plus blocked time) is reported. */
  private checkOverdue(conferenceId: string): void {
    const deadline = this.carriage.deadline(conferenceId);
    const now = this.world.emu.clock.now();
    if (deadline === undefined || now <= deadline) return;
    const atVendor = this.world.vendor.conference(conferenceId);
    if (!atVendor || atVendor.deleted) return; // gone already: a late DELETE of it is only a 404
    const key = `orphanOutlivedDay ${conferenceId}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    const since = this.carriage.lastCarried(conferenceId) ?? now;
    const hours = ((now - since) / HOUR).toFixed(1);
    const home = this.world.vendor.conference(conferenceId)?.eventId;
    this.violate(
      'orphanOutlivedDay',
      `conference ${conferenceId} still live at the vendor ${hours} h after anything last carried it`,
      conferenceId,
      home === undefined ? [] : [home],
    );
  }

  /** Whether the add-on can be expected to delete nothing right now (see BlockedTime). */
  private sampleBlocked(): void {
    const { emu, vendor } = this.world;
    const blocked = vendor.faults.get().mode !== 'up' || this.held || this.revoked.size > 0;
    this.carriage.blocked.sample(emu.clock.now(), blocked);
  }

  private afterStep(): void {
    const { vendor, journal } = this.world;
    const fresh = journal.slice(this.seenRequests);
    this.seenRequests = journal.length;
    for (const r of fresh) {
      if (r.status === 0) this.stats.faults.down++;
      else if (r.status === 500) this.stats.faults.http500++;
      else if (r.status === 429) this.stats.faults.http429++;
    }
    this.sampleBlocked();
    const copiesMayShare = this.world.switches.calendarRefusesConferenceWrites === true;
    const allowedDuplicates = this.allowedDuplicates;
    for (const d of checkStep(vendor, this.truth(), { copiesMayShare, allowedDuplicates })) {
      const key = `${d.kind} ${JSON.stringify(d)}`;
      if (this.reported.has(key)) continue;
      this.reported.add(key);
      this.report(d);
    }
    for (const c of vendor.conferences()) this.checkOverdue(c.id);
  }

  private checkRuns(runs: TriggerRun[]): void {
    for (const run of runs) {
      this.stats.triggerRuns++;
      if (run.outcome === 'timeout') {
        this.stats.cutRuns++;
        this.lineage.happened('cutRun');
      } else if (run.outcome === 'error')
        this.violate('runCrashed', `${run.functionName} crashed: ${run.error}`);
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

  /**
   * Adds a conference through the editor; onCreate must never throw. Returns the conference id it
   * gave; on an event not saved yet the open editor holds it (see `closeEditor`).
   */
  private addConference(cal: string, eventId: string, solutionId: string): string | undefined {
    const { emu } = this.world;
    const before = emu.exec.history.length;
    const added = emu.ui.addConference({ calendarId: cal, eventId, solutionId });
    if (!added.ok && added.thrown !== undefined)
      this.violate('onCreateThrew', `onCreate threw: ${String(added.thrown)}`);
    if (this.held && emu.exec.history.length > before) {
      // Its initial sync (if any) found the lock taken.
      this.swallowedCalendars.add(cal);
    }
    if (!added.ok) return undefined;
    this.stats.conferencesCreated++;
    this.note(eventId, 'conferenceAdded', `${solutionId} in ${cal}`);
    const id = added.conferenceData.conferenceId;
    if (id && !emu.calendar.peek(cal, eventId)) this.carriage.hold(id);
    return id;
  }

  /** The editor of an unsaved event closes: saved (the event carries the conference now) or not. */
  private closeEditor(p: Pending, save = false): void {
    const { ui } = this.world.emu;
    if (save) {
      ui.saveEvent(p.cal, p.id, p.fields);
      this.events.push({ cal: p.cal, id: p.id });
      this.note(p.id, 'made', p.cal);
    } else {
      ui.discardEvent(p.cal, p.id);
      if (p.conferenceId) this.note(p.id, 'draftGone', 'never saved');
    }
    if (p.conferenceId) this.carriage.release(p.conferenceId);
  }

  /** Delivers pending calendar triggers (all, or only `only`'s), the first run cut off after `cut` calls. */
  private deliver(cut: number | null, only?: string[]): void {
    const { emu } = this.world;
    const pending = only ?? emu.pendingCalendarChanges();
    if (cut !== null && pending.some((cal) => this.hasCalendarTrigger(cal)))
      emu.exec.stopCurrentAfter({ calls: cut });
    const runs = emu.deliverCalendarTriggers(only);
    if (this.held)
      for (const r of runs) {
        this.stats.lockedOut++;
        this.lineage.happened('lockedOut');
        if (r.calendarId) this.swallowedCalendars.add(r.calendarId);
      }
    this.checkRuns(runs);
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
        const editor: Pending = { cal, id: ui.newEventId(), fields };
        switch (op.flow) {
          case 'new':
            editor.conferenceId = this.addConference(cal, editor.id, solution);
            this.closeEditor(editor, true);
            break;
          case 'existing':
            ui.saveEvent(cal, editor.id, fields);
            this.events.push({ cal, id: editor.id });
            this.note(editor.id, 'made', cal);
            this.addConference(cal, editor.id, solution);
            break;
          case 'pending':
            editor.conferenceId = this.addConference(cal, editor.id, solution);
            this.pendings.push(editor);
            break;
          case 'discard':
            editor.conferenceId = this.addConference(cal, editor.id, solution);
            this.closeEditor(editor);
            break;
        }
        return;
      }
      case 'savePending': {
        if (this.pendings.length === 0) return;
        const [p] = this.pendings.splice(op.i % this.pendings.length, 1);
        this.closeEditor(p!, !this.revoked.has(p!.cal));
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
        this.note(id, 'made', `${cal}, not ours`);
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
        this.note(target.t.id, 'deleted');
        return;
      }
      case 'removeConference': {
        const target = this.pickLive(op.ev, (ev) => ev.conferenceData !== undefined);
        if (!target) return;
        ui.removeConference(target.t.cal, target.t.id);
        this.note(target.t.id, 'conferenceRemoved');
        return;
      }
      case 'switchToMeet': {
        const target = this.pickLive(op.ev);
        if (!target) return;
        ui.switchToMeet(target.t.cal, target.t.id);
        this.note(target.t.id, 'switchedToMeet');
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
        this.lineage.happened('tokenInvalidated');
        return;
      case 'purgeDeleted':
        if (emu.calendar.purgeDeleted(CALENDARS[op.cal]!) > 0) {
          this.stats.tokenInvalidations++;
          this.lineage.happened('tokenInvalidated');
        }
        return;
      case 'fault':
        this.lineage.happened('outage');
        vendor.faults.set({
          mode: op.mode,
          ...(op.count === null ? {} : { count: op.count }),
          retryAfterSeconds: op.retryAfter,
        });
        return;
      case 'faultsOff':
        vendor.faults.clear();
        return;
      case 'deliver':
        this.deliver(op.cut);
        return;
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
        if (this.held)
          for (const r of runs) {
            this.stats.lockedOut++;
            this.lineage.happened('lockedOut');
            this.swallowedTimers.add(r.functionName);
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
          const watched = this.watchedOrNot(to);
          calendar.moveEvent(target.t.cal, target.t.id, to);
          this.note(target.t.id, `movedTo${watched}`, `${target.t.cal} to ${to}`);
          target.t.cal = to;
          this.stats.moves++;
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
        this.note(copy.id!, 'copyWatched', `of ${target.t.id} into ${to}, its trigger run at once`);
        this.stats.copiesWatched++;
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
          if (later.id !== t.id) {
            this.events.push({ cal: t.cal, id: later.id! });
            this.lineage.inherit(later.id!, t.id);
            this.note(later.id!, 'splitOff', `of ${t.id}`);
          }
          this.stats.splits++;
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
          this.note(t!.id, 'restored');
          this.stats.restores++;
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
      case 'copyTo':
      case 'deliverOne':
      case 'draft':
        this.applyMixOperation(op);
        return true;
      default:
        return false;
    }
  }

  /** Issue 16's additions to the mix. */
  private applyMixOperation(op: Extract<Op, { t: 'copyTo' | 'deliverOne' | 'draft' }>): void {
    const { emu } = this.world;
    switch (op.t) {
      case 'copyTo': {
        const target = this.pickLive(op.ev);
        if (!target) return;
        // Any calendar of the user, whether the add-on has a trigger for it or not; nothing runs now.
        const to = op.same ? target.t.cal : CALENDARS[op.cal]!;
        if (this.revoked.has(to)) return;
        const watched = this.watchedOrNot(to);
        this.stats[`copies${watched}`]++;
        const copy = emu.calendar.duplicateEvent(target.t.cal, target.t.id, to);
        this.events.push({ cal: to, id: copy.id! });
        this.note(copy.id!, `copy${watched}`, `of ${target.t.id} into ${to}`);
        return;
      }
      case 'deliverOne': {
        const cal = CALENDARS[op.cal]!;
        const pending = emu.pendingCalendarChanges();
        if (!pending.includes(cal)) return;
        if (pending.length > 1) {
          this.stats.otherCalendarFirst++;
          this.lineage.happened('otherCalendarFirst');
        }
        this.deliver(op.cut, [cal]);
        return;
      }
      case 'draft': {
        const cal = CALENDARS[op.cal]!;
        if (this.revoked.has(cal)) return;
        const editor: Pending = {
          cal,
          id: emu.ui.newEventId(),
          fields: { summary: `Draft ${++this.counter}`, start: at(6, 10), end: at(6, 11) },
        };
        editor.conferenceId = this.addConference(cal, editor.id, SOLUTIONS[op.sol]!);
        this.closeEditor(editor, op.saved);
        if (op.saved) {
          emu.ui.deleteEvent(cal, editor.id);
          this.trashed.push({ cal, id: editor.id });
        }
        if (op.saved) this.note(editor.id, 'draftGone', 'saved, then deleted');
        this.stats.drafts++;
        for (const cut of op.cuts) {
          this.deliver(cut);
          this.apply({ t: 'advance', minutes: 61, cut });
        }
        return;
      }
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
    const timers = [...this.swallowedTimers];
    this.swallowedTimers.clear();
    for (const cal of calendars) {
      const trigger = emu.triggers
        .enabled()
        .find((t) => t.eventType === 'ON_EVENT_UPDATED' && t.sourceId === cal);
      if (trigger)
        this.replay(trigger.handler, { authMode: 'FULL', calendarId: cal, triggerUid: trigger.uid });
    }
    for (const handler of timers) this.replay(handler, { authMode: 'FULL' });
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

/** The events a difference names (the carrier first). */
function eventsNamed(d: Difference): string[] {
  if (d.kind === 'sharedConference') return d.events.map((e) => e.eventId);
  if (d.kind === 'carriedByOtherMeeting') return [d.eventId, d.madeForEventId];
  return 'eventId' in d && d.eventId !== undefined ? [d.eventId] : [];
}

export function runSequence(ops: readonly Op[], seed = 1, options: SequenceOptions = {}): SequenceResult {
  const runner = new SequenceRunner(seed, options);
  try {
    return runner.run(ops);
  } finally {
    runner.world.emu.close();
  }
}
