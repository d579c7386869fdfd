import fc from 'fast-check';
import { syncedFieldsHash, syncedFieldsOf } from '../../../src/calendar/syncedFields';
import type { CalendarEvent } from '../../../src/calendar/types';
import { classify } from '../../../src/sync/classify';
import { record } from '../helpers';

const ours = (extra: Partial<CalendarEvent> = {}): CalendarEvent => ({
  id: 'evt1',
  status: 'confirmed',
  summary: 'Standup',
  start: { dateTime: '2026-11-24T09:00:00Z' },
  end: { dateTime: '2026-11-24T09:15:00Z' },
  conferenceData: { conferenceId: 'cnf_1', conferenceSolution: { key: { type: 'addOn' } } },
  ...extra,
});
const hashOf = (e: CalendarEvent) => syncedFieldsHash(syncedFieldsOf(e));
const kinds = (d: ReturnType<typeof classify>) => d.map((x) => x.kind);

describe('change classifier', () => {
  it('ignores events the add-on has no record for (no conference, or someone else’s)', () => {
    expect(classify(ours(), [])).toEqual([]);
    expect(classify({ id: 'x', conferenceData: { conferenceId: 'meet' } }, [])).toEqual([]);
  });

  it('patches with the full current fields when a synced field changed', () => {
    const before = ours();
    const moved = ours({
      start: { dateTime: '2026-11-24T10:00:00Z' },
      end: { dateTime: '2026-11-24T10:15:00Z' },
    });
    const decisions = classify(moved, [record({ sentHash: hashOf(before) })]);
    expect(kinds(decisions)).toEqual(['seen', 'patch']);
    const patch = decisions[1];
    expect(patch?.kind === 'patch' && patch.fields).toEqual({
      title: 'Standup',
      start: { dateTime: '2026-11-24T10:00:00Z' },
      end: { dateTime: '2026-11-24T10:15:00Z' },
      attendees: [],
      recurrence: [],
    });
  });

  it('sends nothing when only other fields (description, colour) changed', () => {
    const e = ours();
    const edited = { ...e, description: 'agenda', colorId: '5' } as CalendarEvent;
    expect(kinds(classify(edited, [record({ sentHash: hashOf(e) })]))).toEqual(['seen']);
  });

  it('treats attendee order and case as irrelevant', () => {
    const a = ours({ attendees: [{ email: 'B@x.com' }, { email: 'a@x.com' }] });
    const b = ours({ attendees: [{ email: 'a@x.com' }, { email: 'b@x.com' }] });
    expect(hashOf(a)).toBe(hashOf(b));
  });

  it('deletes on a cancelled stub that carries only the id', () => {
    expect(kinds(classify({ id: 'evt1', status: 'cancelled' }, [record()]))).toEqual(['delete']);
  });

  it('deletes when the conference was removed or replaced by Meet', () => {
    expect(kinds(classify(ours({ conferenceData: undefined }), [record()]))).toEqual(['delete']);
    const meet = ours({
      conferenceData: { conferenceId: 'abc-defg-hij', conferenceSolution: { key: { type: 'hangoutsMeet' } } },
    });
    expect(kinds(classify(meet, [record()]))).toEqual(['delete']);
  });

  it('keeps a just-created conference the saved event does not carry yet (user still editing)', () => {
    expect(classify(ours({ conferenceData: undefined }), [record({ unconfirmed: true })])).toEqual([]);
  });

  it('deletes the older conference when the event now carries a newer one of ours', () => {
    const decisions = classify(ours({ conferenceData: { conferenceId: 'cnf_2' } }), [
      record({ conferenceId: 'cnf_1' }),
      record({ conferenceId: 'cnf_2', sentHash: hashOf(ours()) }),
    ]);
    expect(decisions.map((d) => `${d.kind}:${d.record.conferenceId}`)).toEqual([
      'delete:cnf_1',
      'seen:cnf_2',
    ]);
  });

  it('never throws on odd events', () => {
    const odd = [
      { id: 'evt1' },
      { id: 'evt1', start: { dateTime: 'garbage' }, attendees: [null as never, { email: 5 as never }] },
      { id: 'evt1', conferenceData: {} },
      { id: 'evt1', recurrence: 'RRULE:FREQ=DAILY' as never, summary: 7 as never },
    ] as CalendarEvent[];
    for (const e of odd) expect(() => classify(e, [record()])).not.toThrow();
  });

  it('classifies 10,000 changed items well under a second', () => {
    const items = Array.from({ length: 10_000 }, (_, i) => ours({ id: `e${i}`, summary: `m${i}` }));
    const started = Date.now();
    for (const item of items) classify(item, [record({ eventId: item.id!, conferenceId: `c${item.id}` })]);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('change classifier (properties)', () => {
  // Arbitrary JSON-ish values where the API would put strings, objects or arrays.
  const odd = fc.oneof(
    fc.string(),
    fc.integer(),
    fc.constant(null),
    fc.constant(undefined),
    fc.dictionary(fc.string(), fc.string()),
  );
  const itemArb = fc.record(
    {
      id: fc.constantFrom('evt1', 'evt2'),
      status: fc.constantFrom('confirmed', 'cancelled', 'tentative', undefined),
      summary: odd,
      start: fc.oneof(odd, fc.record({ dateTime: fc.string() }), fc.record({ date: fc.string() })),
      end: odd,
      attendees: fc.oneof(odd, fc.array(fc.oneof(odd, fc.record({ email: odd })))),
      recurrence: fc.oneof(odd, fc.array(odd)),
      conferenceData: fc.oneof(odd, fc.record({ conferenceId: fc.constantFrom('cnf_1', 'cnf_2', 'meet') })),
    },
    { requiredKeys: ['id'] },
  ) as fc.Arbitrary<CalendarEvent>;
  const recordsArb = fc.array(
    fc.record({
      conferenceId: fc.constantFrom('cnf_1', 'cnf_2'),
      unconfirmed: fc.boolean(),
      sentHash: fc.string(),
    }),
    { maxLength: 2 },
  );

  it('never throws, and decides only about the records it was given', () => {
    fc.assert(
      fc.property(itemArb, recordsArb, (item, rs) => {
        const records = rs.map((r) => record(r));
        const decisions = classify(item, records);
        for (const d of decisions) expect(records).toContain(d.record);
        if (records.length === 0) expect(decisions).toEqual([]);
      }),
      { numRuns: 500, seed: 42 },
    );
  });

  it('a cancelled item only ever deletes; a live item never deletes the conference it carries', () => {
    fc.assert(
      fc.property(itemArb, recordsArb, (item, rs) => {
        const decisions = classify(
          item,
          rs.map((r) => record(r)),
        );
        if (item.status === 'cancelled') expect(decisions.every((d) => d.kind === 'delete')).toBe(true);
        else {
          const carried = (item.conferenceData as { conferenceId?: unknown } | undefined)?.conferenceId;
          for (const d of decisions) if (d.kind === 'delete') expect(d.record.conferenceId).not.toBe(carried);
        }
      }),
      { numRuns: 500, seed: 43 },
    );
  });

  it('a PATCH is decided exactly when the synced fields differ from what was last acknowledged', () => {
    fc.assert(
      fc.property(itemArb, fc.boolean(), (item, acknowledged) => {
        const live = { ...item, status: 'confirmed', conferenceData: { conferenceId: 'cnf_1' } };
        const sentHash = acknowledged ? hashOf(live) : 'stale';
        const kinds = classify(live, [record({ sentHash })]).map((d) => d.kind);
        expect(kinds).toEqual(acknowledged ? ['seen'] : ['seen', 'patch']);
      }),
      { numRuns: 300, seed: 44 },
    );
  });
});
