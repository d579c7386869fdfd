/**
 * The ways into a conference, as Calendar's entry points, within the limits Google documents
 * (docs/google-fidelity.md, "Entry points"):
 * - at most one VIDEO (always ours: the join link) and at most one MORE entry point, any number of
 *   PHONE ones; "A conference with only a MORE entry point is not valid" (EntryPointType) — MORE is
 *   only added next to the VIDEO one;
 * - PIN and passcode at most 128 characters (EntryPoint), a URI at most 1300; PHONE URIs `tel:`,
 *   VIDEO and MORE `http(s):`;
 * - `regionCode` "The CLDR/ISO 3166 region code for the country associated with this phone access"
 *   (Calendar API EntryPoint), so only a two-letter region or a three-digit area is passed on;
 * - "A number can't be toll and toll-free at the same time" (EntryPointFeature): one charge at most.
 * Whatever the vendor says beyond these is left out rather than failing the conference.
 * Pure: used by onCreate (ConferenceDataService) and the write-back (Calendar API resource) alike.
 */
import type { ConferenceDataResource } from '../calendar/types';
import type { DialInCharge, VendorConference } from '../vendor/port';

export const ENTRY_POINT_LIMITS = { uri: 1300, code: 128 } as const;
/** Our own cap, far below the 300 entry points a ConferenceData may hold: a readable invitation. */
export const MAX_PHONE_ENTRY_POINTS = 10;

export interface PhoneEntry {
  uri: string;
  pin?: string;
  regionCode?: string;
  charge?: DialInCharge;
}

export interface ConferenceEntries {
  video: { uri: string; passcode?: string };
  phones: PhoneEntry[];
  /** The vendor's page with every number (MORE). */
  moreUri?: string;
}

const CLDR_REGION = /^([A-Z]{2}|\d{3})$/;
const HTTP_URI = /^https?:\/\/\S+$/i;

const fits = (code: string | undefined): code is string =>
  code !== undefined && code !== '' && code.length <= ENTRY_POINT_LIMITS.code;

function phoneEntry(dial: NonNullable<VendorConference['dialIn']>[number]): PhoneEntry | null {
  const digits = dial.number.replace(/[^\d+]/g, '').replace(/(?!^)\+/g, '');
  if (!/\d/.test(digits)) return null;
  const entry: PhoneEntry = { uri: `tel:${digits}` };
  if (entry.uri.length > ENTRY_POINT_LIMITS.uri) return null;
  if (fits(dial.pin)) entry.pin = dial.pin;
  const region = dial.regionCode?.toUpperCase();
  if (region && CLDR_REGION.test(region)) entry.regionCode = region;
  if (dial.charge) entry.charge = dial.charge;
  return entry;
}

/** The entry points Calendar shows for `conference`. */
export function conferenceEntries(conference: VendorConference): ConferenceEntries {
  const video: ConferenceEntries['video'] = { uri: conference.joinUrl };
  if (fits(conference.passcode)) video.passcode = conference.passcode;
  const seen = new Set<string>();
  const phones: PhoneEntry[] = [];
  for (const dial of conference.dialIn ?? []) {
    const entry = phoneEntry(dial);
    if (!entry || seen.has(entry.uri) || phones.length >= MAX_PHONE_ENTRY_POINTS) continue;
    seen.add(entry.uri);
    phones.push(entry);
  }
  const entries: ConferenceEntries = { video, phones };
  const more = conference.dialInListUrl;
  if (more && HTTP_URI.test(more) && more.length <= ENTRY_POINT_LIMITS.uri) entries.moreUri = more;
  return entries;
}

/** Whether the event's conference data already shows `entries` (link, passcode, numbers and PINs, MORE). */
export function showsEntries(cd: ConferenceDataResource, entries: ConferenceEntries): boolean {
  const shown = (cd.entryPoints ?? []).map((e) =>
    [e.entryPointType, e.uri, e.passcode ?? e.pin ?? ''].join(' '),
  );
  const wanted = [
    ['video', entries.video.uri, entries.video.passcode ?? ''],
    ...entries.phones.map((p) => ['phone', p.uri, p.pin ?? '']),
    ...(entries.moreUri ? [['more', entries.moreUri, '']] : []),
  ].map((parts) => parts.join(' '));
  return shown.length === wanted.length && wanted.every((w) => shown.includes(w));
}
