/**
 * Does the vendor hold what the event says? Pure. The event's fields go through the adapter's
 * `heldView` first (what this vendor can hold of them), so a vendor's own rounding never reads as a
 * change made at the vendor; what is left is compared by meaning: instants, not strings; guests as
 * a set of lower-case addresses.
 */
import { instantOf, type SyncedFields, syncedFieldsHash } from '../calendar/syncedFields';
import type { EventDateTime } from '../calendar/types';
import { hash53 } from '../util/hash';
import type { ReadOutcome, VendorPort } from '../vendor/port';

/** What a user would call different: the four things the vendor keeps for a meeting. */
export type SyncedAspect = 'title' | 'time' | 'guests' | 'recurrence';

function sameTime(a: EventDateTime | null, b: EventDateTime | null): boolean {
  if (!a || !b) return !a && !b;
  // An all-day day and a timed instant are different even when they start at the same midnight.
  return !!a.date === !!b.date && instantOf(a) === instantOf(b);
}

function guests(list: readonly string[]): string {
  return [...new Set(list.map((e) => e.trim().toLowerCase()).filter((e) => e !== ''))].sort().join('\n');
}

function rules(list: readonly string[]): string {
  return list
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join('\n');
}

/** The aspects in which `held` (a read of the vendor) differs from `expected` (the event, as held). */
export function differences(expected: SyncedFields, held: SyncedFields): SyncedAspect[] {
  const out: SyncedAspect[] = [];
  // An event without a title sends none: whatever the vendor shows then is its own default.
  if (expected.title !== null && expected.title !== held.title) out.push('title');
  if (!sameTime(expected.start, held.start) || !sameTime(expected.end, held.end)) out.push('time');
  if (guests(expected.attendees) !== guests(held.attendees)) out.push('guests');
  if (rules(expected.recurrence) !== rules(held.recurrence)) out.push('recurrence');
  return out;
}

/** What the vendor would hold had it been sent the event's fields. */
export function expectedAtVendor(vendor: Pick<VendorPort, 'heldView'>, fields: SyncedFields): SyncedFields {
  return vendor.heldView ? vendor.heldView(fields) : fields;
}

/**
 * A short fingerprint of what the vendor holds, by meaning (the same normal form `differences`
 * compares): a later read with the same fingerprint holds the same meeting, and needs no event read.
 */
export function heldFingerprint(held: SyncedFields): string {
  const at = (t: EventDateTime | null) => (t ? `${t.date ? 'd' : 't'}${instantOf(t)}` : '-');
  return hash53(
    [held.title ?? '', at(held.start), at(held.end), guests(held.attendees), rules(held.recurrence)].join(
      '\u0001',
    ),
  );
}

/**
 * The fingerprint a read is compared with: the last check's, or, for a vendor that holds exactly what
 * it is sent (no `heldView`), the read's own when it holds what the sync last sent (`sentHash`). So a
 * conference the sync updated since the last check needs no event read to be found in step.
 */
export function knownFingerprint(
  vendor: Pick<VendorPort, 'heldView'>,
  read: ReadOutcome | undefined,
  sentHash: string | undefined,
  lastCheck: string | undefined,
): string | undefined {
  if (vendor.heldView || !sentHash || read?.kind !== 'applied') return lastCheck;
  const { title, start, end, attendees, recurrence } = read.value;
  const asSent = syncedFieldsHash({ title, start, end, attendees, recurrence }) === sentHash;
  return asSent ? heldFingerprint(read.value) : lastCheck;
}
