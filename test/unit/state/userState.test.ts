import { decodeRecord, encodeRecord } from '../../../src/state/record';
import { lockFree, SHARD_LIMIT_BYTES, UserState, utf8Length } from '../../../src/state/userState';
import { MemoryStore, record } from '../helpers';

describe('stored conference records', () => {
  it('round-trip through the compact line format', () => {
    const r = record({
      endMin: 29_000_000,
      unconfirmed: true,
      createdMin: 28_999_000,
      pending: 'P',
      attempts: 3,
      retryAt: 1_790_000_000,
      seenGen: 4,
    });
    expect(decodeRecord(encodeRecord(r))).toEqual(r);
    expect(encodeRecord(r).length).toBeLessThan(80);
  });

  it('rejects corrupt lines instead of crashing', () => {
    expect(decodeRecord('garbage')).toBeNull();
    expect(decodeRecord('')).toBeNull();
  });
});

describe('user state in the property store', () => {
  it('loads with one read and saves only what changed with one write', () => {
    const store = new MemoryStore();
    const state = UserState.load(store);
    const cal = state.calendar('team@example.com');
    cal.meta.token = 'tok1';
    cal.put(record());
    state.save();
    expect(store.reads).toBe(1);
    expect(store.writes).toBe(1);

    const again = UserState.load(store);
    expect(again.find('team@example.com')?.meta.token).toBe('tok1');
    expect(again.find('team@example.com')?.record('cnf_1')?.eventId).toBe('evt1');
    const writesBefore = store.writes;
    again.save();
    expect(store.writes).toBe(writesBefore); // nothing changed: nothing written
  });

  it('keeps every value under 9 KB and 5,000 conferences across 5 calendars under 500 KB', () => {
    const store = new MemoryStore();
    const state = UserState.load(store);
    for (let c = 0; c < 5; c++) {
      const cal = state.calendar(`calendar-${c}@group.calendar.google.com`);
      for (let i = 0; i < 1000; i++) {
        cal.put(
          record({
            conferenceId: `cnf_${c}${i.toString(36).padStart(9, '0')}`,
            eventId: `${c}${i.toString(32).padStart(25, 'a')}`,
            sentHash: '1x2y3z4w5v6',
            endMin: 29_500_000 + i,
          }),
        );
      }
    }
    state.save();
    const sizes = Object.entries(store.data).map(([k, v]) => utf8Length(k) + utf8Length(v));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(SHARD_LIMIT_BYTES + 100);
    expect(sizes.reduce((a, b) => a + b, 0)).toBeLessThan(500 * 1024);
    const reloaded = UserState.load(store);
    expect(reloaded.calendars().map((c) => c.recordCount())).toEqual([1000, 1000, 1000, 1000, 1000]);
  });

  it('merges records written lock-free by onCreate, including for a calendar not watched yet', () => {
    const store = new MemoryStore();
    lockFree.putNewRecord(store, 'new@example.com', record({ conferenceId: 'cnf_new', unconfirmed: true }));
    const state = UserState.load(store);
    expect(state.find('new@example.com')?.record('cnf_new')?.unconfirmed).toBe(true);
    state.save();
    expect(Object.keys(store.data).some((k) => k.startsWith('n:'))).toBe(false);
    expect(UserState.load(store).find('new@example.com')?.record('cnf_new')).toBeDefined();
  });

  it('does not clobber keys another run wrote meanwhile', () => {
    const store = new MemoryStore();
    const state = UserState.load(store);
    state.calendar('a@example.com').meta.token = 't';
    lockFree.requestRerun(store, 'a@example.com', 1); // written after our load
    state.save();
    expect(UserState.load(store).find('a@example.com')?.rerunRequested).toBe(true);
  });

  it('forgets every key of a calendar when asked', () => {
    const store = new MemoryStore();
    const state = UserState.load(store);
    state.calendar('a@example.com').put(record());
    state.calendar('b@example.com').put(record({ conferenceId: 'x' }));
    state.save();
    const s2 = UserState.load(store);
    s2.forget('a@example.com');
    s2.save();
    const s3 = UserState.load(store);
    expect(s3.calendars().map((c) => c.id)).toEqual(['b@example.com']);
  });
});
