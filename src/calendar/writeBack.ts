import { conferenceEntries } from '../meeting/entryPoints';
import type { CalendarApi } from '../platform/ports';
import type { VendorConference } from '../vendor/port';
import { calendarErrorKind, errorMessage } from './apiErrors';
import type { CalendarEvent, ConferenceDataResource, EntryPoint } from './types';

/** What became of a conditional write of conference data onto an event. */
export type WriteBackResult =
  | { kind: 'written' }
  /** The event already shows this conference: nothing to write. */
  | { kind: 'unchanged' }
  /** The event no longer carries the conference we meant to replace (the user changed it meanwhile). */
  | { kind: 'not-carried' }
  /** Calendar asked us to slow down: try again in a later run. */
  | { kind: 'retry-later'; detail: string }
  /** Calendar refused the write (Google does not document writing an add-on's conference data). */
  | { kind: 'refused'; detail: string };

function entryPointsOf(conference: VendorConference, previous: EntryPoint[]): EntryPoint[] {
  const { video, phones, moreUri } = conferenceEntries(conference);
  const videoPoint: EntryPoint = { ...(previous.find((e) => e.entryPointType === 'video') ?? {}) };
  videoPoint.entryPointType = 'video';
  videoPoint.uri = video.uri;
  if (video.passcode) videoPoint.passcode = video.passcode;
  else delete videoPoint.passcode;
  const points = [videoPoint];
  for (const phone of phones) {
    points.push({
      entryPointType: 'phone',
      uri: phone.uri,
      ...(phone.pin ? { pin: phone.pin } : {}),
      ...(phone.regionCode ? { regionCode: phone.regionCode } : {}),
      ...(phone.charge ? { entryPointFeatures: [phone.charge === 'toll' ? 'toll' : 'toll_free'] } : {}),
    });
  }
  if (moreUri) points.push({ entryPointType: 'more', uri: moreUri });
  return points;
}

/** The event's conference data pointing at `conference` (solution, parameters and notes kept). */
function conferenceDataFor(
  current: ConferenceDataResource,
  conference: VendorConference,
): ConferenceDataResource {
  const { conferenceSolution, parameters, notes } = current;
  return {
    conferenceId: conference.id,
    ...(conferenceSolution ? { conferenceSolution } : {}),
    entryPoints: entryPointsOf(conference, current.entryPoints ?? []),
    ...(parameters ? { parameters } : {}),
    ...(notes ? { notes } : {}),
  };
}

function showsConference(cd: ConferenceDataResource, conference: VendorConference): boolean {
  const video = cd.entryPoints?.find((e) => e.entryPointType === 'video');
  return cd.conferenceId === conference.id && video?.uri === conference.joinUrl;
}

/**
 * Puts `conference` on the event in place of `expectedConferenceId`: `Events.patch` with
 * `conferenceDataVersion: 1` and `If-Match: <etag>`, so a concurrent edit by the user is never
 * overwritten; on 412 the event is read again and the write tried once more.
 */
export function writeConference(
  calendar: CalendarApi,
  calendarId: string,
  event: CalendarEvent,
  expectedConferenceId: string,
  conference: VendorConference,
): WriteBackResult {
  let current = event;
  for (let attempt = 0; ; attempt++) {
    const cd = current.conferenceData;
    if (!cd || !current.id) return { kind: 'not-carried' };
    if (showsConference(cd, conference)) return { kind: 'unchanged' };
    if (cd.conferenceId !== expectedConferenceId) return { kind: 'not-carried' };
    try {
      calendar.patch(
        { conferenceData: conferenceDataFor(cd, conference) },
        calendarId,
        current.id,
        { conferenceDataVersion: 1 },
        { 'If-Match': current.etag ?? '*' },
      );
      return { kind: 'written' };
    } catch (error) {
      const kind = calendarErrorKind(error);
      if (kind === 'rate-limited' || kind === 'backend-error')
        return { kind: 'retry-later', detail: errorMessage(error) };
      if (kind !== 'precondition-failed' || attempt > 0)
        return { kind: 'refused', detail: errorMessage(error) };
    }
    try {
      current = calendar.get(calendarId, current.id);
    } catch (error) {
      return calendarErrorKind(error) === 'not-found'
        ? { kind: 'not-carried' }
        : { kind: 'retry-later', detail: errorMessage(error) };
    }
  }
}
