import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmulator, type Emulator } from '../../emulator';
import type { CalendarEvent } from '../../emulator/calendar/types';
import { editedConferenceData, type Json } from '../../emulator/cards/cardService';
import { asArr, asObj, cardToJson, str } from '../../emulator/cards/inspect';
import type { FaultMode } from '../../vendor-server/app';
import { startVendorWorker, type VendorHandle } from '../../vendor-server/worker';
import { SharedSimClock } from './clock';

/**
 * One playground: the built bundle (dist/Code.js) in the emulator, talking over real HTTP to the
 * reference vendor server on 127.0.0.1 (a worker thread), plus what the page shows around it: the
 * add-on's side panel (a card stack, as Calendar keeps one), a run log of every execution, and the
 * events the user deleted (to restore them). Every user operation is applied the way Calendar's UI
 * would (through the emulator's CalendarUi and admin API) and then the calendar triggers are delivered.
 */

export const VENDOR_HOST = 'conference.example.com';
/** A local-only key for the local vendor server: not a secret. */
const API_KEY = 'playground-key-not-a-secret';
/**
 * The simulated clock starts at the current hour (the week shown is this week); the vendor server
 * reads the same clock (SharedSimClock), so what it stamps agrees with what the add-on reads.
 */
const startTime = () => Math.floor(Date.now() / 3_600_000) * 3_600_000;
export const CALENDARS = ['ada@example.com', 'team@example.com'] as const;

export interface RunEntry {
  id: number;
  at: number;
  functionName: string;
  kind: string;
  outcome: string;
  error?: string;
}

export interface EventFields {
  summary: string;
  start: string;
  end: string;
  attendees?: string[];
}

export type Session = Awaited<ReturnType<typeof createSession>>;

/** `startAt`: the simulated clock's start (epoch ms); by default the current hour. Tests pin it. */
export async function createSession(startAt = startTime()) {
  const clock = new SharedSimClock(startAt);
  const vendor: VendorHandle = await startVendorWorker({
    apiKey: API_KEY,
    dataFile: join(mkdtempSync(join(tmpdir(), 'playground-vendor-')), 'conferences.json'),
    clock: clock.shared.buffer,
  });
  const emu: Emulator = createEmulator({
    clock,
    userEmail: CALENDARS[0],
    seed: 3,
    scriptProperties: { CONFERENCE_API_BASE_URL: `https://${VENDOR_HOST}/`, CONFERENCE_API_KEY: API_KEY },
    routes: { [VENDOR_HOST]: { kind: 'http', target: vendor.url } },
  });
  for (const id of CALENDARS.slice(1)) emu.calendar.addCalendar(id);
  emu.load('dist/Code.js');
  return new PlaygroundSession(emu, vendor);
}

export class PlaygroundSession {
  /** The side panel's cards, root first (Calendar's card stack). */
  stack: Json[] = [];
  /** The notification of the last card action (shown once). */
  notification: string | undefined;
  panelContext: { kind: 'home' } | { kind: 'event'; calendarId: string; eventId: string } = { kind: 'home' };
  readonly runLog: RunEntry[] = [];
  readonly deleted: Array<{ calendarId: string; eventId: string; summary: string }> = [];
  fault: FaultMode = 'up';
  private seenExecutions = 0;

  constructor(
    readonly emu: Emulator,
    readonly vendor: VendorHandle,
  ) {
    this.openHome();
  }

  /** Delivers calendar triggers until quiet and records every execution in the run log. */
  settle(): void {
    this.emu.settle();
    this.collectRuns();
  }

  collectRuns(): void {
    const history = this.emu.exec.history;
    for (const r of history.slice(this.seenExecutions)) {
      this.runLog.push({
        id: r.id,
        at: r.start,
        functionName: r.functionName,
        kind: r.kind,
        outcome: r.outcome,
        ...(r.error ? { error: r.error } : {}),
      });
    }
    this.seenExecutions = history.length;
    if (this.runLog.length > 200) this.runLog.splice(0, this.runLog.length - 200);
  }

  // ------------------------------------------------------------------------------- event editor

  newEventId(): string {
    return this.emu.ui.newEventId();
  }

  /** Picks a conference in the editor: one of our solutions (runs its onCreateFunction), Meet, or none. */
  chooseConference(calendarId: string, eventId: string, solutionId: string) {
    let result: { ok: boolean; error?: string };
    if (solutionId === '') {
      this.emu.ui.removeConference(calendarId, eventId);
      result = { ok: true };
    } else if (solutionId === 'meet') {
      this.emu.ui.switchToMeet(calendarId, eventId);
      result = { ok: true };
    } else {
      const added = this.emu.ui.addConference({ calendarId, eventId, solutionId });
      result = added.ok ? { ok: true } : { ok: false, error: added.error.conferenceErrorType };
    }
    this.settle();
    const pending = this.emu.ui.pendingConference(calendarId, eventId);
    const saved = this.emu.calendar.peek(calendarId, eventId)?.conferenceData;
    return { ...result, conference: conferenceView(pending ?? saved) };
  }

  /** Saves the editor (a new or an existing event), moving it when another calendar was chosen. */
  saveEvent(calendarId: string, eventId: string, fields: EventFields, targetCalendarId?: string): void {
    const event: CalendarEvent = {
      summary: fields.summary,
      start: { dateTime: fields.start, timeZone: 'UTC' },
      end: { dateTime: fields.end, timeZone: 'UTC' },
      attendees: (fields.attendees ?? []).filter((e) => e.trim() !== '').map((email) => ({ email })),
    };
    this.emu.ui.saveEvent(calendarId, eventId, event);
    this.settle();
    let shownIn = calendarId;
    if (targetCalendarId && targetCalendarId !== calendarId) {
      // The editor's calendar drop-down: saved first, then moved (as Calendar does on Save).
      this.emu.calendar.moveEvent(calendarId, eventId, targetCalendarId);
      this.settle();
      shownIn = targetCalendarId;
    }
    this.openEvent(shownIn, eventId);
  }

  discardEvent(calendarId: string, eventId: string): void {
    if (!this.emu.calendar.peek(calendarId, eventId)) this.emu.ui.discardEvent(calendarId, eventId);
    this.openHome();
  }

  deleteEvent(calendarId: string, eventId: string): void {
    const summary = this.emu.calendar.peek(calendarId, eventId)?.summary ?? '';
    this.emu.ui.deleteEvent(calendarId, eventId);
    this.deleted.push({ calendarId, eventId, summary });
    this.settle();
    this.openHome();
  }

  restoreEvent(calendarId: string, eventId: string): void {
    this.emu.calendar.restoreEvent(calendarId, eventId);
    const i = this.deleted.findIndex((d) => d.calendarId === calendarId && d.eventId === eventId);
    if (i >= 0) this.deleted.splice(i, 1);
    this.settle();
  }

  duplicateEvent(calendarId: string, eventId: string): void {
    this.emu.calendar.duplicateEvent(calendarId, eventId);
    this.settle();
  }

  // ------------------------------------------------------------------------------ vendor & time

  async setFault(mode: FaultMode): Promise<void> {
    await this.vendor.setFault({ mode });
    this.fault = mode;
  }

  /**
   * "Delete this meeting on the vendor" / "Change its time on the vendor": what a host does in the
   * vendor's own UI, behind the add-on's back (the reference server's vendor-side admin endpoints).
   * The add-on's hourly run notices and repairs it: let time pass to watch.
   */
  async vendorSide(calendarId: string, eventId: string, change: 'delete' | 'move'): Promise<string> {
    const ev = this.emu.calendar.peek(calendarId, eventId);
    const id = ev?.conferenceData?.conferenceId;
    if (!ev || !id || !conferenceView(ev.conferenceData)?.ours)
      throw new Error('this event has no meeting of ours');
    if (change === 'delete') await this.vendor.vendorDelete(id);
    else {
      // Two hours later than the event says.
      const start = Date.parse(ev.start?.dateTime ?? '') + 2 * 3_600_000;
      const end = Date.parse(ev.end?.dateTime ?? '') + 2 * 3_600_000;
      await this.vendor.vendorMove(id, new Date(start).toISOString(), new Date(end).toISOString());
    }
    return id;
  }

  invalidateSyncTokens(): void {
    for (const id of this.emu.calendar.calendars()) this.emu.calendar.invalidateSyncTokens(id);
  }

  /** Lets simulated time pass: due time-based triggers (the hourly safety net, retries) run. */
  advance(ms: number): void {
    this.emu.advance(ms);
    this.settle();
  }

  // ----------------------------------------------------------------------------------- side panel

  openHome(): void {
    this.panelContext = { kind: 'home' };
    this.showCard(() => this.call('onHomepage', this.emu.cardEvent()));
  }

  /** What Calendar does when the user opens an event: runs the eventOpenTrigger. */
  openEvent(calendarId: string, eventId: string): void {
    this.panelContext = { kind: 'event', calendarId, eventId };
    this.showCard(() =>
      this.call('onEventOpen', this.emu.cardEvent({ calendar: { calendarId, id: eventId } })),
    );
  }

  /**
   * The language picker: the user changes their Google account's language, and Calendar reopens
   * the side panel (its next event objects carry the new `userLocale`; Session reports it too).
   */
  setLocale(locale: string): void {
    this.emu.user.locale = locale;
    if (this.panelContext.kind === 'event')
      this.openEvent(this.panelContext.calendarId, this.panelContext.eventId);
    else this.openHome();
  }

  /** A click on a card button: runs its function with its parameters, then applies the response. */
  click(functionName: string, parameters: Record<string, string>): void {
    let response: unknown;
    try {
      response = this.call(functionName, this.emu.cardEvent({ parameters }));
    } catch (error) {
      this.notification = `The add-on failed: ${(error as Error).message}`;
      return;
    }
    if (editedConferenceData(response) !== undefined) this.applyEventAction(response);
    else this.applyResponse(cardToJson(response as Json));
  }

  /**
   * A CalendarEventActionResponse (a meeting option changed what the event shows): Calendar sets the
   * conference data on the open event, which is saved here; the card is opened again to show it.
   */
  private applyEventAction(response: unknown): void {
    const open = this.panelContext;
    if (open.kind !== 'event') return;
    const applied = this.emu.ui.applyEventAction(open.calendarId, open.eventId, response);
    this.settle();
    this.openEvent(open.calendarId, open.eventId);
    this.notification = applied.ok
      ? 'The event shows the new meeting details.'
      : `Calendar refused: ${applied.refused}`;
  }

  back(): void {
    if (this.stack.length > 1) this.stack.pop();
    this.notification = undefined;
  }

  private call(functionName: string, arg: unknown): unknown {
    const script = this.emu.script;
    if (!script) throw new Error('no script loaded');
    try {
      return script.callWith({ kind: 'addon' }, functionName, arg);
    } finally {
      this.collectRuns();
    }
  }

  private showCard(run: () => unknown): void {
    this.notification = undefined;
    try {
      this.stack = [cardToJson(run() as Json)];
    } catch (error) {
      this.stack = [errorCard((error as Error).message)];
    }
  }

  /** Calendar's handling of an ActionResponse: the navigation steps in order, then the notification. */
  private applyResponse(json: Json): void {
    if (Array.isArray(json.sections)) {
      this.stack = [json];
      return;
    }
    const action = asObj(asObj(json.renderActions)?.action);
    for (const step of asArr(action?.navigations).map(asObj)) {
      if (!step) continue;
      if (step.popToRoot) this.stack = this.stack.slice(0, 1);
      if (step.popCard && this.stack.length > 1) this.stack.pop();
      const named = str(step.popToCard);
      if (named) while (this.stack.length > 1 && this.stack.at(-1)?.name !== named) this.stack.pop();
      const update = asObj(step.updateCard);
      if (update) this.stack[Math.max(0, this.stack.length - 1)] = update;
      const push = asObj(step.pushCard);
      if (push) this.stack.push(push);
    }
    this.notification = str(asObj(action?.notification)?.text);
  }
}

/** Conference data as the event editor shows it. */
export function conferenceView(cd: CalendarEvent['conferenceData'] | undefined) {
  if (!cd) return null;
  const video = cd.entryPoints?.find((e) => e.entryPointType === 'video');
  return {
    name: cd.conferenceSolution?.name ?? 'Conference',
    ours: cd.conferenceSolution?.key?.type === 'addOn',
    conferenceId: cd.conferenceId ?? null,
    joinUrl: video?.uri ?? null,
  };
}

function errorCard(message: string): Json {
  return {
    header: { title: 'The add-on could not be shown' },
    sections: [{ widgets: [{ textParagraph: { text: message.replace(/</g, '&lt;') } }] }],
  };
}
