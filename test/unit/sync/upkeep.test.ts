import {
  carrier,
  deleted,
  lostUncarried,
  newRecord,
  notCarriedBy,
  restoring,
  vendorLost,
} from '../../../src/conference/lifecycle';
import { UserState } from '../../../src/state/userState';
import { emptyStats } from '../../../src/sync/recordOutcomes';
import { CalendarDirectory, type Run } from '../../../src/sync/runSync';
import { prune, retryQueued } from '../../../src/sync/upkeep';
import { MemoryStore } from '../helpers';
import { at, CAL, engineWorld, TEAM } from './engineWorld';

describe('retryQueued: the look-ups of unconfirmed conferences', () => {
  it('a rate limit on one look-up stops every further Events.get of the run, as on the queued path', () => {
    const w = engineWorld();
    for (const day of [24, 25, 26])
      w.meeting(CAL, {
        summary: 'Plan',
        start: at(`2026-11-${day}T10:00:00Z`),
        end: at(`2026-11-${day}T11:00:00Z`),
      });
    w.clock.advance(11 * 60_000); // every look-up is due
    const state = UserState.load(w.store);
    let gets = 0;
    const services = {
      ...w.services,
      calendar: {
        ...w.services.calendar,
        get: (c: string, e: string) => {
          gets++;
          return w.services.calendar.get(c, e);
        },
      },
    };
    const stopAt = w.clock.now() + 270_000;
    const run: Run = {
      services,
      state,
      vendor: services.vendor(),
      health: { up: false, down: false, failedCalls: 0 },
      stopAt,
      calendars: new CalendarDirectory(services, state, stopAt),
    };
    w.calendar.injectFault({
      code: 403,
      reason: 'rateLimitExceeded',
      api: 'calendar.events.get',
      calls: 100,
    });
    retryQueued(run, emptyStats());
    expect(gets).toBe(4); // one look-up: the first try and its three back-off retries, then nothing
    expect(state.book.all().every((r) => r.unconfirmed)).toBe(true);
  });
});

describe('prune: a tombstone is kept for Calendar’s trash retention from when its last event went', () => {
  const DAY = 24 * 3600_000;
  const now = Date.UTC(2026, 11, 1, 9);
  const stored = () => {
    const state = UserState.load(new MemoryStore());
    const cal = state.getOrAddCalendar(CAL).index;
    return { state, cal };
  };

  it('a conference the vendor lost, its meeting deleted: known for 30 days, so a restore finds it', () => {
    const { state, cal } = stored();
    const lost = vendorLost(newRecord({ conferenceId: 'c1', solutionId: 'acme', eventId: 'e1', cal }));
    state.book.put(lostUncarried(notCarriedBy(lost, cal, 'e1'), now));
    prune(state, now + 29 * DAY);
    expect(state.book.get('c1')?.state).toBe('deleted');
    prune(state, now + 31 * DAY);
    expect(state.book.get('c1')).toBeUndefined();
  });

  it('a restored meeting deleted again 25 days after its first deletion: 30 days from the second', () => {
    const { state, cal } = stored();
    const first = newRecord({ conferenceId: 'c2', solutionId: 'acme', eventId: 'e2', cal });
    const tombstone = deleted(first, now - 25 * DAY);
    const restored = restoring(tombstone, carrier(cal, 'e2'));
    state.book.put(lostUncarried(notCarriedBy(restored, cal, 'e2'), now));
    prune(state, now + 10 * DAY); // 35 days after the first deletion
    expect(state.book.get('c2')?.state).toBe('deleted');
  });
});

describe('retryQueued: drafts in a calendar the user lost', () => {
  it('do not use up the run’s reads: a saved draft elsewhere is confirmed and its fields sent', () => {
    const w = engineWorld();
    const before = UserState.load(w.store);
    const team = before.getOrAddCalendar(TEAM);
    team.meta.lostAt = w.clock.now();
    for (let i = 0; i < 250; i++) {
      const draft = { conferenceId: `lost${i}`, solutionId: 'acme-web', eventId: `e${i}`, cal: team.index };
      before.book.put(
        newRecord({ ...draft, unconfirmed: true, createdMin: Math.floor(w.clock.now() / 60000) }),
      );
    }
    before.save();
    const saved = w.meeting(CAL, {
      summary: 'Plan',
      start: at('2026-11-24T10:00:00Z'),
      end: at('2026-11-24T11:00:00Z'),
    });
    w.clock.advance(11 * 60_000); // every look-up is due
    const state = UserState.load(w.store);
    const stopAt = w.clock.now() + 270_000;
    const vendor = w.services.vendor();
    const health = { up: false, down: false, failedCalls: 0 };
    const calendars = new CalendarDirectory(w.services, state, stopAt);
    retryQueued({ services: w.services, state, vendor, health, stopAt, calendars }, emptyStats());
    expect(state.book.get(saved.conferenceId)?.unconfirmed).toBe(false);
    const [held] = vendor.send([{ op: 'lookup', conferenceId: saved.conferenceId }]);
    expect(held).toMatchObject({ kind: 'applied', value: { title: 'Plan' } });
    // Each asked about again later, not in every run.
    expect(state.book.get('lost0')?.retryAt).toBeGreaterThan(w.clock.now() / 1000);
  });
});
