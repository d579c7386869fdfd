import { UserState } from '../../../src/state/userState';
import { emptyStats } from '../../../src/sync/recordOutcomes';
import { CalendarDirectory, type Run } from '../../../src/sync/runSync';
import { retryQueued } from '../../../src/sync/upkeep';
import { at, CAL, engineWorld } from './engineWorld';

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
