import fc from 'fast-check';

/**
 * The operations of a randomized sequence. Event and series references are abstract indices,
 * resolved when the op runs against whatever exists then (so every op list is valid and shrinks
 * cleanly): `ev: 7` means "the 7th (mod n) live event we created".
 */

export const CALENDARS = ['user@example.com', 'team@example.com', 'room@example.com'] as const;
export const SOLUTIONS = ['acme-web', 'acme-recorded'] as const;
/** Mixed case, padding and duplicates on purpose: the vendor must get sorted lower-case emails. */
export const PEOPLE = [
  'Ann@Example.com',
  'bob@example.com',
  ' carol@example.com',
  'ann@example.com',
  'Dave@Example.ORG',
] as const;
export const RECURRENCES = [
  null,
  ['RRULE:FREQ=WEEKLY;COUNT=5'],
  ['RRULE:FREQ=DAILY;COUNT=8'],
  ['RRULE:FREQ=WEEKLY'],
] as const;

export type CreateFlow =
  /** New event: pick our conference in the editor, then save (onCreate runs before the event exists). */
  | 'new'
  /** Save the event first, then add our conference to it. */
  | 'existing'
  /** Pick the conference and leave the editor open; a later `savePending` may save it. */
  | 'pending'
  /** Pick the conference, then close the editor without saving. */
  | 'discard';

export type EditKind = 'title' | 'move' | 'invite' | 'uninvite' | 'description' | 'recurrence' | 'allDay';
export type VendorFault = 'down' | 'http500' | 'http429';

export type Op =
  | {
      t: 'create';
      cal: number;
      sol: number;
      flow: CreateFlow;
      rec: number;
      day: number;
      hour: number;
      people: number[];
    }
  | { t: 'savePending'; i: number }
  /** An event that is not ours: no conference, or a Google Meet one. */
  | { t: 'foreign'; cal: number; meet: boolean; day: number; hour: number }
  | { t: 'edit'; ev: number; kind: EditKind; v: number }
  | { t: 'delete'; ev: number }
  | { t: 'removeConference'; ev: number }
  | { t: 'switchToMeet'; ev: number }
  /** Add our conference to an existing event (perhaps one that had ours or Meet before). */
  | { t: 'addConference'; ev: number; sol: number }
  | { t: 'cancelOccurrence'; ev: number; k: number }
  | { t: 'editOccurrence'; ev: number; k: number; move: boolean }
  | { t: 'invalidateTokens'; cal: number }
  /** Cancelled tombstones disappear: older tokens then get 410 too. */
  | { t: 'purgeDeleted'; cal: number }
  | { t: 'fault'; mode: VendorFault; count: number | null; retryAfter: number }
  | { t: 'faultsOff' }
  /** Deliver pending calendar triggers; `cut`: the first run is stopped after that many service calls. */
  | { t: 'deliver'; cut: number | null }
  /** Another run takes the user lock (held until `release`, or the end of the sequence). */
  | { t: 'hold' }
  | { t: 'release' }
  | { t: 'advance'; minutes: number; cut: number | null }
  // What users do beyond editing (issue 13); each modelled by the emulator from Google's pages.
  /** Move an event to another calendar (the editor's calendar drop-down, or Events.move). */
  | { t: 'moveTo'; ev: number; cal: number }
  /** "Duplicate" (same calendar) or "Copy to" another calendar. */
  | { t: 'duplicate'; ev: number; cal: number; same: boolean }
  /** "This and following events" from the k-th occurrence (k >= 1), optionally retitled. */
  | { t: 'split'; ev: number; k: number; retitle: boolean }
  /** Restore the i-th event deleted so far from the calendar's trash. */
  | { t: 'restore'; i: number }
  /** The user loses access to a calendar (404) / gets it back. */
  | { t: 'revoke'; cal: number }
  | { t: 'grant'; cal: number }
  /** A colleague invites one of the user's calendars to one of the user's meetings (a guest's copy). */
  | { t: 'invite'; ev: number; cal: number; remove: boolean }
  // Issue 16's mix (MODEL_MIX=1 in npm test, and the soak): what issue 13's ops held back.
  /**
   * "Duplicate" (same calendar) or "Copy to" any calendar of the user, whether the add-on watches it
   * or not; nothing runs right after (unlike `duplicate`, which copies only into watched calendars and
   * delivers their trigger at once).
   */
  | { t: 'copyTo'; ev: number; cal: number; same: boolean }
  /** Only this calendar's pending trigger fires (optionally cut off); the other calendars' wait. */
  | { t: 'deliverOne'; cal: number; cut: number | null }
  /**
   * A conference picked for a draft that goes away before any run saw it (saved then deleted, or the
   * editor closed unsaved), then a trigger delivery and an hour passing per entry of `cuts`, each run
   * cut off after that many service calls (null: not cut off).
   */
  | { t: 'draft'; cal: number; sol: number; saved: boolean; cuts: Array<number | null> };

const idx = fc.nat({ max: 63 });
const cut = fc.option(fc.nat({ max: 40 }), { freq: 3 });

export const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      t: fc.constant('create' as const),
      cal: fc.nat({ max: CALENDARS.length - 1 }),
      sol: fc.nat({ max: SOLUTIONS.length - 1 }),
      flow: fc.constantFrom<CreateFlow>('new', 'new', 'existing', 'pending', 'discard'),
      rec: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, fc.nat({ max: RECURRENCES.length - 1 })),
      day: fc.integer({ min: 5, max: 20 }),
      hour: fc.integer({ min: 7, max: 18 }),
      people: fc.array(fc.nat({ max: PEOPLE.length - 1 }), { maxLength: 3 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('savePending' as const), i: idx }) },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('foreign' as const),
      cal: fc.nat({ max: CALENDARS.length - 1 }),
      meet: fc.boolean(),
      day: fc.integer({ min: 5, max: 20 }),
      hour: fc.integer({ min: 7, max: 18 }),
    }),
  },
  {
    weight: 8,
    arbitrary: fc.record({
      t: fc.constant('edit' as const),
      ev: idx,
      kind: fc.constantFrom<EditKind>(
        'title',
        'move',
        'invite',
        'uninvite',
        'description',
        'description',
        'recurrence',
        'allDay',
      ),
      v: fc.nat({ max: 99 }),
    }),
  },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('delete' as const), ev: idx }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('removeConference' as const), ev: idx }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('switchToMeet' as const), ev: idx }) },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('addConference' as const),
      ev: idx,
      sol: fc.nat({ max: SOLUTIONS.length - 1 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ t: fc.constant('cancelOccurrence' as const), ev: idx, k: fc.nat({ max: 4 }) }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant('editOccurrence' as const),
      ev: idx,
      k: fc.nat({ max: 4 }),
      move: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('invalidateTokens' as const),
      cal: fc.nat({ max: CALENDARS.length - 1 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('purgeDeleted' as const),
      cal: fc.nat({ max: CALENDARS.length - 1 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant('fault' as const),
      mode: fc.constantFrom<VendorFault>('down', 'http500', 'http429'),
      count: fc.option(fc.integer({ min: 1, max: 12 }), { freq: 4 }),
      retryAfter: fc.constantFrom(1, 5, 30, 120),
    }),
  },
  { weight: 2, arbitrary: fc.constant({ t: 'faultsOff' as const }) },
  { weight: 10, arbitrary: fc.record({ t: fc.constant('deliver' as const), cut }) },
  { weight: 1, arbitrary: fc.constant({ t: 'hold' as const }) },
  { weight: 1, arbitrary: fc.constant({ t: 'release' as const }) },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant('advance' as const),
      minutes: fc.constantFrom(1, 5, 30, 61, 120),
      cut,
    }),
  },
);

const calArb = fc.nat({ max: CALENDARS.length - 1 });
/** Only secondary calendars can be lost (the primary calendar always exists). */
const secondaryArb = fc.integer({ min: 1, max: CALENDARS.length - 1 });

// The user operations both lists below draw on (one definition each; the weights differ).
const moveToArb = fc.record({ t: fc.constant('moveTo' as const), ev: idx, cal: calArb });
const splitArb = fc.record({
  t: fc.constant('split' as const),
  ev: idx,
  k: fc.integer({ min: 1, max: 4 }),
  retitle: fc.boolean(),
});
const restoreArb = fc.record({ t: fc.constant('restore' as const), i: idx });
const revokeArb = fc.record({ t: fc.constant('revoke' as const), cal: secondaryArb });
const grantArb = fc.record({ t: fc.constant('grant' as const), cal: secondaryArb });
const inviteArb = fc.record({
  t: fc.constant('invite' as const),
  ev: idx,
  cal: calArb,
  remove: fc.boolean(),
});

export const userOperationArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 2, arbitrary: moveToArb },
  {
    weight: 2,
    arbitrary: fc.record({ t: fc.constant('duplicate' as const), ev: idx, cal: calArb, same: fc.boolean() }),
  },
  { weight: 2, arbitrary: splitArb },
  { weight: 2, arbitrary: restoreArb },
  { weight: 1, arbitrary: revokeArb },
  { weight: 1, arbitrary: grantArb },
  { weight: 1, arbitrary: inviteArb },
);

/**
 * Issue 16's mix: copies into any calendar (watched or not) with nothing run right after, another
 * calendar's trigger firing first, drafts gone before any run saw them, and more restores, moves and
 * splits, among the same edits and failures (outages, cut-off runs, 410s, locked runs).
 */
export const mixOperationArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: moveToArb },
  {
    weight: 4,
    arbitrary: fc.record({
      t: fc.constant('copyTo' as const),
      ev: idx,
      cal: calArb,
      same: fc.constantFrom(false, false, false, true),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({ t: fc.constant('deliverOne' as const), cal: calArb, cut }),
  },
  { weight: 2, arbitrary: splitArb },
  { weight: 3, arbitrary: restoreArb },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('delete' as const), ev: idx }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('removeConference' as const), ev: idx }) },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('draft' as const),
      cal: calArb,
      sol: fc.nat({ max: SOLUTIONS.length - 1 }),
      saved: fc.boolean(),
      cuts: fc.array(fc.option(fc.nat({ max: 40 }), { freq: 2 }), { maxLength: 3 }),
    }),
  },
  { weight: 1, arbitrary: revokeArb },
  { weight: 1, arbitrary: grantArb },
  { weight: 1, arbitrary: inviteArb },
);

/** Issue 16's sequences: edits and failures, and one op in three from the mix above. */
export const mixOpsArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 2, arbitrary: opArb },
  { weight: 1, arbitrary: mixOperationArb },
);

export const mixSequenceArb = (maxLength: number): fc.Arbitrary<Op[]> =>
  fc.array(mixOpsArb, { minLength: 1, maxLength, size: 'max' });

/** Editing ops and user operations, about one in five a user operation. */
export const allOpsArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: opArb },
  { weight: 1, arbitrary: userOperationArb },
);

export const sequenceArb = (maxLength: number): fc.Arbitrary<Op[]> =>
  fc.array(allOpsArb, { minLength: 1, maxLength, size: 'max' });

/** One op per line, for failure reports and replays. */
export function formatOps(ops: readonly Op[]): string {
  return ops.map((op, i) => `${String(i).padStart(3)} ${JSON.stringify(op)}`).join('\n');
}
