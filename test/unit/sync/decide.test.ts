import fc from 'fast-check';
import { syncedFieldsHash, syncedFieldsOf } from '../../../src/calendar/syncedFields';
import type { CalendarEvent } from '../../../src/calendar/types';
import {
  askedAgain,
  type ConferenceRecord,
  GONE,
  holds,
  isCarried,
  newCarrier,
  newRecord,
  roleOf,
  shared,
  UNKNOWN,
  undeleted,
  waitsForConference,
} from '../../../src/conference/lifecycle';
import { type BookView, type Change, decide, type Plan, speakingCarrier } from '../../../src/sync/decide';
import { record } from '../helpers';

const A = 'alice@example.com';
const B = 'team@group.calendar.google.com';
const calendars: Record<number, string> = { 1: A, 2: B };

function book(...records: ConferenceRecord[]): BookView {
  return {
    get: (id) => records.find((r) => r.conferenceId === id),
    carriedBy: (cal, eventId) =>
      records.filter((r) =>
        [...r.carriers, ...r.meeting].some((c) => c.cal === cal && c.eventId === eventId),
      ),
  };
}

/** Each carrier's event id and role (derived from the record's meeting). */
const roles = (r: ConferenceRecord | undefined) => r?.carriers.map((c) => [c.eventId, roleOf(r, c)]);

const event = (extra: Partial<CalendarEvent> = {}): CalendarEvent => ({
  id: 'evt1',
  status: 'confirmed',
  summary: 'Standup',
  start: { dateTime: '2026-11-24T09:00:00Z' },
  end: { dateTime: '2026-11-24T09:15:00Z' },
  organizer: { email: A, self: true },
  conferenceData: { conferenceId: 'cnf_1', conferenceSolution: { key: { type: 'addOn' } } },
  ...extra,
});
const inA = (item: CalendarEvent): Change => ({ calendarId: A, cal: 1, item });
const inB = (item: CalendarEvent): Change => ({ calendarId: B, cal: 2, item });
const hashOf = (e: CalendarEvent) => syncedFieldsHash(syncedFieldsOf(e));
const cancelled = (id = 'evt1'): CalendarEvent => ({ id, status: 'cancelled' });
/** The calls a plan makes, and the conferences it leaves waiting for the delete gate ("delete"). */
const ops = (plan: Plan) => [
  ...plan.calls.map((c) => `${c.op} ${c.conferenceId}`),
  ...plan.records
    .filter((r) => r.state === 'queued-delete' && !isCarried(r))
    .map((r) => `delete ${r.conferenceId}`),
];
const synced = (extra: Parameters<typeof record>[0] = {}) =>
  record({ vendor: holds(hashOf(event())), ...extra });

describe('decide: ordinary edits', () => {
  it('ignores events it has no record for: no conference, someone else’s, another vendor’s', () => {
    const plan = decide(
      [
        inA(event({ id: 'x', conferenceData: { conferenceId: 'meet-1' } })),
        inA(event({ id: 'y', conferenceData: undefined })),
      ],
      book(),
      0,
    );
    expect(plan).toEqual({ records: [], calls: [] });
  });

  it('sends the full current fields once when a synced field changed, nothing when none did', () => {
    const moved = event({
      start: { dateTime: '2026-11-24T10:00:00Z' },
      end: { dateTime: '2026-11-24T10:15:00Z' },
    });
    const plan = decide([inA(moved)], book(synced()), 0);
    expect(plan.calls).toEqual([
      expect.objectContaining({
        op: 'update',
        conferenceId: 'cnf_1',
        hash: hashOf(moved),
        fields: syncedFieldsOf(moved),
      }),
    ]);
    expect(decide([inA(event({ description: 'notes' } as never))], book(synced()), 0).calls).toEqual([]);
  });

  it('deletes when the conference is removed from, or replaced on, a live event (no look-up)', () => {
    expect(ops(decide([inA(event({ conferenceData: undefined }))], book(synced()), 0))).toEqual([
      'delete cnf_1',
    ]);
    expect(
      ops(decide([inA(event({ conferenceData: { conferenceId: 'meet' } }))], book(synced()), 0)),
    ).toEqual(['delete cnf_1']);
  });

  it('leaves a conference onCreate just made alone until the saved event carries it (then confirms it)', () => {
    const fresh = synced({ unconfirmed: true });
    expect(decide([inA(event({ conferenceData: undefined }))], book(fresh), 0).calls).toEqual([]);
    const plan = decide([inA(event())], book(fresh), 0);
    expect(plan.records[0]?.unconfirmed).toBe(false);
  });

  it('a conference carried again voids its queued DELETE (removed, then added back)', () => {
    const queued = synced({ state: 'queued-delete', attempts: 0, retryAt: 0 });
    const plan = decide([inA(event())], book(queued), 0);
    expect(plan.calls).toEqual([]);
    expect(plan.records[0]).toMatchObject({ state: 'synced', attempts: 0 });
  });

  it('a DELETE that was attempted may have reached the vendor: carried again, the fields go again (an undo if gone)', () => {
    const queued = synced({ state: 'queued-delete', vendor: UNKNOWN, attempts: 2, retryAt: 5 });
    const plan = decide([inA(event())], book(queued), 0);
    expect(ops(plan)).toEqual(['update cnf_1']);
    expect(plan.records[0]).toMatchObject({ state: 'synced', attempts: 0, vendor: UNKNOWN });
  });
});

describe('decide: the rule — deleted only when no live event the user can see carries it', () => {
  it('a cancelled event of ours: its conference waits 10 minutes for the delete gate (a moved meeting shows up meanwhile)', () => {
    const plan = decide([inA(cancelled())], book(synced()), 60_000);
    expect(plan.observeAll).toBeUndefined();
    expect(plan.records[0]?.retryAt).toBe(60 + 600);
    expect(plan.calls).toEqual([]);
    expect(plan.records).toEqual([
      expect.objectContaining({
        conferenceId: 'cnf_1',
        state: 'queued-delete',
        settling: true,
        meeting: [{ cal: 1, eventId: 'evt1' }],
        carriers: [],
      }),
    ]);
  });

  it('(1) moved: found live in another calendar, the conference stays and follows the event', () => {
    const movedAndEdited = event({ summary: 'Standup (team)' });
    const plan = decide([inA(cancelled()), inB(movedAndEdited)], book(synced()), 0);
    expect(ops(plan)).toEqual(['update cnf_1']);
    expect(plan.records[0]?.carriers.map((c) => [c.cal, c.eventId])).toEqual([[2, 'evt1']]);
    expect(roles(plan.records[0])).toEqual([['evt1', 'own']]);
  });

  it('(1) moved, seen first from the new calendar: a second carrier, then the old one goes quietly', () => {
    const first = decide([inB(event())], book(synced()), 0);
    expect(first.calls).toEqual([]);
    const both = first.records[0]!;
    expect(both.carriers.map((c) => c.cal)).toEqual([1, 2]);
    // A cancelled entry always has the other calendars listed; the other carrier remains.
    const second = decide([inA(cancelled())], book(both), 0);
    expect(second.calls).toEqual([]);
    expect(second.records[0]?.carriers.map((c) => c.cal)).toEqual([2]);
  });

  it('(2) a copy (another id) gets its own conference; the original is never deleted under it', () => {
    const copy = event({ id: 'copy1' });
    const plan = decide([inB(copy)], book(synced()), 0);
    expect(plan.calls).toEqual([
      expect.objectContaining({
        op: 'replace',
        conferenceId: 'cnf_1',
        restored: false,
        target: { calendarId: B, cal: 2, event: copy },
      }),
    ]);
    expect(roles(plan.records[0])).toEqual([
      ['evt1', 'own'],
      ['copy1', 'copy'],
    ]);
    const originalDeleted = decide([inA(cancelled())], book(plan.records[0]!), 0);
    expect(ops(originalDeleted)).toEqual([]);
  });

  it('(3) "this and following": the new series is a second carrier; the upcoming part speaks', () => {
    const series = synced({ carriers: [newCarrier(1, 'evt1', { startMin: 100 })] });
    const later = event({
      id: 'evt1_R20261201T090000',
      start: { dateTime: '2026-12-01T09:00:00Z' },
      end: { dateTime: '2026-12-01T09:15:00Z' },
      recurrence: ['RRULE:FREQ=WEEKLY'],
    });
    const trimmed = event({ recurrence: ['RRULE:FREQ=WEEKLY;UNTIL=20261130'] });
    const plan = decide([inA(trimmed), inA(later)], book(series), 0);
    expect(plan.calls).toEqual([expect.objectContaining({ op: 'update', fields: syncedFieldsOf(later) })]);
    const split = plan.records[0]!;
    expect(roles(split)?.map(([, role]) => role)).toEqual(['own', 'own']);
    expect(speakingCarrier(split, split.carriers)?.eventId).toBe(later.id);
    // Parts starting together: the smaller event id speaks, whatever the carriers' order (seed 1203688).
    const together = split.carriers.map((c) => ({ ...c, startMin: 100 }));
    expect(speakingCarrier(split, together)?.eventId).toBe('evt1');
    expect(speakingCarrier(split, [...together].reverse())?.eventId).toBe('evt1');
    // One id and one start in two calendars (a part moved, the series split again there): the
    // calendar the add-on watched first speaks, whatever the carriers' order (seed 1508221).
    const part = 'evt1_R20261201T090000';
    const twice = [newCarrier(2, part, { startMin: 100 }), newCarrier(1, part, { startMin: 100 })];
    expect(speakingCarrier(split, twice)?.cal).toBe(1);
    expect(speakingCarrier(split, [...twice].reverse())?.cal).toBe(1);
    // Deleting the earlier part deletes nothing; deleting the later part queues the earlier one's
    // update (the queue reads it: it speaks from then on). Either way the other calendars are listed.
    expect(decide([inA(cancelled())], book(split), 0)).toMatchObject({ calls: [], observeAll: 'find-move' });
    const laterGone = decide([inA(cancelled(later.id))], book(split), 0);
    expect(laterGone).toMatchObject({ calls: [], observeAll: 'find-move' });
    expect(laterGone.records[0]?.state).toBe('queued-update');
    expect(ops(decide([inA(cancelled()), inA(cancelled(later.id))], book(split), 0))).toEqual([
      'delete cnf_1',
    ]);
  });

  it('(4) restored from the trash: a live event carrying a conference we deleted gets a new one', () => {
    const tomb = newRecord({
      conferenceId: 'cnf_1',
      solutionId: 'acme-web',
      state: 'deleted',
      vendor: GONE,
      deletedMin: 1,
      meeting: [{ cal: 1, eventId: 'evt1' }],
    });
    const plan = decide([inA(event())], book(tomb), 0);
    expect(plan.calls).toEqual([
      expect.objectContaining({
        op: 'replace',
        conferenceId: 'cnf_1',
        solutionId: 'acme-web',
        restored: true,
      }),
    ]);
    // Recorded first as lost, with the event (the meeting) waiting for its conference.
    const [lost] = plan.records;
    expect(lost?.state).toBe('lost');
    expect(lost?.carriers.map((c) => waitsForConference(lost, c))).toEqual([true]);
  });

  it('a copy that stops carrying the conference before it got its own: the create is taken back', () => {
    const waiting = synced({ carriers: [newCarrier(1, 'evt1'), newCarrier(1, 'copy1')] });
    const plan = decide([inA(cancelled('copy1'))], book(waiting), 0);
    expect(plan.calls).toEqual([
      {
        op: 'abandon',
        rule: 'copy-left',
        conferenceId: 'cnf_1',
        solutionId: 'acme-web',
        calendarId: A,
        eventId: 'copy1',
        restored: false,
      },
    ]);
  });

  it('a meeting whose conference is lost (needs adding again) becomes a tombstone again once nothing carries it', () => {
    const lost = synced({ state: 'lost', vendor: GONE });
    const plan = decide([inA(event({ conferenceData: { conferenceId: 'cnf_new' } }))], book(lost), 0);
    // It waited for a conference: one a create for it may have made is asked about (and kept).
    expect(plan.calls).toEqual([
      expect.objectContaining({ op: 'abandon', restored: true, carried: 'cnf_new' }),
    ]);
    expect(plan.records.map((r) => [r.state, r.carriers, r.meeting.map((p) => p.eventId)])).toEqual([
      ['deleted', [], ['evt1']],
    ]);
  });
});

describe('decide: restores, copies and drafts (issue 16 soak seeds)', () => {
  const tomb = (...eventIds: string[]) =>
    newRecord({
      conferenceId: 'cnf_1',
      solutionId: 'acme-web',
      state: 'deleted',
      vendor: GONE,
      deletedMin: 1,
      meeting: eventIds.map((eventId) => ({ cal: 1, eventId })),
    });
  const head = event({ id: 'evt1', start: { dateTime: '2026-11-24T09:00:00Z' } });
  const tail = event({
    id: 'evt1_R20261201T090000',
    start: { dateTime: '2026-12-01T09:00:00Z' },
    end: { dateTime: '2026-12-01T09:15:00Z' },
  });

  it.each([
    ['earlier part first', [head, tail]],
    ['later part first', [tail, head]],
  ])(
    'two parts of a split series restored together (%s): one undo, with the later part’s fields; both are the meeting’s own',
    (_, items) => {
      const plan = decide(items.map(inA), book(tomb('evt1', 'evt1_R20261201T090000')), 0);
      expect(plan.calls).toEqual([
        expect.objectContaining({ op: 'replace', rule: 'ask-back', fields: syncedFieldsOf(tail) }),
      ]);
      // The part the undo is not for is the meeting's own, never a copy that would get a conference
      // of its own once the vendor gave this one back.
      const record = plan.records[0]!;
      const other = record.carriers.find((c) => c.eventId === 'evt1');
      expect(other && roleOf({ ...record, state: 'synced' }, other)).toBe('own');
      // If the vendor cannot undo, the new conference goes onto that part too (soak seed 421084).
      expect(plan.calls[0]).toMatchObject({ target: { event: tail }, parts: [{ event: head }] });
    },
  );

  it('the undo for one part of a split series goes with the parts listed with it (soak seed 421084: the queue reads them together)', () => {
    const lost = newRecord({
      conferenceId: 'cnf_1',
      solutionId: 'acme-web',
      state: 'lost',
      vendor: GONE,
      meeting: [{ cal: 1, eventId: 'evt1' }],
      carriers: [
        newCarrier(1, 'evt1', { startMin: 100 }),
        newCarrier(1, tail.id as string, { startMin: 200 }),
      ],
    });
    const plan = decide([inA(tail), inA(head)], book(lost), 0);
    expect(plan.calls).toEqual([
      expect.objectContaining({ rule: 'ask-back', target: expect.objectContaining({ event: tail }) }),
    ]);
    expect(plan.calls[0]).toMatchObject({ parts: [{ event: head }] });
  });

  it('a restored meeting is marked before its undo is asked for, so a run cut off meanwhile still deletes it once nothing carries it', () => {
    const plan = decide([inA(head)], book(tomb('evt1')), 0);
    expect(plan.records[0]).toMatchObject({ state: 'lost', vendor: UNKNOWN });
    const asked = plan.records[0]!;
    const gone = decide([inA(cancelled())], book(asked), 0);
    expect(gone.records[0]?.state).toBe('queued-delete');
    const neverAsked = decide([inA(cancelled())], book({ ...asked, vendor: GONE }), 0);
    expect(neverAsked.records[0]?.state).toBe('deleted');
  });

  it("a copy confirms a draft onCreate made; the draft's own event, listed cancelled with it, no longer counts", () => {
    const draft = synced({ unconfirmed: true, carriers: [newCarrier(2, 'evt1')] });
    const answered = decide([inA(event({ id: 'copy1' })), inB(cancelled())], book(draft), 0);
    expect(answered.records[0]?.unconfirmed).toBe(false);
    expect(answered.calls.map((c) => c.op)).toEqual(['replace']);
  });

  it("a copy confirms a draft: the draft's own event, never listed, is queued to be read (soak seed 621814)", () => {
    const draft = synced({ unconfirmed: true, carriers: [newCarrier(2, 'evt1')] });
    const plan = decide([inA(event({ id: 'copy1' }))], book(draft), 0);
    expect(plan.records[0]).toMatchObject({ unconfirmed: false, state: 'queued-update', retryAt: 0 });
    expect(plan.calls.map((c) => c.op)).toEqual(['replace']);
    // Read later in the same batch, live and as the vendor has it: nothing is left queued.
    const both = decide([inA(event({ id: 'copy1' })), inB(event())], book(draft), 0);
    expect(both.records[0]?.state).toBe('synced');
    expect(both.calls.map((c) => c.op)).toEqual(['replace']);
  });

  it('a copy confirms a draft whose own event, in the same batch, carries another conference: that event no longer counts', () => {
    const draft = synced({ unconfirmed: true });
    const other = inA(event({ conferenceData: { conferenceId: 'cnf_other' } }));
    const plan = decide([other, inA(event({ id: 'copy1' }))], book(draft), 0);
    const carriers = plan.records[0]?.carriers.map((c) => c.eventId);
    expect(carriers).toEqual(['copy1']);
  });
});

describe('decide: the one rule for cancelled entries (find-move)', () => {
  const tomb = newRecord({
    conferenceId: 'cnf_1',
    state: 'deleted',
    vendor: GONE,
    meeting: [{ cal: 1, eventId: 'evt1' }],
  });
  const copyToo = synced({ carriers: [newCarrier(1, 'evt1'), newCarrier(2, 'copy1')] });
  it.each([
    [
      'the last event listed cancelled: its conference settles, nothing listed now',
      [inA(cancelled())],
      synced(),
      undefined,
    ],
    [
      'the same found by a read (a 404): listed now',
      [{ ...inA(cancelled()), read: true }],
      synced(),
      'find-move',
    ],
    ['a cancelled event while a copy still carries it: listed now', [inA(cancelled())], copyToo, 'find-move'],
    [
      'a meeting whose conference we deleted cancelled again: listed now',
      [inA(cancelled())],
      tomb,
      'find-move',
    ],
    [
      'an unknown split part of ours cancelled: listed now',
      [inA(cancelled('evt1_R20261201T090000'))],
      synced(),
      'find-move',
    ],
    ['someone else’s cancelled event: nothing', [inA(cancelled('other1'))], synced(), undefined],
  ])('%s', (_, changes, stored, expected) => {
    expect(decide(changes, book(stored), 0).observeAll).toBe(expected);
  });
});

describe('lifecycle: roles follow from the meeting’s places', () => {
  it('a copy that shares the conference the vendor gave back stays a copy, not one of the meeting’s events', () => {
    const lost = synced({
      state: 'lost',
      vendor: GONE,
      carriers: [newCarrier(1, 'evt1'), newCarrier(2, 'copy1')],
    });
    const copy = newCarrier(2, 'copy1');
    const after = shared(undeleted(lost, copy, 'h'), copy);
    expect(after.meeting.map((p) => p.eventId)).toEqual(['evt1']);
    expect(roles(after)).toEqual([
      ['evt1', 'own'],
      ['copy1', 'shared'],
    ]);
    expect(roles(askedAgain(after))).toEqual([
      ['evt1', 'own'],
      ['copy1', 'copy'],
    ]);
  });
});

describe('decide: never someone else’s meeting, never a single occurrence', () => {
  it('a guest’s copy (organizer.self false or absent) is never a carrier, a copy or a reason to delete', () => {
    const guest = { organizer: { email: 'bob@example.com' } };
    const tracked = synced();
    for (const item of [
      event({ id: 'other', ...guest }),
      event({ ...guest, conferenceData: undefined }),
      event({ ...guest, summary: 'edited' }),
    ]) {
      expect(decide([inB(item)], book(tracked), 0)).toEqual({ records: [], calls: [] });
    }
  });

  it('edited or cancelled occurrences of our series change nothing', () => {
    const occurrence = event({ id: 'evt1_20261124T090000Z', recurringEventId: 'evt1', summary: 'moved' });
    const plan = decide(
      [inA(occurrence), inA({ id: 'evt1_20261201T090000Z', recurringEventId: 'evt1', status: 'cancelled' })],
      book(synced()),
      0,
    );
    expect(plan.calls).toEqual([]);
  });
});

describe('decide: properties', () => {
  const itemArb = fc.record({
    id: fc.constantFrom('evt1', 'evt2', 'evt1_R20261201T090000', 'copy'),
    status: fc.constantFrom('confirmed', 'cancelled'),
    summary: fc.string({ maxLength: 5 }),
    conference: fc.constantFrom('cnf_1', 'cnf_2', 'meet', undefined),
    self: fc.constantFrom(true, false, undefined),
    cal: fc.constantFrom(1, 2),
  });

  it('never throws, never deletes a conference a live candidate item in the batch carries', () => {
    fc.assert(
      // A page lists each event once (per calendar).
      fc.property(fc.uniqueArray(itemArb, { maxLength: 8, selector: (x) => `${x.cal}/${x.id}` }), (items) => {
        const changes = items.map((x) => ({
          calendarId: calendars[x.cal]!,
          cal: x.cal,
          item: event({
            id: x.id,
            status: x.status,
            summary: x.summary,
            organizer: { self: x.self },
            conferenceData: x.conference ? { conferenceId: x.conference } : undefined,
          }),
        }));
        const plan = decide(changes, book(synced(), synced({ conferenceId: 'cnf_2', eventId: 'evt2' })), 0);
        const carriedLive = new Set<string | undefined>(
          items
            .filter((x) => x.status !== 'cancelled' && x.self === true && x.conference)
            .map((x) => x.conference),
        );
        for (const call of plan.calls)
          if (call.op === 'delete') expect(carriedLive.has(call.conferenceId)).toBe(false);
      }),
    );
  });
});
