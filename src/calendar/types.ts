/**
 * The parts of a Calendar API v3 event the add-on reads. Every field is optional on purpose:
 * a cancelled stub carries only `id` (and `recurringEventId`/`originalStartTime` for an
 * instance), and odd events must never crash the sync.
 */
export interface EventDateTime {
  date?: string;
  dateTime?: string;
  timeZone?: string;
}

export interface EntryPoint {
  entryPointType?: string;
  uri?: string;
  label?: string;
  pin?: string;
  passcode?: string;
  regionCode?: string;
  entryPointFeatures?: string[];
}

export interface ConferenceDataResource {
  conferenceId?: string;
  conferenceSolution?: { key?: { type?: string }; name?: string; iconUri?: string };
  entryPoints?: EntryPoint[];
  parameters?: { addOnParameters?: { parameters?: Record<string, string> } };
  notes?: string;
}

export interface CalendarEvent {
  id?: string;
  status?: string;
  etag?: string;
  summary?: string;
  start?: EventDateTime;
  end?: EventDateTime;
  attendees?: Array<{ email?: string; resource?: boolean }>;
  recurrence?: string[];
  recurringEventId?: string;
  originalStartTime?: EventDateTime;
  conferenceData?: ConferenceDataResource;
  updated?: string;
  /** `self` is false on a guest's copy of someone else's meeting (the organizer's add-on owns it). */
  organizer?: { email?: string; self?: boolean };
}

/** An entry of the user's calendar list (CalendarList.list). */
export interface CalendarListEntry {
  id?: string;
  accessRole?: string;
  deleted?: boolean;
}

export interface EventsPage {
  items?: CalendarEvent[];
  nextPageToken?: string;
  nextSyncToken?: string;
}
