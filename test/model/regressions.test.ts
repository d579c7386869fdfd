import issue16Seeds from './issue16Seeds.json';
import type { Op } from './ops';
import { runSequence, SequenceRunner } from './runner';
import type { ModelSwitches } from './world';

/**
 * The shrunk counterexamples the model-based test found, replayed exactly (each was a bug fixed in
 * src/; the commit named here explains it). They must keep converging.
 */
const create = (cal: number, flow: 'new' | 'pending' | 'discard' | 'existing' = 'new'): Op => ({
  t: 'create',
  cal,
  sol: 0,
  flow,
  rec: 0,
  day: 5,
  hour: 7,
  people: [],
});

const cases: Array<[string, Op[], number]> = [
  [
    'conference of a never-saved event is deleted after the grace period (runSync nextDue)',
    [create(0, 'discard')],
    1,
  ],
  [
    'never-saved event on a calendar that already has a token (onCreate schedules the grace check)',
    [create(1), { t: 'deliver', cut: null }, create(1, 'pending'), { t: 'deliver', cut: null }],
    1,
  ],
  [
    'adding our solution again to a saved event: a replayed create still gets the fields PATCHed',
    [create(2), create(2), { t: 'addConference', ev: 31, sol: 0 }, create(0)],
    1,
  ],
  [
    'removing our conference, syncing, then adding it again gives a live conference',
    [
      create(0),
      { t: 'deliver', cut: null },
      { t: 'removeConference', ev: 0 },
      { t: 'deliver', cut: null },
      { t: 'addConference', ev: 0, sol: 0 },
    ],
    1,
  ],
  [
    'a run stopped after deleting the retry trigger but before saving does not leave a stale g:retry',
    [create(0), { t: 'deliver', cut: 9 }, create(0), { t: 'removeConference', ev: 7 }],
    711,
  ],
  [
    'remove ours while the vendor is down (DELETE queued), add it again: the queued DELETE is void',
    [
      { t: 'foreign', cal: 0, meet: false, day: 5, hour: 7 },
      { t: 'addConference', ev: 0, sol: 0 },
      { t: 'create', cal: 1, sol: 1, flow: 'existing', rec: 0, day: 5, hour: 7, people: [] },
      { t: 'fault', mode: 'down', count: 6, retryAfter: 1 },
      { t: 'deliver', cut: null },
      { t: 'switchToMeet', ev: 0 },
      { t: 'removeConference', ev: 7 },
      { t: 'deliver', cut: null },
      { t: 'addConference', ev: 21, sol: 1 },
      create(0),
    ],
    1276,
  ],
  [
    'a copy made while another run held the lock, moved on to an unwatched calendar, then the original switched to Meet: no dead link (soak seed 1199)',
    [
      { t: 'hold' },
      create(0),
      { t: 'duplicate', ev: 0, cal: 0, same: false },
      { t: 'moveTo', ev: 21, cal: 1 },
      { t: 'switchToMeet', ev: 0 },
    ],
    1199,
  ],
  [
    'a copy made while another run held the lock and moved on to an unwatched calendar gets its own conference (soak seed 4733)',
    [
      { t: 'hold' },
      create(0),
      create(0),
      { t: 'duplicate', ev: 0, cal: 0, same: false },
      { t: 'moveTo', ev: 44, cal: 1 },
      { t: 'duplicate', ev: 0, cal: 0, same: false },
    ],
    4733,
  ],
];

describe('model-based test: shrunk counterexamples of fixed bugs', () => {
  it.each(cases)('%s', (_name, ops, seed) => {
    expect(runSequence(ops, seed).violations).toEqual([]);
  });
});

/**
 * A run stopped before it records anything (here at its first service call) leaves no trace and no
 * trigger; the hourly safety-net trigger picks its work up without any further calendar change.
 */
describe('recovery from a run cut off before it recorded anything', () => {
  it('a calendar-trigger run stopped at its first call: the safety net delivers it', () => {
    const ops: Op[] = [
      create(0),
      { t: 'deliver', cut: null },
      { t: 'delete', ev: 0 },
      { t: 'deliver', cut: 0 },
    ];
    expect(runSequence(ops, 306).violations).toEqual([]);
  });
  it('a retry run stopped at its first call: the safety net drains the queue', () => {
    const ops: Op[] = [
      create(0),
      { t: 'fault', mode: 'down', count: null, retryAfter: 1 },
      { t: 'deliver', cut: null },
      { t: 'advance', minutes: 1, cut: 0 },
    ];
    expect(runSequence(ops, 1).violations).toEqual([]);
  });
  it('the same sequences converge after the next calendar change', () => {
    expect(
      runSequence(
        [create(0), { t: 'deliver', cut: null }, { t: 'delete', ev: 0 }, { t: 'deliver', cut: 0 }],
        306,
      ).violations,
    ).toEqual([]);
    expect(
      runSequence(
        [
          create(0),
          { t: 'fault', mode: 'down', count: null, retryAfter: 1 },
          { t: 'deliver', cut: null },
          { t: 'advance', minutes: 1, cut: 0 },
        ],
        1,
      ).violations,
    ).toEqual([]);
  });
});

/**
 * Once a known limit (soak seed 4156): a meeting deleted (its conference deleted), its calendar's
 * sync token invalidated, then restored from the trash and moved to another calendar, all before
 * any run saw the restore. The full sync after the 410 lists neither the restored event nor its
 * moved-away cancelled entry. Fixed by watching every calendar the user can edit: the calendar it
 * moved to lists it, live, carrying the deleted conference, which it gets back.
 */
describe('once a known limit', () => {
  it('restored from the trash and moved to another calendar across a 410 (soak seed 4156)', () => {
    const ops: Op[] = [
      create(2),
      { t: 'delete', ev: 0 },
      { t: 'deliver', cut: null },
      { t: 'invalidateTokens', cal: 2 },
      { t: 'restore', i: 0 },
      { t: 'moveTo', ev: 0, cal: 0 },
      { t: 'deliver', cut: null },
    ];
    expect(runSequence(ops, 4156).violations).toEqual([]);
  });
});

/**
 * Issue 16's mix (test/model/README.md, "Issue 16's mix"): the shapes it found on the add-on before
 * the lifecycle rewrite, each cut down by hand to a few ops; they failed for several world seeds then.
 * Fixed by one owner for a conference's life: deletes only through the delete gate (which lists every
 * calendar the user can edit first), every editable calendar watched, restores that revive a queued
 * delete or get the conference back from the vendor.
 */
describe("issue 16's shapes (regressions)", () => {
  const shapes: Array<[string, Op[]]> = [
    [
      "case 1: a DELETE queued during an outage is sent from another calendar's trigger after the meeting was restored",
      [
        create(0),
        { t: 'deliver', cut: null },
        create(1),
        { t: 'deliver', cut: null },
        { t: 'fault', mode: 'down', count: null, retryAfter: 1 },
        { t: 'delete', ev: 0 },
        { t: 'deliver', cut: null },
        { t: 'restore', i: 0 },
        { t: 'faultsOff' },
        { t: 'edit', ev: 1, kind: 'title', v: 1 },
        { t: 'deliverOne', cal: 1, cut: null },
      ],
    ],
    [
      'case 2: a copy in the primary calendar (no trigger: the first conference was made in the team calendar) keeps the conference the original loses',
      [
        create(1),
        { t: 'deliver', cut: null },
        { t: 'copyTo', ev: 0, cal: 0, same: false },
        { t: 'removeConference', ev: 0 },
        { t: 'deliver', cut: null },
      ],
    ],
    [
      'case 2: the original of a copy in an unwatched calendar is deleted',
      [create(0), { t: 'copyTo', ev: 0, cal: 1, same: false }, { t: 'delete', ev: 0 }],
    ],
    [
      "case 3: a copy moved into a watched calendar whose changes were not listed yet; the original's calendar runs first",
      [
        create(0),
        create(2),
        { t: 'deliver', cut: null },
        { t: 'copyTo', ev: 0, cal: 1, same: false },
        { t: 'moveTo', ev: 2, cal: 2 },
        { t: 'removeConference', ev: 0 },
        { t: 'deliverOne', cal: 0, cut: null },
      ],
    ],
    [
      'soak seed 500018: a draft deleted and restored, copied, moved and copied again: the restored meeting gets its conference back, each copy its own',
      [
        { t: 'draft', cal: 0, sol: 0, saved: true, cuts: [null] },
        { t: 'restore', i: 0 },
        { t: 'copyTo', ev: 0, cal: 0, same: false },
        { t: 'moveTo', ev: 0, cal: 1 },
        { t: 'copyTo', ev: 0, cal: 0, same: false },
        { t: 'removeConference', ev: 56 },
      ] as Op[],
    ],
    [
      'soak seed 969: a DELETE sent by a cut-off run, then the meeting restored: the vendor gives the conference back',
      [
        { t: 'create', cal: 0, sol: 0, flow: 'new', rec: 0, day: 5, hour: 7, people: [] },
        { t: 'delete', ev: 0 },
        { t: 'create', cal: 0, sol: 0, flow: 'new', rec: 0, day: 5, hour: 7, people: [] },
        { t: 'deliver', cut: 12 },
        { t: 'restore', i: 0 },
        { t: 'delete', ev: 7 },
      ] as Op[],
    ],
    [
      'soak seed 2131: a conference replaced on the event, a DELETE lost with a cut-off run, a restore: the audit gets it back',
      [
        { t: 'create', cal: 0, sol: 1, flow: 'new', rec: 0, day: 5, hour: 7, people: [] },
        { t: 'addConference', ev: 0, sol: 0 },
        { t: 'delete', ev: 0 },
        { t: 'deliver', cut: 14 },
        { t: 'foreign', cal: 0, meet: false, day: 5, hour: 7 },
        { t: 'restore', i: 0 },
        { t: 'edit', ev: 3, kind: 'title', v: 0 },
      ] as Op[],
    ],
    [
      'soak seed 5422: a copy of a copy after the original was deleted gets its own conference, not the original one',
      [
        { t: 'create', cal: 0, sol: 0, flow: 'new', rec: 0, day: 5, hour: 7, people: [] },
        { t: 'copyTo', ev: 0, cal: 0, same: false },
        { t: 'delete', ev: 0 },
        { t: 'copyTo', ev: 0, cal: 1, same: false },
        { t: 'invalidateTokens', cal: 1 },
      ] as Op[],
    ],
    [
      'item 5: a copy in a calendar the add-on does not watch never gets its own conference',
      [create(0), { t: 'copyTo', ev: 0, cal: 1, same: false }, { t: 'deliver', cut: null }],
    ],
  ];
  for (const [name, ops] of shapes)
    it(name, () => {
      for (const seed of [1, 2, 3]) expect(runSequence(ops, seed).violations).toEqual([]);
    });
});

/**
 * Issue 16's rarer shapes, found by `npm run soak` (20,000 sequences, seeds 1..20000) and not yet cut
 * down by hand: each soak sequence replayed exactly (ops in issue16Seeds.json). They failed before the
 * lifecycle rewrite; they pass since.
 */
describe("issue 16's rarer shapes, soak sequences replayed (regressions)", () => {
  for (const { seed, name, ops } of issue16Seeds as Array<{ seed: number; name: string; ops: Op[] }>)
    it(`${name} (soak seed ${seed})`, () => {
      expect(runSequence(ops, seed).violations).toEqual([]);
    });
});

/**
 * The last four soak failures (seeds 16056, 19446, 10433, 11005), and the ones the soak found after
 * fixing those (26, 1052, 4686, 15528, and in seeds 20001..40000: 32647, 39146), shrunk by fast-check, with the world seed and emulator
 * switches they failed under. Each names the fix.
 */
describe("issue 16's last soak seeds, shrunk (regressions)", () => {
  const draftSavedThenDeleted: Op = { t: 'draft', cal: 0, sol: 0, saved: true, cuts: [null] };
  const cases: Array<[string, number, ModelSwitches, Op[]]> = [
    [
      'a copy seen before the meeting it copies was ever seen saved gets its own conference (a copy confirms the draft)',
      16056,
      {},
      [
        create(0),
        { t: 'moveTo', ev: 0, cal: 1 },
        { t: 'deliverOne', cal: 0, cut: 0 },
        { t: 'copyTo', ev: 0, cal: 0, same: false },
        { t: 'delete', ev: 0 },
        { t: 'copyTo', ev: 0, cal: 1, same: false },
        { t: 'fault', mode: 'down', count: null, retryAfter: 1 },
        { t: 'deliver', cut: null },
        { t: 'addConference', ev: 0, sol: 0 },
      ],
    ],
    [
      'copies of a draft saved after onCreate get their own conferences through an outage (a copy confirms the draft)',
      19446,
      { apiWritesFireTriggers: true },
      [
        draftSavedThenDeleted,
        create(0),
        { t: 'restore', i: 0 },
        { t: 'foreign', cal: 0, meet: false, day: 5, hour: 7 },
        { t: 'copyTo', ev: 0, cal: 0, same: false },
        { t: 'copyTo', ev: 21, cal: 0, same: false },
        { t: 'removeConference', ev: 5 },
        { t: 'fault', mode: 'down', count: null, retryAfter: 1 },
        { t: 'deliver', cut: null },
        { t: 'copyTo', ev: 0, cal: 0, same: false },
      ],
    ],
    [
      "a create answered with the event's own conference (an idempotent replay) still sends the event's fields",
      10433,
      { calendarRefusesConferenceWrites: true },
      [
        { t: 'create', cal: 2, sol: 0, flow: 'new', rec: 0, day: 16, hour: 7, people: [] },
        { t: 'copyTo', ev: 0, cal: 0, same: false },
        { t: 'delete', ev: 0 },
        { t: 'deliver', cut: null },
        { t: 'revoke', cal: 1 },
        { t: 'delete', ev: 0 },
        { t: 'restore', i: 0 },
        { t: 'delete', ev: 0 },
        { t: 'deliver', cut: null },
        { t: 'restore', i: 63 },
      ],
    ],
    [
      'an undo a cut-off run never recorded: the conference, live again, is deleted once nothing carries it',
      11005,
      { calendarRefusesConferenceWrites: true },
      [
        draftSavedThenDeleted,
        { t: 'restore', i: 0 },
        { t: 'deliver', cut: 6 },
        { t: 'removeConference', ev: 0 },
        { t: 'deliverOne', cal: 0, cut: null },
      ],
    ],
    [
      'a conference never put on any event is deleted while a calendar answers 404 (neverCarried)',
      11005,
      { calendarRefusesConferenceWrites: true },
      [
        draftSavedThenDeleted,
        { t: 'restore', i: 0 },
        { t: 'revoke', cal: 1 },
        { t: 'deliver', cut: 5 },
        { t: 'delete', ev: 0 },
        { t: 'deliver', cut: null },
        { t: 'restore', i: 0 },
        { t: 'deliverOne', cal: 0, cut: null },
      ],
    ],
    [
      'an undo a cut-off run never recorded: the next create for the event reads the conference and makes no second one',
      11005,
      { calendarRefusesConferenceWrites: true },
      [
        draftSavedThenDeleted,
        { t: 'restore', i: 0 },
        { t: 'copyTo', ev: 0, cal: 0, same: false },
        { t: 'deliver', cut: 5 },
        { t: 'switchToMeet', ev: 0 },
        { t: 'deliver', cut: 10 },
        { t: 'deliverOne', cal: 0, cut: null },
      ],
    ],
    [
      'a copy confirming a draft whose event was deleted before any run saw it: the event is read, the conference goes (no orphan)',
      26,
      { apiWritesFireTriggers: true },
      [
        { t: 'hold' },
        create(1),
        { t: 'copyTo', ev: 0, cal: 0, same: false },
        { t: 'delete', ev: 0 },
        create(0),
      ],
    ],
    [
      "a copy's new conference written back by a run cut off before it recorded it: a copy of that copy still gets its own (recorded before the write)",
      15528,
      {},
      [
        { t: 'foreign', cal: 0, meet: false, day: 5, hour: 7 },
        create(0),
        { t: 'delete', ev: 0 },
        { t: 'copyTo', ev: 0, cal: 0, same: false },
        { t: 'deliverOne', cal: 0, cut: 8 },
        { t: 'copyTo', ev: 13, cal: 0, same: false },
        { t: 'invite', ev: 0, cal: 0, remove: false },
      ],
    ],
    [
      "a copy confirms a draft whose own event, in the same batch, carries another conference now: the draft's goes (no orphan)",
      4686,
      { apiWritesFireTriggers: true },
      [
        { t: 'foreign', cal: 0, meet: false, day: 5, hour: 7 },
        create(0),
        { t: 'create', cal: 0, sol: 1, flow: 'new', rec: 0, day: 5, hour: 7, people: [] },
        { t: 'copyTo', ev: 11, cal: 0, same: false },
        { t: 'copyTo', ev: 0, cal: 0, same: false },
        { t: 'addConference', ev: 47, sol: 0 },
        { t: 'edit', ev: 28, kind: 'title', v: 0 },
        { t: 'copyTo', ev: 0, cal: 0, same: false },
      ],
    ],
    [
      'two parts of a split series restored in one batch: one undo, with the fields of the part that speaks (the later one)',
      39146,
      { apiWritesFireTriggers: true },
      [
        create(0),
        { t: 'delete', ev: 0 },
        { t: 'create', cal: 0, sol: 0, flow: 'new', rec: 1, day: 5, hour: 7, people: [] },
        { t: 'split', ev: 0, k: 1, retitle: false },
        { t: 'delete', ev: 3 },
        { t: 'delete', ev: 0 },
        { t: 'restore', i: 0 },
        { t: 'deliver', cut: null },
        { t: 'restore', i: 0 },
        { t: 'restore', i: 0 },
        { t: 'moveTo', ev: 0, cal: 0 },
      ],
    ],
    [
      "Calendar refuses a restored meeting's copy its own: the copy keeps the conference given back, the meeting gets ours again (two live, each carried)",
      32647,
      { calendarRefusesConferenceWrites: true, apiWritesFireTriggers: true },
      [
        create(0),
        { t: 'delete', ev: 0 },
        { t: 'deliverOne', cal: 0, cut: null },
        { t: 'restore', i: 0 },
        { t: 'copyTo', ev: 0, cal: 0, same: false },
        { t: 'addConference', ev: 0, sol: 0 },
      ],
    ],
  ];
  for (const [name, seed, switches, ops] of cases)
    it(`${name} (soak seed ${seed})`, () => {
      expect(runSequence(ops, seed, { switches }).violations).toEqual([]);
    });
});

/**
 * Issue 22: soak seed 65339 (of seeds 60001..68000, the first the soak had not run): a draft saved and
 * deleted before any run saw it, its conference deleted, the meeting restored while the vendor is
 * down (its undo queued), then the user picks our solution on it again. The run onCreate starts
 * still sees the event carrying the old conference and sends the queued undo, while onCreate makes
 * the new one: two live conferences for one event. Fixed in the plan: the rules `ask-back` and
 * `copy-gets-own` do not apply to an event onCreate has just made another conference for.
 */
describe("issue 22's soak seeds, shrunk", () => {
  const shrunk: Op[] = [
    { t: 'draft', cal: 0, sol: 0, saved: true, cuts: [] },
    { t: 'draft', cal: 0, sol: 0, saved: false, cuts: [null, null, null] },
    { t: 'restore', i: 0 },
    { t: 'fault', mode: 'down', count: null, retryAfter: 1 },
    { t: 'draft', cal: 0, sol: 0, saved: false, cuts: [null] },
    { t: 'faultsOff' },
    { t: 'addConference', ev: 0, sol: 0 },
  ];
  it.each([
    ['as the soak found it', { calendarRefusesConferenceWrites: true, apiWritesFireTriggers: true }],
    ['without the emulator switches', {}],
  ] as Array<[string, ModelSwitches]>)(
    'a restored meeting waiting for its conference back, given ours again: no undo beside the new one, %s (soak seed 65339)',
    (_how, switches) => {
      expect(runSequence(shrunk, 65339, { switches }).violations).toEqual([]);
    },
  );
});

/**
 * Issue 22: soak seed 307918 (seeds 300001.., both kinds of vendor): a split series whose original is
 * moved to a calendar the add-on had not listed yet, the other calendar's token invalidated, and the
 * later part given a conference of its own. The full sync after the 410 found the original only in a
 * second pass of the plan, which asks for no more look-ups, so the vendor kept the later part's fields
 * (the audit's event read used to hide it, until a read holding what the sync last sent needed none).
 * Fixed: another speaker not read in the batch queues the conference's update (`speakerChanged`).
 */
describe('issue 22: a new speaker found in the second pass of the plan', () => {
  const shrunk = [
    { t: 'create', cal: 1, sol: 0, flow: 'new', rec: 1, day: 5, hour: 7, people: [] },
    { t: 'split', ev: 0, k: 1, retitle: false },
    { t: 'deliver', cut: null },
    { t: 'moveTo', ev: 0, cal: 0 },
    { t: 'invalidateTokens', cal: 1 },
    { t: 'addConference', ev: 31, sol: 0 },
    { t: 'deliverOne', cal: 0, cut: null },
    { t: 'cancelOccurrence', ev: 0, k: 0 },
  ] as unknown as Op[];
  it.each([
    [
      'as the soak found it (a vendor that cannot undo)',
      { apiWritesFireTriggers: true, vendorCannotUndo: true },
    ],
    ['with a vendor that can undo', { apiWritesFireTriggers: true }],
  ] as Array<[string, ModelSwitches]>)(
    'the vendor hears the original again, %s (soak seed 307918)',
    (_how, switches) => {
      expect(runSequence(shrunk, 307918, { switches }).violations).toEqual([]);
    },
  );
});

/**
 * Issue 22: soak seeds 316071 and 316691 (seeds 300001..): a series split, and the later part split
 * again ("this and following" twice: `<id>_R<s1>_R<s2>`), then the middle part deleted. The newest part
 * was taken for another meeting once the part between went, and the vendor kept older fields. On the
 * code before this session too. Fixed: every part of one series is the same meeting, however often it
 * was split (calendar/eventIds.ts).
 */
describe('issue 22: a series split twice', () => {
  const shrunk = [
    { t: 'create', cal: 0, sol: 0, flow: 'new', rec: 1, day: 5, hour: 7, people: [] },
    { t: 'split', ev: 0, k: 1, retitle: false },
    { t: 'split', ev: 31, k: 1, retitle: false },
    { t: 'delete', ev: 34 },
  ] as unknown as Op[];
  it('the vendor hears the newest part once the part between is deleted (soak seed 316071)', () => {
    const switches = {
      calendarRefusesConferenceWrites: true,
      apiWritesFireTriggers: true,
      vendorCannotUndo: true,
    };
    expect(runSequence(shrunk, 316071, { switches }).violations).toEqual([]);
  });
});

/**
 * Issue 22: soak seeds 409296 and 426434 (seeds 400001..440000, both kinds of vendor): a copy made in
 * the meeting's calendar while the vendor is down (its own conference waits), then moved to the team
 * calendar, and the user loses access to that calendar before a run sees the move. The run's look-up
 * for the cancelled copy finds it nowhere it can read and presumes it in the unreadable calendar
 * (never read "cannot see" as "deleted"), but it presumed it as the meeting's own event: once access
 * came back the copy was one of the meeting's carriers and shared its conference for good. Fixed in
 * the plan (`presumeCarrier`): a presumed event keeps the role it had, so the copy still gets its own
 * conference once its calendar answers again.
 */
describe('issue 22: a copy moved to a calendar the user then loses access to', () => {
  const create = { t: 'create', cal: 0, sol: 0, flow: 'new', rec: 0, day: 5, hour: 7, people: [] };
  const cases = [
    [
      'a copy, an outage, the copy moved, access lost',
      409296,
      {},
      [
        create,
        { t: 'fault', mode: 'down', count: null, retryAfter: 1 },
        { t: 'copyTo', ev: 0, cal: 0, same: false },
        { t: 'deliver', cut: null },
        { t: 'moveTo', ev: 13, cal: 1 },
        { t: 'revoke', cal: 1 },
        { t: 'deliver', cut: null },
      ],
    ],
    [
      'the same with another meeting made between, while its create fails',
      426434,
      { apiWritesFireTriggers: true },
      [
        create,
        { t: 'copyTo', ev: 0, cal: 0, same: false },
        { t: 'fault', mode: 'down', count: null, retryAfter: 1 },
        { t: 'deliver', cut: null },
        create,
        { t: 'moveTo', ev: 40, cal: 1 },
        { t: 'revoke', cal: 1 },
        { t: 'deliver', cut: null },
      ],
    ],
  ] as unknown as Array<[string, number, ModelSwitches, Op[]]>;
  for (const [name, seed, switches, ops] of cases)
    it(`the copy gets its own conference once the calendar answers: ${name} (soak seed ${seed})`, () => {
      expect(runSequence(ops, seed, { switches }).violations).toEqual([]);
    });
});

/**
 * Issue 22: soak seeds 421084 and 426772 (seeds 400001..440000, a vendor that cannot undo a delete):
 * a meeting deleted (its conference deleted at the vendor), restored, made a series (or one already)
 * and split with "this and following" before any run saw the restore. Both parts carried the deleted
 * conference; the plan asked for it back once, for the part that speaks (the later one), and counted
 * the earlier part as the meeting's own. The vendor could not undo, so a new conference was made and
 * written onto the later part only: the earlier part kept the dead join link, LOST as the meeting's
 * own event, which nothing ever asks for again. Fixed: the ask-back names the meeting's other parts
 * carrying the gone conference (read first when not listed, as when only the part waiting for its
 * retry is read again), a new conference is written onto each of them too, and an own event of a
 * LOST conference is asked for like a restored one.
 */
describe('issue 22: a restored series split before the vendor was asked (soak seeds 421084, 426772)', () => {
  const cases: Array<[string, number, Op[]]> = [
    [
      'made a series after the restore (soak seed 421084)',
      421084,
      [
        { t: 'create', cal: 0, sol: 0, flow: 'new', rec: 0, day: 5, hour: 7, people: [] },
        { t: 'delete', ev: 0 },
        { t: 'deliver', cut: null },
        { t: 'restore', i: 0 },
        { t: 'edit', ev: 0, kind: 'recurrence', v: 0 },
        { t: 'split', ev: 0, k: 1, retitle: false },
        { t: 'advance', minutes: 1, cut: null },
      ] as unknown as Op[],
    ],
    [
      'a series from the start (soak seed 426772)',
      426772,
      [
        { t: 'create', cal: 0, sol: 0, flow: 'new', rec: 1, day: 5, hour: 7, people: [] },
        { t: 'delete', ev: 0 },
        { t: 'deliver', cut: null },
        { t: 'restore', i: 0 },
        { t: 'split', ev: 0, k: 1, retitle: false },
        { t: 'hold' },
      ] as unknown as Op[],
    ],
    [
      'the vendor down when both parts were listed: only the later part is read for the retry',
      1,
      [
        { t: 'create', cal: 0, sol: 0, flow: 'new', rec: 1, day: 5, hour: 7, people: [] },
        { t: 'delete', ev: 0 },
        { t: 'deliver', cut: null },
        { t: 'restore', i: 0 },
        { t: 'split', ev: 0, k: 1, retitle: false },
        { t: 'fault', mode: 'down', count: null, retryAfter: 1 },
        { t: 'deliver', cut: null },
        { t: 'faultsOff' },
      ] as unknown as Op[],
    ],
  ];
  for (const [name, seed, ops] of cases)
    it.each([
      ['a vendor that cannot undo', { vendorCannotUndo: true }],
      ['a vendor that can undo', {}],
    ] as Array<[string, ModelSwitches]>)(`no part keeps a dead join link, ${name}, %s`, (_how, switches) => {
      expect(runSequence(ops, seed, { switches }).violations).toEqual([]);
    });
});

/**
 * A seed found with Calendar refusing our writes, replayed as found, also with a vendor that cannot
 * undo, and without either switch (seeds 318809 and 635873).
 */
const REFUSING_AND_NOT: Array<[string, ModelSwitches]> = [
  ['as the soak found it (Calendar refusing our writes)', { calendarRefusesConferenceWrites: true }],
  ['with a vendor that cannot undo', { calendarRefusesConferenceWrites: true, vendorCannotUndo: true }],
  ['without the switches', {}],
];

/**
 * Issue 22: soak seed 318809 (seeds 300001..340000, on the code before this session too), Calendar
 * refusing the add-on's conference writes, a vendor that can undo: a draft saved and deleted unseen
 * (its conference deleted by the gate), restored while the vendor is down (the undo unanswered),
 * deleted again (the event kept as a `copy` carrier of the queued DELETE, for the create its undo may
 * have led to) and restored again. That event was taken for a copy: it got a new conference, which
 * Calendar refused, and kept the one the vendor had deleted, never asked back. Fixed in decide
 * (`meetingBack`): the meeting's own event back again revives the conference, whose update answered
 * "gone" has it asked back: the same join link works again. Since carrier roles are derived from the
 * meeting's places (session 5), that event is the meeting by its id: no special case is left.
 */
describe('issue 22: a draft restored twice', () => {
  const ops = [
    { t: 'draft', cal: 0, sol: 0, saved: true, cuts: [null] },
    { t: 'restore', i: 0 },
    { t: 'fault', mode: 'down', count: null, retryAfter: 1 },
    { t: 'deliver', cut: null },
    { t: 'delete', ev: 0 },
    { t: 'deliver', cut: null },
    { t: 'restore', i: 0 },
    { t: 'cancelOccurrence', ev: 0, k: 0 },
  ] as unknown as Op[];
  it.each(REFUSING_AND_NOT)('keeps a working conference, %s (soak seed 318809)', (_how, switches) => {
    expect(runSequence(ops, 318809, { switches }).violations).toEqual([]);
  });
});

/**
 * Issue 22: soak seed 406665 (seeds 400001..440000), Calendar refusing the add-on's conference
 * writes: a draft saved and deleted unseen (its conference deleted), restored during a 429, copied,
 * ours added to the original again (a new conference for the same calendar+event+solution); the
 * copy could not get its own, so the vendor gave back the deleted one for it (no dead link) - two
 * live conferences made for the original's event, each carried, as the oracle allows (seed 32647).
 * Then the user replaced ours on the original by the other solution: until the add-on's next run
 * the one taken off stays live, as any conference a user removes does, and the after-step check
 * reported the pair. Not an add-on bug: the oracle now keeps a pair it saw carried allowed (the
 * orphan checks judge the one nothing carries; the next run deletes it, the end state is checked
 * as before). See test/model/README.md.
 */
describe('issue 22: a pair of conferences the oracle allowed, one taken off by the user', () => {
  const shrunk = [
    { t: 'draft', cal: 1, sol: 1, saved: true, cuts: [24, null, null] },
    { t: 'fault', mode: 'http429', count: 1, retryAfter: 30 },
    { t: 'restore', i: 53 },
    { t: 'deliver', cut: null },
    { t: 'copyTo', ev: 35, cal: 1, same: false },
    { t: 'addConference', ev: 12, sol: 1 },
    { t: 'deliver', cut: 38 },
    { t: 'advance', minutes: 120, cut: null },
    { t: 'addConference', ev: 24, sol: 0 },
  ] as unknown as Op[];
  it('no violation once the user replaces one of them (soak seed 406665)', () => {
    const switches = { calendarRefusesConferenceWrites: true };
    expect(runSequence(shrunk, 406665, { switches }).violations).toEqual([]);
  });
});

/**
 * Issue 24 / soak seed 323945: a copy moved on to another calendar before it got its own conference.
 * The hourly run saw it leave the first calendar and asked for its create again under that calendar's
 * key (the `copy-left` rule: a create may have left a conference there). No create ever had: the
 * vendor made one, and Apps Script cut the run off before it was recorded. The next run saw the move
 * first and never asked under that key again, so the conference outlived its day. Fixed: an abandon
 * is stored in the outbox before it goes out (src/sync/send.ts), and sent again until answered.
 */
describe('issue 24: an abandoned create cut off before it was recorded', () => {
  it('leaves no orphan after a cut-off run and a moved copy (soak seed 323945)', () => {
    const ops = [
      { t: 'create', cal: 0, sol: 0, flow: 'new', rec: 0, day: 5, hour: 7, people: [] },
      { t: 'copyTo', ev: 0, cal: 1, same: false },
      { t: 'fault', mode: 'down', count: 1, retryAfter: 1 },
      { t: 'deliver', cut: null },
      { t: 'moveTo', ev: 3, cal: 0 },
      { t: 'advance', minutes: 120, cut: 11 },
      { t: 'removeConference', ev: 0 },
    ] as unknown as Op[];
    const refusing: ModelSwitches = { calendarRefusesConferenceWrites: true };
    expect(runSequence(ops, 323945, { switches: refusing }).violations).toEqual([]);
  });
});

/**
 * Soak seed 600767 (seeds 600001..640000; Calendar refusing the add-on's conference writes, its
 * API writes firing triggers, a vendor that cannot undo). A series is copied; Calendar refuses the
 * copy its own conference, so the copy shares the original's. The user adds ours to the copy:
 * onCreate makes a conference for it under the key of calendar + event + solution, the same key the
 * copy's own create uses. The copy is split ("this and following") and its earlier part deleted (or
 * the original deleted), during an outage. The run that saw the copy stop sharing asked under that
 * key again (`copy-left`: an abandon) and got the copy's own conference back, which it recorded as
 * if new: as a stray for the delete gate (the DELETE went out while the later part carried it, a
 * dead join link), or adopted afresh with only the earlier part (the later part dropped: the vendor
 * kept the earlier part's start, end and recurrence). Fixed in `recordAbandon`
 * (src/sync/recordOutcomes.ts): a conference the book already tracks is left to its record.
 * Both shapes failed at 70169be too (not from that day's commits).
 */
describe("issue 22: a copy's abandoned create hands back the copy's own conference (soak seed 600767)", () => {
  const switches: ModelSwitches = {
    calendarRefusesConferenceWrites: true,
    apiWritesFireTriggers: true,
    vendorCannotUndo: true,
  };
  it('no DELETE while the later part of the split copy carries it (the seed, shrunk for that DELETE)', () => {
    const ops = [
      { t: 'create', cal: 0, sol: 0, flow: 'new', rec: 0, day: 11, hour: 10, people: [] },
      { t: 'create', cal: 1, sol: 0, flow: 'new', rec: 2, day: 14, hour: 14, people: [1] },
      { t: 'fault', mode: 'http500', count: 1, retryAfter: 120 },
      { t: 'delete', ev: 16 },
      { t: 'copyTo', ev: 63, cal: 0, same: true },
      { t: 'deliver', cut: null },
      { t: 'addConference', ev: 45, sol: 0 },
      { t: 'split', ev: 49, k: 4, retitle: true },
      { t: 'delete', ev: 13 },
    ] as unknown as Op[];
    expect(runSequence(ops, 600767, { switches }).violations).toEqual([]);
  });
  it("the vendor hears the later part once the original is deleted (the soak's own shrink)", () => {
    const ops = [
      { t: 'create', cal: 0, sol: 0, flow: 'new', rec: 0, day: 5, hour: 7, people: [] },
      { t: 'create', cal: 0, sol: 0, flow: 'new', rec: 1, day: 5, hour: 7, people: [] },
      { t: 'fault', mode: 'down', count: null, retryAfter: 1 },
      { t: 'delete', ev: 0 },
      { t: 'copyTo', ev: 0, cal: 0, same: false },
      { t: 'deliver', cut: null },
      { t: 'fault', mode: 'down', count: 1, retryAfter: 1 },
      { t: 'create', cal: 0, sol: 0, flow: 'pending', rec: 0, day: 5, hour: 7, people: [] },
      { t: 'addConference', ev: 21, sol: 0 },
      { t: 'split', ev: 7, k: 1, retitle: false },
      { t: 'delete', ev: 0 },
    ] as unknown as Op[];
    expect(runSequence(ops, 600767, { switches }).violations).toEqual([]);
  });
});

/**
 * Issue 22 / soak seed 621814 (seeds 600001..640000, also at the start of this session and before the
 * hourly run looked only where worth a look): another run holds the lock while a draft is saved in one
 * calendar, copied to a second, the copy moved on to a third, and the draft deleted, all before any run
 * lists. The first calendar's full sync left the draft's conference to its unconfirmed schedule; the
 * second's found the moved copy only by a look-up (an unknown cancelled entry after the lock-out), so
 * the copy confirmed the draft in the second pass of the plan, which asks for no more look-ups: the
 * draft's own event, never listed, was never read and kept the conference alive for good (an orphan
 * past its day). Fixed: that owner's read is also queued (`speakerChanged`), and the queue reads it.
 */
describe('issue 22: a draft confirmed by a copy found in the second pass of the plan', () => {
  const shrunk = [
    { t: 'hold' },
    { t: 'create', cal: 2, sol: 0, flow: 'new', rec: 0, day: 5, hour: 7, people: [] },
    { t: 'copyTo', ev: 0, cal: 1, same: false },
    { t: 'create', cal: 1, sol: 0, flow: 'new', rec: 0, day: 5, hour: 7, people: [] },
    { t: 'moveTo', ev: 1, cal: 0 },
    { t: 'delete', ev: 0 },
    { t: 'copyTo', ev: 0, cal: 0, same: false },
  ] as unknown as Op[];
  it.each([
    [
      'as the soak found it (a vendor that cannot undo)',
      { apiWritesFireTriggers: true, vendorCannotUndo: true },
    ],
    ['with a vendor that can undo', { apiWritesFireTriggers: true }],
    ['with neither of the emulator switches', {}],
  ] as Array<[string, ModelSwitches]>)(
    'the deleted draft leaves no orphan, %s (soak seed 621814)',
    (_how, switches) => {
      expect(runSequence(shrunk, 621814, { switches }).violations).toEqual([]);
    },
  );
});

/**
 * Issue 22 / soak seed 635873 (seeds 600001..640000), Calendar refusing the add-on's conference
 * writes: a meeting copied into a watched calendar and its conference taken off the meeting; the
 * delete gate found the copy carrying it, and since Calendar refused the copy its own conference,
 * the copy kept sharing ours (`shared`) while its DELETE waited. The user added ours to the meeting
 * again: the create replayed the same conference, and the run merging onCreate's record let it take
 * the place of the waiting one with the meeting's event as its only carrier, dropping the copy. Ours
 * taken off once more, the grace ended after 24 h and the gate deleted the conference the copy
 * still carried (a dead join link). Wrong since the conference-keyed records (also at 70169be, before
 * that day's commits). Fixed in `madeIn` (src/conference/lifecycle.ts): onCreate's record keeps the
 * other carriers and the former ones of the record it replaces.
 */
describe('issue 22: ours added back to a meeting whose copy shares the conference', () => {
  const shrunk = [
    { t: 'create', cal: 0, sol: 0, flow: 'new', rec: 0, day: 5, hour: 7, people: [] },
    { t: 'advance', minutes: 30, cut: null },
    { t: 'create', cal: 0, sol: 0, flow: 'new', rec: 0, day: 5, hour: 7, people: [] },
    { t: 'copyTo', ev: 0, cal: 1, same: false },
    { t: 'removeConference', ev: 0 },
    { t: 'deliver', cut: null },
    { t: 'addConference', ev: 0, sol: 0 },
    { t: 'removeConference', ev: 0 },
    { t: 'advance', minutes: 1, cut: null },
  ] as unknown as Op[];
  it.each(REFUSING_AND_NOT)(
    'the copy keeps a working conference, %s (soak seed 635873)',
    (_how, switches) => {
      expect(runSequence(shrunk, 635873, { switches }).violations).toEqual([]);
    },
  );
});

/**
 * Soak seed 828774 (seeds 800001..840000; Calendar's API writes firing triggers, a vendor that
 * cannot undo): ours taken off a meeting, then access to the user's team calendar lost (the gate
 * keeps the conference: a copy may be there). Ours added back: onCreate's create replays the same
 * conference, merged over the waiting record (unconfirmed, the meeting's event first). The meeting
 * deleted: the look-up did not find it where we can read and presumed it moved into the lost
 * calendar (own carrier there; the event it was made in left as a former carrier, first). The grace
 * check read `carriers[0]`, the former one, so at the end of the 24 h grace it decided nothing
 * about the presumed carrier (a full listing skips unconfirmed records); that carrier was re-read
 * only at its queued update's back-off, an hour or more later, past the orphan's day. Fixed in
 * `checkUnconfirmed` (src/sync/upkeep.ts): the grace check reads onCreate's own live carrier.
 */
describe('ours added back, the meeting deleted while a calendar is lost (soak seed 828774)', () => {
  const shrunk = [
    { t: 'create', cal: 0, sol: 0, flow: 'new', rec: 0, day: 5, hour: 7, people: [] },
    { t: 'deliver', cut: null },
    { t: 'removeConference', ev: 0 },
    { t: 'advance', minutes: 1, cut: null },
    { t: 'revoke', cal: 1 },
    { t: 'deliver', cut: null },
    { t: 'addConference', ev: 0, sol: 0 },
    { t: 'delete', ev: 0 },
    { t: 'deliver', cut: null },
  ] as unknown as Op[];
  it.each([
    ['as the soak found it', { apiWritesFireTriggers: true, vendorCannotUndo: true }],
    ['without the switches', {}],
  ] as Array<[string, ModelSwitches]>)(
    'the conference is deleted within its day once access is back, %s',
    (_how, switches) => {
      expect(runSequence(shrunk, 828774, { switches }).violations).toEqual([]);
    },
  );
});

/**
 * Soak seed 838808 (seeds 800001..840000, no switches after shrinking): the same cause as 828774
 * above, reached another way (a copy in the same calendar and an unseen draft between): ours
 * taken off while the team calendar was unreadable, added back (the same conference replayed),
 * the meeting deleted; the grace check read the former carrier and the DELETE went out 26 h after
 * the meeting was deleted. Passes before e3798c3 (52dceac, 70169be) and with the fix above.
 */
describe('ours added back, the meeting deleted while a calendar is lost (soak seed 838808)', () => {
  const shrunk = [
    { t: 'foreign', cal: 0, meet: false, day: 5, hour: 7 },
    { t: 'addConference', ev: 0, sol: 0 },
    { t: 'revoke', cal: 1 },
    { t: 'copyTo', ev: 0, cal: 0, same: false },
    { t: 'removeConference', ev: 0 },
    { t: 'draft', cal: 0, sol: 0, saved: false, cuts: [null] },
    { t: 'addConference', ev: 0, sol: 0 },
    { t: 'delete', ev: 0 },
  ] as unknown as Op[];
  it.each([
    ['as the soak shrank it (no switches)', {}],
    ['with a vendor that cannot undo', { vendorCannotUndo: true }],
  ] as Array<[string, ModelSwitches]>)('no orphan outlives its day, %s', (_how, switches) => {
    expect(runSequence(shrunk, 838808, { switches }).violations).toEqual([]);
  });
});

/**
 * Soak seed 1203688 (seeds 1200001..1240000 at 6d64ba1; passes at d3ddcb9, before the settle): a
 * weekly series split with "this and following", and the new part moved to start when the first
 * part starts. The two parts speak equally (the latest start is shared), and the one that spoke was
 * the first of the record's carriers. Its update was queued by a vendor outage; after it the queue
 * read that part alone, which re-recorded it as the last carrier, so the other part now spoke and,
 * not being in the batch, had its update queued again (`speakerChanged`): each read named the
 * other part and no PATCH ever went, the vendor kept the series' first fields. Before the settle the
 * plan's second pass read both parts together. Fixed in `speakingCarrier` (src/sync/decide.ts): of
 * parts starting at the same time the smaller event id speaks, whatever the carriers' order (the
 * oracle's field source breaks the tie the same way).
 */
describe('split parts starting together, an update queued by an outage (soak seed 1203688)', () => {
  const shrunk = [
    { t: 'create', cal: 0, sol: 1, flow: 'existing', rec: 3, day: 7, hour: 9, people: [0, 0] },
    { t: 'create', cal: 1, sol: 0, flow: 'new', rec: 0, day: 18, hour: 11, people: [] },
    { t: 'create', cal: 2, sol: 0, flow: 'new', rec: 0, day: 20, hour: 18, people: [0, 0, 1] },
    { t: 'split', ev: 43, k: 4, retitle: true },
    { t: 'create', cal: 0, sol: 0, flow: 'new', rec: 2, day: 10, hour: 8, people: [2] },
    { t: 'create', cal: 1, sol: 0, flow: 'new', rec: 0, day: 18, hour: 8, people: [3] },
    { t: 'copyTo', ev: 10, cal: 1, same: false },
    { t: 'edit', ev: 59, kind: 'move', v: 2 },
    { t: 'fault', mode: 'down', count: 11, retryAfter: 30 },
    { t: 'deliver', cut: 20 },
  ] as unknown as Op[];
  it.each([
    ['as the soak shrank it (no switches)', {}],
    ['with a vendor that cannot undo', { vendorCannotUndo: true }],
  ] as Array<[string, ModelSwitches]>)('the vendor hears the part that speaks, %s', (_how, switches) => {
    expect(runSequence(shrunk, 1203688, { switches }).violations).toEqual([]);
  });
});

/**
 * Soak seeds 1226842 and 1227630 (seeds 1200001..1240000 at 6d64ba1; both pass at d3ddcb9): a
 * meeting copied into a watched calendar while the vendor was down (the copy waiting for its own
 * conference), the meeting deleted (1226842) or switched to Meet (1227630), and the copy moved to
 * another calendar. Since the cancelled entry of a move is no longer looked up, the move shows up
 * as two listings: the copy's cancelled entry (the last carrier gone, or gone together with the
 * meeting's event), then the moved copy in its new calendar's run. `lastCarrierGone` kept every
 * carrier that went as a `former` one, the copy too, so the moved copy was taken for the meeting
 * itself (`isSameMeeting`), revived the conference as its `own` carrier and kept the original's
 * conference for good. Only the meeting's own events are its places (today derived from the event id:
 * `roleOf` in src/conference/lifecycle.ts): the moved copy is a copy again and gets its own
 * conference, and the original's goes through the delete gate.
 */
describe('issue 22: a waiting copy moved on after the meeting went (soak seeds 1226842, 1227630)', () => {
  const deleted = [
    { t: 'create', cal: 0, sol: 0, flow: 'new', rec: 0, day: 5, hour: 7, people: [] },
    { t: 'fault', mode: 'down', count: null, retryAfter: 1 },
    { t: 'copyTo', ev: 0, cal: 0, same: false },
    { t: 'delete', ev: 0 },
    { t: 'deliver', cut: null },
    { t: 'moveTo', ev: 0, cal: 1 },
    { t: 'deliver', cut: null },
  ] as unknown as Op[];
  const switched = [
    { t: 'create', cal: 1, sol: 0, flow: 'new', rec: 0, day: 5, hour: 7, people: [] },
    { t: 'copyTo', ev: 0, cal: 1, same: false },
    { t: 'fault', mode: 'down', count: null, retryAfter: 1 },
    { t: 'deliver', cut: null },
    { t: 'switchToMeet', ev: 0 },
    { t: 'moveTo', ev: 63, cal: 0 },
    { t: 'restore', i: 0 },
  ] as unknown as Op[];
  it.each([
    [
      'the meeting deleted, as the soak found it (seed 1226842)',
      deleted,
      1226842,
      { apiWritesFireTriggers: true },
    ],
    ['the meeting deleted, without the switches', deleted, 1226842, {}],
    [
      'the meeting switched to Meet, as the soak found it (seed 1227630)',
      switched,
      1227630,
      { apiWritesFireTriggers: true, vendorCannotUndo: true },
    ],
    ['the meeting switched to Meet, without the switches', switched, 1227630, {}],
  ] as Array<[string, Op[], number, ModelSwitches]>)(
    'the moved copy gets its own conference, %s',
    (_how, ops, seed, switches) => {
      expect(runSequence(ops, seed, { switches }).violations).toEqual([]);
    },
  );
});

/**
 * Soak seed 1507918 (seeds 1507001..1509000; also fails at fefb784): a DELETE of a conference a
 * live event carried. A draft's conference was deleted after the draft went; the draft restored
 * from the trash, its calendar's sync token rejected (410), and the run's full sync cut off after
 * recording the restore (LOST, the undo stored as may-have-landed) but before asking the vendor.
 * The user then added ours to the restored event: onCreate made a new conference and its
 * initializing run did the full sync again. That listing showed the event still carrying the
 * restored one, which is rightly not asked back while onCreate's new one waits for the save
 * (`madeAgainFor`, soak seed 65339), but decide returned without recording the event as seen; the
 * reconcile after the full sync took its carrier (stamped in the earlier generation) for one the
 * listing had not returned, its last carrier went, and the gate, finding nothing carrying it,
 * deleted it under the event. Fixed in `carryConference` (src/sync/decide.ts): the event is
 * recorded as seen (`carriedBy`, its generation stamped) whatever is asked for it.
 */
describe('ours added to a restored meeting across a 410 and a cut-off run (soak seed 1507918)', () => {
  const shrunk = [
    { t: 'draft', cal: 2, sol: 0, saved: true, cuts: [null] },
    { t: 'invalidateTokens', cal: 2 },
    { t: 'restore', i: 0 },
    { t: 'deliver', cut: 6 },
    { t: 'addConference', ev: 0, sol: 0 },
    { t: 'invite', ev: 0, cal: 0, remove: false },
  ] as unknown as Op[];
  it.each([
    ['as the soak found it', { apiWritesFireTriggers: true, vendorCannotUndo: true }],
    ['with a vendor that can undo', { apiWritesFireTriggers: true }],
    ['without the switches', {}],
  ] as Array<[string, ModelSwitches]>)('no DELETE while the event carries it, %s', (_how, switches) => {
    expect(runSequence(shrunk, 1507918, { switches }).violations).toEqual([]);
  });
});

/**
 * Soak seed 1508221 (seeds 1507001..1509000; fails the same at fefb784): a weekly series split with
 * "this and following", the later part moved to another calendar, the first part's repeat made longer
 * again and split once more at the same occurrence. Calendar names a split part by the series id and
 * the start, and event ids are unique per calendar only: two parts of one meeting with one id and one
 * start, in two calendars. `speakingCarrier` ordered parts by start, then event id, and the carriers'
 * order decided the rest: the part listed last never spoke, so the vendor never heard the new part
 * (the soak's failure), and once the speaking part was edited each read handed the voice to the other
 * part, queued again and sent nothing: the vendor kept fields of neither part, for good. Fixed in
 * `speaksBefore` (src/sync/decide.ts): one order, its last tie broken by the calendar the add-on
 * watched first. Which calendar speaks is the add-on's choice (nothing Google shows orders two
 * calendars), so the oracle accepts either part's fields (`fieldSources`): the series made in the team
 * calendar below is the case where the two choices differ.
 */
describe('two parts of a split series with one id and one start, in two calendars (soak seed 1508221)', () => {
  const series = (cal: number, movedTo: number, retitle: boolean) =>
    [
      { t: 'create', cal, sol: 0, flow: 'new', rec: 0, day: 5, hour: 7, people: [] },
      { t: 'create', cal, sol: 0, flow: 'new', rec: 3, day: 5, hour: 7, people: [] },
      { t: 'split', ev: 0, k: 1, retitle },
      { t: 'moveTo', ev: 26, cal: movedTo },
      { t: 'edit', ev: 46, kind: 'recurrence', v: 0 },
      { t: 'deliver', cut: null },
      { t: 'split', ev: 0, k: 1, retitle },
      { t: 'delete', ev: 0 },
    ] as unknown as Op[];
  const shrunk = series(0, 1, false);
  const editedAfter = [
    ...shrunk,
    { t: 'deliver', cut: null },
    { t: 'edit', ev: 1, kind: 'title', v: 5 },
    { t: 'deliver', cut: null },
  ] as unknown as Op[];
  const switches = { calendarRefusesConferenceWrites: true, vendorCannotUndo: true };
  it.each([
    ['as the soak shrank it', shrunk],
    ['the part in the other calendar edited afterwards', editedAfter],
    ['the series made in the team calendar, a part moved to the primary one', series(1, 0, true)],
  ] as Array<[string, Op[]]>)('the vendor holds one part’s fields: %s', (_how, ops) => {
    expect(runSequence(ops, 1508221, { switches }).violations).toEqual([]);
    expect(runSequence(ops, 1508221).violations).toEqual([]);
  });
});

/**
 * Soak seed 1618241 (also fails at fefb784): a dead join link on a restored copy. A meeting was
 * copied into the same watched calendar, the original switched to Meet (our conference taken off
 * it), the copy deleted before any run saw it, and the run that saw all this was cut off after
 * sending the gate's DELETE (nothing carried the conference) but before recording the answer: the
 * record waited for the gate again, its DELETE stored as may-have-landed. The copy, restored from
 * the trash, carried a conference the vendor had deleted. Not a tombstone, so `carryConference` took
 * it for a live conference and planned the copy's own (`copy-gets-own`) as for any copy; Calendar
 * refused the write-back, and the fallback that asks the vendor to undo the delete (send.ts
 * `replace`) only runs for a copy of a restored meeting: the copy kept sharing the deleted
 * conference. Fixed in `carryConference` (src/sync/decide.ts): a copy of a conference whose DELETE
 * may have landed (`deleteMayHaveLanded`) is planned as a copy of a restored meeting, so a refused
 * write-back asks the vendor for the conference back.
 */
describe('a copy restored after a cut-off run deleted its conference (soak seed 1618241)', () => {
  const shrunk = [
    create(0),
    { t: 'draft', cal: 0, sol: 0, saved: false, cuts: [null] },
    { t: 'copyTo', ev: 0, cal: 0, same: false },
    { t: 'switchToMeet', ev: 0 },
    { t: 'delete', ev: 21 },
    { t: 'deliver', cut: 9 },
    { t: 'restore', i: 0 },
    create(0),
  ] as unknown as Op[];
  it.each([
    ['as the soak found it', { calendarRefusesConferenceWrites: true }],
    ['with a vendor that cannot undo', { calendarRefusesConferenceWrites: true, vendorCannotUndo: true }],
    ['without the switches', {}],
  ] as Array<[string, ModelSwitches]>)('the restored copy’s join link works, %s', (_how, switches) => {
    expect(runSequence(shrunk, 1618241, { switches }).violations).toEqual([]);
  });
});

/**
 * A lost conference's undo may have landed unheard: a restored meeting with a copy of it, the run that
 * asked the vendor for the conference back cut off right after the undo (the vendor holds it live
 * again; the record, stored before the request, is LOST with the answer unknown). The meeting is
 * deleted again and the copy edited, so the copy's new conference is recorded after the meeting's
 * `abandon` (whose replayed create finds the conference live while the record is still LOST).
 * `detachCarrier` made the record a tombstone though the vendor may hold it: never deleted, an orphan
 * a day later. Fixed in `detachCarrier` (src/sync/recordOutcomes.ts): where the vendor undoes deletes
 * and this run's own undo did not answer without it (`ask-back`), `lostUncarried`: the delete gate takes
 * it back unless the vendor is known to have it gone. A vendor that cannot undo never held it again.
 */
describe('a lost conference whose undo may have landed, its last carrier given a new one', () => {
  const shrunk = [
    create(0),
    { t: 'deliver', cut: null },
    { t: 'delete', ev: 0 },
    { t: 'deliver', cut: null },
    { t: 'advance', minutes: 61, cut: null },
    { t: 'restore', i: 0 },
    { t: 'copyTo', ev: 0, cal: 0, same: true },
    { t: 'deliver', cut: 6 },
    { t: 'delete', ev: 0 },
    { t: 'edit', ev: 0, kind: 'title', v: 1 },
    { t: 'deliver', cut: null },
  ] as unknown as Op[];
  it.each([
    ['a vendor that can undo', {}],
    ['a vendor that cannot undo', { vendorCannotUndo: true }],
  ] as Array<[string, ModelSwitches]>)('no orphan at the vendor, %s', (_how, switches) => {
    expect(runSequence(shrunk, 1, { switches }).violations).toEqual([]);
  });
});

/**
 * Every answer updates the belief: a restored meeting whose conference the vendor cannot give back
 * (it cannot undo a delete) and whose new one Calendar refused keeps the dead conference, LOST. The
 * record was marked "an undo may land" before the send; no undo went, so it is recorded gone again
 * (`undoDidNotLand`). Deleted again, the meeting leaves a tombstone: no DELETE is sent for a conference
 * the vendor is known not to have (before: one more DELETE, answered 404).
 */
describe('a restored meeting the vendor could not give its conference back, deleted again', () => {
  const ops = [
    create(0),
    { t: 'deliver', cut: null },
    { t: 'delete', ev: 0 },
    { t: 'deliver', cut: null },
    { t: 'advance', minutes: 61, cut: null },
    { t: 'restore', i: 0 },
    { t: 'deliver', cut: null },
    { t: 'advance', minutes: 61, cut: null },
    { t: 'delete', ev: 0 },
    { t: 'deliver', cut: null },
    { t: 'advance', minutes: 61, cut: null },
  ] as unknown as Op[];
  it('sends one DELETE for the meeting and one for the refused new conference, none for the lost one', () => {
    const switches = { calendarRefusesConferenceWrites: true, vendorCannotUndo: true };
    const result = runSequence(ops, 1, { switches });
    expect(result.violations).toEqual([]);
    expect(result.stats.deletesChecked).toBe(2);
  });
});

/**
 * Every request only where something can have changed: a copy of a restored meeting carries the
 * meeting's deleted conference (a tombstone, known gone). Its create asks the vendor for no undo, so
 * once the copy carries its own conference the deleted one is a tombstone again, with no DELETE for it
 * (before: the copy's create marked it "an undo may land", and the delete gate sent a DELETE, answered 404).
 */
describe('a copy of a restored meeting gets its own conference, the meeting deleted again', () => {
  const ops = [
    create(0),
    { t: 'deliver', cut: null },
    { t: 'delete', ev: 0 },
    { t: 'deliver', cut: null },
    { t: 'advance', minutes: 61, cut: null },
    { t: 'restore', i: 0 },
    { t: 'copyTo', ev: 0, cal: 0, same: true },
    { t: 'delete', ev: 0 },
    { t: 'deliver', cut: null },
  ] as unknown as Op[];
  it('sends one DELETE, for the meeting, none again for its deleted conference', () => {
    const result = runSequence(ops, 1);
    expect(result.violations).toEqual([]);
    expect(result.stats.deletesChecked).toBe(1);
  });
});

/**
 * Every edit of a meeting reaches the vendor: a meeting restored from the trash (its conference
 * deleted), copied, then edited, all before a run; Calendar refuses the copy its own conference, so the
 * copy shares the meeting's, asked back from the vendor's trash. The meeting asks it back with its own
 * fields; the copy's undo went out after it with the copy's, and the vendor kept those (the copy's
 * title, or its old time) while the meeting, which speaks for the conference, said otherwise.
 */
describe("a restored meeting's copy that Calendar refuses its own conference: the meeting's fields", () => {
  const ops = (kind: 'title' | 'move') =>
    [
      create(0),
      { t: 'deliver', cut: null },
      { t: 'delete', ev: 0 },
      { t: 'deliver', cut: null },
      { t: 'advance', minutes: 61, cut: null },
      { t: 'restore', i: 0 },
      { t: 'copyTo', ev: 0, cal: 0, same: true },
      { t: 'edit', ev: 0, kind, v: 3 },
      { t: 'deliver', cut: null },
    ] as unknown as Op[];
  it.each(['title', 'move'] as const)('the vendor holds the meeting after a %s edit', (kind) => {
    const runner = new SequenceRunner(1, { switches: { calendarRefusesConferenceWrites: true } });
    expect(runner.run(ops(kind)).violations).toEqual([]);
    const live = runner.world.vendor
      .conferences()
      .filter((c) => !runner.world.vendor.conference(c.id)?.deleted);
    expect(live).toHaveLength(1);
    const held = live[0]!;
    const meeting = runner
      .truth()
      .calendars.flatMap((c) => c.live)
      .find((e) => e.id === held.eventId);
    expect({ title: held.title, start: held.start?.dateTime }).toEqual({
      title: meeting?.summary,
      start: meeting?.start?.dateTime,
    });
  });
});
