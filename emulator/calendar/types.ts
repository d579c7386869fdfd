/** Calendar API v3 resource shapes used by the emulator (the subset it understands; other keys pass through). */

export interface EventDateTime {
  dateTime?: string;
  date?: string;
  timeZone?: string;
}

export interface EventAttendee {
  email?: string;
  displayName?: string;
  responseStatus?: string;
  optional?: boolean;
  organizer?: boolean;
  self?: boolean;
  resource?: boolean;
  [key: string]: unknown;
}

export interface ConferenceEntryPointResource {
  entryPointType: 'video' | 'phone' | 'sip' | 'more' | string;
  uri?: string;
  label?: string;
  pin?: string;
  passcode?: string;
  password?: string;
  accessCode?: string;
  meetingCode?: string;
  regionCode?: string;
  entryPointFeatures?: string[];
  [key: string]: unknown;
}

export interface ConferenceDataResource {
  conferenceId?: string;
  conferenceSolution?: { key?: { type?: string }; name?: string; iconUri?: string };
  entryPoints?: ConferenceEntryPointResource[];
  parameters?: { addOnParameters?: { parameters?: Record<string, string> } };
  notes?: string;
  signature?: string;
  createRequest?: {
    requestId?: string;
    conferenceSolutionKey?: { type?: string };
    status?: { statusCode?: 'pending' | 'success' | 'failure' | string };
  };
  [key: string]: unknown;
}

export interface CalendarEvent {
  kind?: string;
  id?: string;
  etag?: string;
  status?: 'confirmed' | 'tentative' | 'cancelled' | string;
  htmlLink?: string;
  created?: string;
  updated?: string;
  summary?: string;
  description?: string;
  location?: string;
  colorId?: string;
  creator?: { email?: string; displayName?: string; self?: boolean };
  organizer?: { email?: string; displayName?: string; self?: boolean };
  start?: EventDateTime;
  end?: EventDateTime;
  endTimeUnspecified?: boolean;
  recurrence?: string[];
  recurringEventId?: string;
  originalStartTime?: EventDateTime;
  transparency?: string;
  visibility?: string;
  iCalUID?: string;
  sequence?: number;
  attendees?: EventAttendee[];
  hangoutLink?: string;
  conferenceData?: ConferenceDataResource;
  extendedProperties?: { private?: Record<string, string>; shared?: Record<string, string> };
  eventType?: string;
  [key: string]: unknown;
}

export interface EventsListResult {
  kind: 'calendar#events';
  etag: string;
  summary: string;
  description?: string;
  updated: string;
  timeZone: string;
  accessRole: string;
  defaultReminders: unknown[];
  items: CalendarEvent[];
  nextPageToken?: string;
  nextSyncToken?: string;
}

/** Optional arguments accepted by `Events.list` / `Events.instances` (values may come as strings). */
export type ListArgs = Record<string, unknown>;
