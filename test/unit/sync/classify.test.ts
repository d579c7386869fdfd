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
