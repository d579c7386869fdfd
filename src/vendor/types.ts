import type { EventDateTime } from '../calendar/types';

/** A conference as the vendor API returns it (docs/vendor-api.openapi.json). */
export interface VendorConference {
  id: string;
  joinUrl: string;
  phone?: { number: string; pin?: string };
  passcode?: string;
}

export interface CreateConferenceBody {
  calendarId: string;
  eventId: string;
  solutionId: string;
  title?: string | null;
  start?: EventDateTime | null;
  end?: EventDateTime | null;
  attendees?: string[];
  recurrence?: string[];
}

/** The outcome of one vendor call, classified once, here, for every caller. */
export type VendorOutcome<T> =
  | { ok: true; value: T; status: number }
  | { ok: false; kind: 'transient'; status?: number; retryAfterMs?: number; reason: string }
  | { ok: false; kind: 'permanent'; status?: number; reason: string };
