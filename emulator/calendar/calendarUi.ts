import { editedConferenceData } from '../cards/cardService';
import {
  type ConferenceErrorSpec,
  type ConferenceSolution,
  conferenceDataToResource,
} from '../conferencing/conferenceDataService';
import type { CalendarEmulator } from './calendarEmulator';
import type { CalendarEvent, ConferenceDataResource } from './types';

/** The part of a parsed appsscript.json the UI harness reads. */
export interface AddOnManifest {
  oauthScopes?: string[];
  addOns?: {
    calendar?: {
      conferenceSolution?: Array<ConferenceSolution & { onCreateFunction: string }>;
      currentEventAccess?: string;
    };
  };
}

const CURRENT_EVENT_WRITE = 'https://www.googleapis.com/auth/calendar.addons.current.event.write';

/** Why Calendar did not apply a card's CalendarEventActionResponse to the open event. */
export type EventActionRefusal = 'no-write-access' | 'no-conference-data' | 'invalid-conference-data';

export interface CalendarUiOptions {
  calendar: CalendarEmulator;
  manifest: AddOnManifest;
  /** Runs an add-on function (as Apps Script would) and returns what it returned. */
  invoke: (functionName: string, arg: unknown) => unknown;
}

export type AddConferenceResult =
  | { ok: true; conferenceData: ConferenceDataResource }
  | { ok: false; error: ConferenceErrorSpec; thrown?: unknown };

/** The event object Calendar hands to a conference solution's onCreateFunction. */
export interface CreateConferenceEvent {
  eventData: { calendarId: string; eventId: string };
  commonEventObject: { hostApp: 'CALENDAR'; platform: 'WEB' };
  hostApp: 'calendar';
}

/**
 * Plays the human in Google Calendar's event editor: picks the add-on's conference solution (which runs
 * its onCreateFunction, possibly before the event exists), saves events, removes conferences or switches
 * them to Google Meet. Every save goes through the emulator's admin API, so it fires onChange (and thus
 * EventUpdated triggers) like a real edit.
 */
export class CalendarUi {
  private readonly calendar: CalendarEmulator;
  private readonly manifest: AddOnManifest;
  private readonly invoke: (functionName: string, arg: unknown) => unknown;
  private readonly pending = new Map<string, ConferenceDataResource>();

  constructor(options: CalendarUiOptions) {
    this.calendar = options.calendar;
    this.manifest = options.manifest;
    this.invoke = options.invoke;
  }

  /** An id for an event being edited but not saved yet. */
  newEventId(): string {
    return this.calendar.newEventId();
  }

  /** Conference data chosen in the editor for an unsaved event, if any. */
  pendingConference(calendarId: string, eventId: string): ConferenceDataResource | undefined {
    const cd = this.pending.get(this.key(calendarId, eventId));
    return cd && structuredClone(cd);
  }

  addConference(args: { calendarId: string; eventId: string; solutionId: string }): AddConferenceResult {
    const { calendarId, eventId, solutionId } = args;
    // The user edits an event in one of their calendars, so it exists from now on (API calls on a
    // calendar that does not exist answer 404).
    if (!this.calendar.calendars().includes(this.calendarIdOf(calendarId)))
      this.calendar.addCalendar(calendarId);
    const solutions = this.manifest.addOns?.calendar?.conferenceSolution ?? [];
    const solution = solutions.find((s) => s.id === solutionId);
    if (!solution) throw new Error(`CalendarUi: no conference solution ${solutionId} in the manifest`);
    const event: CreateConferenceEvent = {
      eventData: { calendarId, eventId },
      commonEventObject: { hostApp: 'CALENDAR', platform: 'WEB' },
      hostApp: 'calendar',
    };
    let returned: unknown;
    try {
      returned = this.invoke(solution.onCreateFunction, event);
    } catch (thrown) {
      return { ok: false, error: { conferenceErrorType: 'UNKNOWN' }, thrown };
    }
    let converted: ReturnType<typeof conferenceDataToResource>;
    try {
      // Name and icon come from the solution id the add-on set, not from the solution that was picked.
      converted = conferenceDataToResource(returned, solutions);
    } catch (thrown) {
      return { ok: false, error: { conferenceErrorType: 'UNKNOWN' }, thrown };
    }
    if ('error' in converted) return { ok: false, error: converted.error as ConferenceErrorSpec };
    const conferenceData = converted as ConferenceDataResource;
    if (this.calendar.peek(calendarId, eventId)) {
      this.calendar.editEvent(calendarId, eventId, { conferenceData });
    } else {
      this.pending.set(this.key(calendarId, eventId), conferenceData);
    }
    return { ok: true, conferenceData: structuredClone(conferenceData) };
  }

  /** Saves the editor: creates or updates the event, attaching a conference picked before the first save. */
  saveEvent(calendarId: string, eventId: string, fields: CalendarEvent): CalendarEvent {
    const key = this.key(calendarId, eventId);
    const conferenceData = this.pending.get(key);
    const event: CalendarEvent = { ...fields, id: eventId };
    if (conferenceData) {
      event.conferenceData = conferenceData;
      if (conferenceData.conferenceSolution?.key?.type === 'hangoutsMeet') {
        event.hangoutLink = conferenceData.entryPoints?.[0]?.uri;
      }
    }
    const saved = this.calendar.putEvent(calendarId, event);
    this.pending.delete(key);
    return saved;
  }

  /** Closes the editor of an unsaved event without saving (the conference created for it is orphaned). */
  discardEvent(calendarId: string, eventId: string): void {
    this.pending.delete(this.key(calendarId, eventId));
  }

  removeConference(calendarId: string, eventId: string): CalendarEvent | undefined {
    if (!this.calendar.peek(calendarId, eventId)) {
      this.pending.delete(this.key(calendarId, eventId));
      return undefined;
    }
    return this.calendar.editEvent(calendarId, eventId, {
      conferenceData: undefined,
      hangoutLink: undefined,
    });
  }

  /** Replaces the event's conference with a Google Meet one. */
  switchToMeet(calendarId: string, eventId: string): ConferenceDataResource {
    const meet = this.calendar.newMeetConference();
    if (this.calendar.peek(calendarId, eventId)) {
      this.calendar.editEvent(calendarId, eventId, {
        conferenceData: meet,
        hangoutLink: meet.entryPoints?.[0]?.uri,
      });
    } else {
      this.pending.set(this.key(calendarId, eventId), meet);
    }
    return structuredClone(meet);
  }

  /**
   * Calendar applying a card action's CalendarEventActionResponse to the open event, then the user
   * saving it. `setConferenceData` "Specifies that the response should set the indicated conference
   * data to the Calendar event when the associated UI action is taken"; an add-on may change the
   * open event only with `currentEventAccess` WRITE or READ_WRITE and the
   * `calendar.addons.current.event.write` scope (manifest reference, calendar-addons).
   */
  applyEventAction(
    calendarId: string,
    eventId: string,
    response: unknown,
  ): { ok: true; conferenceData: ConferenceDataResource } | { ok: false; refused: EventActionRefusal } {
    const access = this.manifest.addOns?.calendar?.currentEventAccess ?? 'METADATA';
    const scoped = this.manifest.oauthScopes?.includes(CURRENT_EVENT_WRITE) ?? false;
    if (!['WRITE', 'READ_WRITE'].includes(access) || !scoped)
      return { ok: false, refused: 'no-write-access' };
    const built = editedConferenceData(response);
    if (built === undefined) return { ok: false, refused: 'no-conference-data' };
    let converted: ReturnType<typeof conferenceDataToResource>;
    try {
      converted = conferenceDataToResource(built, this.manifest.addOns?.calendar?.conferenceSolution ?? []);
    } catch {
      return { ok: false, refused: 'invalid-conference-data' };
    }
    if ('error' in converted) return { ok: false, refused: 'invalid-conference-data' };
    const conferenceData = converted as ConferenceDataResource;
    if (this.calendar.peek(calendarId, eventId))
      this.calendar.editEvent(calendarId, eventId, { conferenceData });
    else this.pending.set(this.key(calendarId, eventId), conferenceData);
    return { ok: true, conferenceData: structuredClone(conferenceData) };
  }

  /** Deletes the event from the UI. */
  deleteEvent(calendarId: string, eventId: string): void {
    this.calendar.deleteEvent(calendarId, eventId);
  }

  private calendarIdOf(calendarId: string): string {
    return calendarId === 'primary' ? this.calendar.userEmail : calendarId;
  }

  private key(calendarId: string, eventId: string): string {
    return `${this.calendarIdOf(calendarId)}\u0000${eventId}`;
  }
}
