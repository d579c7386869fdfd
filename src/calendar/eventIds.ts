/**
 * Google's event-id forms, parsed here only. Calendar gives a series split with "this and
 * following" a new series whose id is `<id>_R<start>` (observed form; not documented as a
 * contract), and each occurrence of a series an instance id `<seriesId>_<start>` (the Events
 * resource documents `recurringEventId` for instances; the id shape is observed).
 */

/** `<id>_R<start>` -> `<id>`: the series this one was split from, if the id has that form. */
export function splitParentOf(eventId: string): string | undefined {
  const at = eventId.lastIndexOf('_R');
  return at > 0 ? eventId.slice(0, at) : undefined;
}

/** `<seriesId>_<start>` -> `<seriesId>`: the series an instance id belongs to, if it has that form. */
export function instanceParentOf(eventId: string): string | undefined {
  const at = eventId.lastIndexOf('_');
  return at > 0 ? eventId.slice(0, at) : undefined;
}

/** The series every split started from: `<id>_R<s1>_R<s2>` -> `<id>` (an event id has no `_R`). */
function firstSeriesOf(eventId: string): string {
  const at = eventId.indexOf('_R');
  return at > 0 ? eventId.slice(0, at) : eventId;
}

/**
 * The same event, or two parts of one series split with "this and following", however often: a part
 * split again (`<id>_R<s1>_R<s2>`) is still the meeting, also once the part between went (soak seed
 * 316071).
 */
export function sameSeriesOrEvent(a: string, b: string): boolean {
  return a === b || firstSeriesOf(a) === firstSeriesOf(b);
}
