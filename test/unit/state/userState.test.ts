import {
  decodeRecord,
  deleteRetryRequested,
  encodeRecord,
  GONE,
  holds,
  newCarrier,
  newRecord,
  type RecordState,
  roleOf,
  UNKNOWN,
} from '../../../src/conference/lifecycle';
import { lockFree, SHARD_LIMIT_BYTES, UserState } from '../../../src/state/userState';
import { utf8Length } from '../../../src/util/text';
import { MemoryStore, record } from '../helpers';

describe('stored conference records (one line per conference, carriers across calendars)', () => {
  it('round-trip through the compact line format with several carriers and the meeting’s places', () => {
    const r = newRecord({
      conferenceId: 'cnf_1',
      solutionId: 'acme-web',
      state: 'queued-update',
      vendor: holds('1x2y3z4w5v6'),
      unconfirmed: true,
      createdMin: 28_999_000,
      attempts: 3,
      retryAt: 1_790_000_000,
      checkedMin: 28_999_500,
      checkedFingerprint: '2k8f0c1q9zx',
      carriers: [
        newCarrier(1, 'evt1', { startMin: 29_000_000, endMin: 29_000_060, seenGen: 4 }),
        newCarrier(2, 'evt1_R20261201T100000', { startMin: 29_100_000 }),
        newCarrier(3, 'copy9', { shared: true }),
      ],
      // The meeting's places as the line keeps them: those of its carriers first.
      meeting: [
        { cal: 1, eventId: 'evt1' },
        { cal: 2, eventId: 'evt1_R20261201T100000' },
        { cal: 4, eventId: 'evt1' },
      ],
    });
    expect(decodeRecord(encodeRecord(r))).toEqual(r);
  });

  it('keeps the flags: unconfirmed, never carried, settling (a DELETE waiting for a move)', () => {
    const waiting = newRecord({ conferenceId: 'cnf_1', state: 'queued-delete', settling: true, retryAt: 9 });
    expect(decodeRecord(encodeRecord(waiting))).toEqual(waiting);
    const stray = newRecord({ conferenceId: 'cnf_2', state: 'queued-delete', neverCarried: true });
    expect(decodeRecord(encodeRecord(stray))).toEqual(stray);
  });

  it('keeps what the vendor is believed to hold (fields, gone, unknown) and what it refused', () => {
    for (const vendor of [holds('abc'), GONE, UNKNOWN]) {
      const r = record({ vendor });
      expect(decodeRecord(encodeRecord(r))).toEqual(r);
    }
    const refused = record({ state: 'refused', vendor: holds('old'), refusedHash: 'new1' });
    expect(decodeRecord(encodeRecord(refused))).toEqual(refused);
  });

  it("keeps the audit's last check (when, what the vendor held); a record never checked spends no bytes on it", () => {
    const checked = record({ vendor: holds('abc'), checkedMin: 29_000_000, checkedFingerprint: 'fp1' });
    expect(decodeRecord(encodeRecord(checked))).toEqual(checked);
    const bare = record({ vendor: holds('abc') });
    expect(encodeRecord(checked).length - encodeRecord(bare).length).toBe('\th9kjk\tfp1'.length);
    const noCarrier = newRecord({ conferenceId: 'cnf_3', state: 'lost', checkedMin: 29_000_000 });
    expect(decodeRecord(encodeRecord(noCarrier))).toEqual(noCarrier);
    expect(decodeRecord(`${encodeRecord(checked)}\textra`)).toBeNull();
  });

  it('keeps the neverCarried mark of a stray no event was given', () => {
    const r = record({ state: 'queued-delete', neverCarried: true, createdMin: 29_000_000 });
    expect(decodeRecord(encodeRecord(r))).toEqual(r);
    expect(decodeRecord(encodeRecord(record({})))?.neverCarried).toBeUndefined();
  });

  it.each<RecordState>(['synced', 'queued-update', 'queued-delete', 'refused', 'lost', 'deleted'])(
    'keeps the named state %s',
    (state) => {
      const r = record({ state, deletedMin: state === 'deleted' ? 29_000_000 : 0 });
      expect(decodeRecord(encodeRecord(r))?.state).toBe(state);
    },
  );

  it('a tombstone (id, event ids, deletion time) takes about 40 bytes', () => {
    const tomb = newRecord({
      conferenceId: 'cnf_0123456789',
      state: 'deleted',
      vendor: GONE,
      deletedMin: 29_500_000,
      carriers: [newCarrier(1, 'a'.repeat(26))],
    });
    expect(encodeRecord(tomb).length).toBeLessThan(64);
  });

  it('a time it does not know is absent, not 0: a removal asked for again keeps its solution', () => {
    const again = deleteRetryRequested({ conferenceId: 'cnf_9', solutionId: 'acme-web' });
    const back = decodeRecord(encodeRecord(again));
    expect(back).toEqual(again);
    expect(back?.solutionId).toBe('acme-web');
    expect(
      back &&
        ['createdMin', 'deletedMin', 'relinkedMin', 'checkedMin', 'checkedFingerprint'].filter(
          (k) => k in back,
        ),
    ).toEqual([]);
  });

  it('rejects corrupt lines instead of crashing', () => {
    expect(decodeRecord('garbage')).toBeNull();
    expect(decodeRecord('')).toBeNull();
    expect(decodeRecord(`${encodeRecord(record())}\textra`)).toBeNull();
    expect(decodeRecord(encodeRecord(record()).replace('\t\t', '\t?\t'))).toBeNull();
  });
});

describe('user state in the property store', () => {
  it('loads with one read and saves only what changed with one write', () => {
    const store = new MemoryStore();
    const state = UserState.load(store);
    const cal = state.getOrAddCalendar('team@example.com');
    cal.meta.token = 'tok1';
    state.book.put(record({ cal: cal.index }));
    state.save();
    expect(store.reads).toBe(1);
    expect(store.writes).toBe(1);

    const again = UserState.load(store);
    const loaded = again.find('team@example.com');
    expect(loaded?.meta.token).toBe('tok1');
    expect(loaded?.record('cnf_1')?.carriers.map((c) => c.eventId)).toEqual(['evt1']);
    expect(loaded?.recordsForEvent('evt1').map((r) => r.conferenceId)).toEqual(['cnf_1']);
    const writesBefore = store.writes;
    again.save();
    expect(store.writes).toBe(writesBefore); // nothing changed: nothing written
  });

  it('gives every calendar its own small index, stable across loads', () => {
    const store = new MemoryStore();
    const state = UserState.load(store);
    const indices = ['a@x', 'b@x', 'c@x'].map((id) => state.getOrAddCalendar(id).index);
    expect(new Set(indices).size).toBe(3);
    state.save();
    expect(['a@x', 'b@x', 'c@x'].map((id) => UserState.load(store).find(id)?.index)).toEqual(indices);
  });

  it('keeps every value under 9 KB and 5,000 conferences across 5 calendars under 500 KB', () => {
    const store = new MemoryStore();
    const state = UserState.load(store);
    for (let c = 0; c < 5; c++) {
      const cal = state.getOrAddCalendar(`calendar-${c}@group.calendar.google.com`);
      for (let i = 0; i < 1000; i++) {
        state.book.put(
          record({
            conferenceId: `cnf_${c}${i.toString(36).padStart(9, '0')}`,
            eventId: `${c}${i.toString(32).padStart(25, 'a')}`,
            cal: cal.index,
            vendor: holds('1x2y3z4w5v6'),
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

  it('merges records written lock-free by onCreate into the calendar they were made in', () => {
    const store = new MemoryStore();
    UserState.load(store).getOrAddCalendar('old@example.com');
    lockFree.putNewRecord(
      store,
      'new@example.com',
      record({ conferenceId: 'cnf_new', cal: 0, unconfirmed: true }),
    );
    const state = UserState.load(store);
    const cal = state.find('new@example.com');
    expect(cal?.record('cnf_new')?.unconfirmed).toBe(true);
    expect(cal?.record('cnf_new')?.carriers[0]?.cal).toBe(cal?.index);
    state.save();
    expect(Object.keys(store.data).some((k) => k.startsWith('n:'))).toBe(false);
    expect(UserState.load(store).find('new@example.com')?.record('cnf_new')).toBeDefined();
  });

  it('drops an onCreate record it cannot read at the next save, and no key of another form', () => {
    const store = new MemoryStore();
    lockFree.putNewRecord(store, 'a@example.com', record({ conferenceId: 'cnf_ok', cal: 0 }));
    lockFree.putNewRecord(store, 'a@example.com', record({ conferenceId: 'cnf_bad', cal: 0 }));
    lockFree.putNewRecord(store, 'a@example.com', record({ conferenceId: 'cnf_other', cal: 0 }));
    const key = (id: string) => Object.keys(store.data).find((k) => k.endsWith(`:${id}`)) ?? '';
    store.data[key('cnf_bad')] = 'a@example.com\ngarbage';
    // A record that names another calendar than its key's hash: which one it belongs to is unknown.
    store.data[key('cnf_other')] = `b@example.com\n${encodeRecord(record({ conferenceId: 'cnf_other' }))}`;
    store.data['n:odd'] = 'not ours to judge';
    const loaded = UserState.load(store);
    expect(loaded.unreadable).toBe(2); // the run logs it: nothing is dropped without a word
    loaded.save();
    expect(Object.keys(store.data).filter((k) => k.startsWith('n:'))).toEqual(['n:odd']);
    expect(UserState.load(store).find('a@example.com')?.record('cnf_ok')).toBeDefined();
  });

  it('counts a stored record line it cannot read, and reads every other line of the shard', () => {
    const store = new MemoryStore();
    const s = UserState.load(store);
    const cal = s.getOrAddCalendar('a@example.com');
    s.book.put(record({ conferenceId: 'cnf_a', cal: cal.index }));
    s.book.put(record({ conferenceId: 'cnf_b', cal: cal.index }));
    s.save();
    expect(UserState.load(store).unreadable).toBe(0);
    const shard = Object.keys(store.data).find((k) => k.startsWith('k:')) ?? '';
    store.data[shard] = `${store.data[shard]}\ngarbage`;
    const damaged = UserState.load(store);
    expect(damaged.unreadable).toBe(1);
    expect(
      damaged.book
        .all()
        .map((r) => r.conferenceId)
        .sort(),
    ).toEqual(['cnf_a', 'cnf_b']);
  });

  it('a calendar first met through onCreate has the setup problem onCreate recorded for it', () => {
    const store = new MemoryStore();
    const problem = { at: 1, kind: 'trigger-limit' as const, message: 'too many triggers' };
    lockFree.setSetupProblem(store, 'new@example.com', problem);
    lockFree.putNewRecord(store, 'new@example.com', record({ cal: 0, unconfirmed: true }));
    expect(UserState.load(store).find('new@example.com')?.setupProblem).toEqual(problem);
    expect(UserState.load(store).getOrAddCalendar('other@example.com').setupProblem).toBeUndefined();
  });

  it('onCreate handing back a conference whose DELETE is queued revives it (the event carries it again)', () => {
    const store = new MemoryStore();
    const s1 = UserState.load(store);
    const cal = s1.getOrAddCalendar('a@example.com');
    s1.book.put(record({ cal: cal.index, state: 'queued-delete', carriers: [] }));
    s1.save();
    lockFree.putNewRecord(store, 'a@example.com', record({ cal: 0, unconfirmed: true, vendor: UNKNOWN }));
    const revived = UserState.load(store).find('a@example.com')?.record('cnf_1');
    expect(revived).toMatchObject({ state: 'synced', unconfirmed: true });
    expect(revived?.carriers.map((c) => c.eventId)).toEqual(['evt1']);
  });

  it('onCreate handing back a conference a copy still carries keeps the copy a carrier (soak seed 635873)', () => {
    const store = new MemoryStore();
    const s1 = UserState.load(store);
    const mine = s1.getOrAddCalendar('a@example.com');
    const team = s1.getOrAddCalendar('team@example.com');
    const waiting = record({ cal: mine.index, state: 'queued-delete', carriers: [] });
    const copy = newCarrier(team.index, 'copy1', { shared: true });
    s1.book.put({ ...waiting, meeting: [{ cal: mine.index, eventId: 'evt1' }], carriers: [copy] });
    s1.save();
    lockFree.putNewRecord(store, 'a@example.com', record({ cal: 0, unconfirmed: true, vendor: UNKNOWN }));
    const merged = UserState.load(store).find('a@example.com')?.record('cnf_1');
    expect(merged).toMatchObject({ state: 'synced', unconfirmed: true });
    expect(merged?.carriers.map((c) => [c.cal, c.eventId, merged && roleOf(merged, c)])).toEqual([
      [mine.index, 'evt1', 'own'],
      [team.index, 'copy1', 'shared'],
    ]);
    expect(merged?.meeting).toEqual([{ cal: mine.index, eventId: 'evt1' }]);
  });

  it('does not clobber keys another run wrote meanwhile', () => {
    const store = new MemoryStore();
    const state = UserState.load(store);
    state.getOrAddCalendar('a@example.com').meta.token = 't';
    lockFree.requestRerun(store, 'a@example.com', 1); // written after our load
    state.save();
    expect(UserState.load(store).find('a@example.com')?.rerunRequested).toBe(true);
  });

  it('forgetting a calendar drops its keys and its carriers, never the other calendars’ records', () => {
    const store = new MemoryStore();
    const state = UserState.load(store);
    const a = state.getOrAddCalendar('a@example.com');
    const b = state.getOrAddCalendar('b@example.com');
    state.book.put(record({ cal: a.index }));
    state.book.put(record({ conferenceId: 'x', cal: b.index }));
    const one = record({ conferenceId: 'moved', cal: a.index });
    state.book.put({ ...one, carriers: [...one.carriers, newCarrier(b.index, 'evt1')] });
    state.save();
    const s2 = UserState.load(store);
    s2.forget('a@example.com');
    s2.save();
    const s3 = UserState.load(store);
    expect(s3.calendars().map((c) => c.id)).toEqual(['b@example.com']);
    expect(s3.book.get('cnf_1')).toBeUndefined();
    expect(
      s3
        .find('b@example.com')
        ?.allRecords()
        .map((r) => r.conferenceId)
        .sort(),
    ).toEqual(['moved', 'x']);
  });
});
