/**
 * What the audit does about one read, with Calendar as the source of truth. Pure: the vendor's
 * answer, the event (when it had to be read) and the vendor's view of the event's fields in; a typed
 * intent out. Nothing here deletes anything: a conference the vendor lost is replaced, never removed
 * from the event, and a vendor that refuses this user changes nothing.
 */
import { type SyncedFields, syncedFieldsOf } from '../calendar/syncedFields';
import type { CalendarEvent } from '../calendar/types';
import type { ReadOutcome, VendorSnapshot } from '../vendor/port';
import { differences, heldFingerprint, type SyncedAspect } from './compare';

export type RepairIntent =
  /** The vendor holds what the event says: remember when, and what it held. */
  | { kind: 'in-step'; fingerprint: string }
  /** The vendor holds other values: send the event's again (a PATCH). */
  | { kind: 'resend'; fields: SyncedFields; aspects: SyncedAspect[] }
  /** The vendor no longer has the conference the event carries: make a new one and put it on the event. */
  | { kind: 'recreate'; fields: SyncedFields }
  /** The vendor will not let this user see it (401 / 403): nothing is changed, the cards say why. */
  | { kind: 'blocked'; reason: 'unauthorized' | 'forbidden' }
  /** No usable answer (down, rate limited, a garbled body): ask again at a later run. */
  | { kind: 'ask-later' }
  /** The event no longer carries this conference (deleted, changed, moved): the sync's business. */
  | { kind: 'not-carried' };

/** The answer alone, before any event read: blocked, ask later, or whether the event is needed. */
export function triage(
  read: ReadOutcome | undefined,
  knownFingerprint: string | undefined,
): RepairIntent | 'read-event' {
  if (!read) return { kind: 'ask-later' };
  switch (read.kind) {
    case 'applied':
      return heldFingerprint(read.value) === knownFingerprint
        ? { kind: 'in-step', fingerprint: knownFingerprint }
        : 'read-event';
    case 'already-gone':
      return 'read-event';
    case 'unauthorized':
      return { kind: 'blocked', reason: 'unauthorized' };
    case 'refused':
      return read.reason === 'forbidden' ? { kind: 'blocked', reason: 'forbidden' } : { kind: 'ask-later' };
    default:
      return { kind: 'ask-later' };
  }
}

/** `expected`: the adapter's view of an event's fields (what the vendor would hold had it been sent them). */
export function decideRepair(
  read: ReadOutcome,
  conferenceId: string,
  event: CalendarEvent | undefined,
  expected: (fields: SyncedFields) => SyncedFields,
): RepairIntent {
  const carried =
    !!event && event.status !== 'cancelled' && event.conferenceData?.conferenceId === conferenceId;
  if (!carried) return { kind: 'not-carried' };
  const fields = syncedFieldsOf(event);
  if (read.kind === 'already-gone') return { kind: 'recreate', fields };
  if (read.kind !== 'applied') return { kind: 'ask-later' };
  const held: VendorSnapshot = read.value;
  const aspects = differences(expected(fields), held);
  return aspects.length === 0
    ? { kind: 'in-step', fingerprint: heldFingerprint(held) }
    : { kind: 'resend', fields, aspects };
}

/** More missing than this in one run, and most of what was read: hold every re-create. */
export const MASS_MISSING = 10;

/**
 * A vendor that suddenly has none of the meetings (a wrong base URL, a restore gone wrong on its
 * side) would make the audit re-create everything: when at least MASS_MISSING conferences and most of
 * those read in one run are missing, nothing is re-created and the cards say so.
 */
export function tooManyMissing(intents: readonly RepairIntent[]): boolean {
  const missing = intents.filter((i) => i.kind === 'recreate').length;
  const answered = intents.filter(
    (i) => i.kind === 'recreate' || i.kind === 'in-step' || i.kind === 'resend',
  );
  return missing >= MASS_MISSING && missing * 2 > answered.length;
}
