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

/** The same event, or two parts of one series split with "this and following". */
export function sameSeriesOrEvent(a: string, b: string): boolean {
  return a === b || splitParentOf(b) === a || splitParentOf(a) === b;
}
