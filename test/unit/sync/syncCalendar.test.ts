import { deleteRetryRequested } from '../../../src/conference/lifecycle';
import { UserState } from '../../../src/state/userState';
import { emptyStats } from '../../../src/sync/recordOutcomes';
import { CalendarDirectory, type Run, runSync } from '../../../src/sync/runSync';
import { syncCalendar } from '../../../src/sync/syncCalendar';
import { at, CAL, engineWorld, TEAM } from './engineWorld';

type World = ReturnType<typeof engineWorld>;

function runContext(w: World, state: UserState, budgetMs = 270_000): Run {
  const stopAt = w.clock.now() + budgetMs;
  return {
    services: w.services,
    state,
    vendor: w.services.vendor(),
    health: { up: false, down: false, failedCalls: 0 },
    stopAt,
    calendars: new CalendarDirectory(w.services, state, stopAt),
  };
}

/** One syncCalendar call on freshly loaded state, saved afterwards (as runSync does). */
function syncOnce(w: World, calendarId = CAL, budgetMs?: number) {
  const state = UserState.load(w.store);
  const run = runContext(w, state, budgetMs);
  const result = syncCalendar(run, state.getOrAddCalendar(calendarId), emptyStats());
  state.save();
  return { result, run, state: UserState.load(w.store) };
}

describe('syncCalendar: one calendar, list -> decide -> send -> record', () => {
  it('first run: a full sync that confirms the conference and keeps the token', () => {
    const w = engineWorld();
    const m = w.meeting(CAL, {
      summary: 'Plan',
      start: at('2026-11-24T10:00:00Z'),
      end: at('2026-11-24T11:00:00Z'),
    });
    const { result, state } = syncOnce(w);
    expect(result).toEqual({ mode: 'full', outcome: 'ok' });
    expect(state.find(CAL)?.meta.token).toBeTruthy();
    expect(state.find(CAL)?.record(m.conferenceId)).toMatchObject({ unconfirmed: false, state: 'synced' });
    expect(w.vendor.conference(m.conferenceId)?.title).toBe('Plan'); // the vendor had nothing yet: updated
  });

  it('then incremental: an edit costs one update, a cosmetic edit nothing', () => {
    const w = engineWorld();
    const m = w.meeting(CAL, {
      summary: 'Plan',
      start: at('2026-11-24T10:00:00Z'),
      end: at('2026-11-24T11:00:00Z'),
    });
    syncOnce(w);
    const before = w.vendor.requests().length;
    w.calendar.editEvent(CAL, m.eventId, { description: 'agenda' });
    expect(syncOnce(w).result).toEqual({ mode: 'incremental', outcome: 'ok' });
    expect(w.vendor.requests().length).toBe(before);
    w.calendar.editEvent(CAL, m.eventId, { summary: 'Plan v2' });
    syncOnce(w);
    expect(
      w.vendor
        .requests()
        .slice(before)
        .map((r) => r.method),
    ).toEqual(['PATCH']);
  });

  it('a 410 starts a full sync and reconciles: the meeting deleted meanwhile is deleted at the vendor', () => {
    const w = engineWorld();
    const keep = w.meeting(CAL, {
      summary: 'Keep',
      start: at('2026-11-24T10:00:00Z'),
      end: at('2026-11-24T11:00:00Z'),
    });
    const gone = w.meeting(CAL, {
      summary: 'Gone',
      start: at('2026-11-25T10:00:00Z'),
      end: at('2026-11-25T11:00:00Z'),
    });
    syncOnce(w);
    w.calendar.deleteEvent(CAL, gone.eventId);
    w.calendar.invalidateSyncTokens(CAL);
    w.calendar.purgeDeleted(CAL);
    const { result, state } = syncOnce(w);
    expect(result).toEqual({ mode: 'full', outcome: 'ok' });
    // The listing only decides: the DELETE waits for the delete gate at the end of the run.
    expect(state.book.get(gone.conferenceId)?.state).toBe('queued-delete');
    expect(w.vendor.conference(gone.conferenceId)?.deleted).toBeUndefined();
    runSync(w.services, { calendarIds: [CAL], reason: 'test' });
    expect(w.vendor.conference(gone.conferenceId)?.deleted).toBe(true);
    expect(w.vendor.conference(keep.conferenceId)?.deleted).toBeUndefined();
  });

  it('a calendar that answers 404 ends as lost-access with nothing deleted', () => {
    const w = engineWorld();
    w.calendar.addCalendar(TEAM);
    const m = w.meeting(TEAM, {
      summary: 'Team',
      start: at('2026-11-24T10:00:00Z'),
      end: at('2026-11-24T11:00:00Z'),
    });
    syncOnce(w, TEAM);
    w.calendar.revokeAccess(TEAM);
    const { result } = syncOnce(w, TEAM);
    expect(result.outcome).toBe('lost-access');
    expect(w.vendor.conference(m.conferenceId)?.deleted).toBeUndefined();
  });

  it('"Try again" on a refused removal waits while a watched calendar answers 404 (it may hold a copy)', () => {
    const w = engineWorld();
    w.calendar.addCalendar(TEAM);
    const m = w.meeting(CAL, {
      summary: 'Gone',
      start: at('2026-11-24T10:00:00Z'),
      end: at('2026-11-24T11:00:00Z'),
    });
    syncOnce(w, CAL);
    syncOnce(w, TEAM);
    w.calendar.revokeAccess(TEAM);
    runSync(w.services, { calendarIds: [TEAM], reason: 'test' });
    expect(UserState.load(w.store).find(TEAM)?.meta.lostAt).toBeGreaterThan(0);
    // The removal was refused for good and forgotten; the user asks for it again later.
    w.clock.advance(3600_000);
    const state = UserState.load(w.store);
    state.book.remove(m.conferenceId);
    state.book.put(
      deleteRetryRequested({
        conferenceId: m.conferenceId,
        solutionId: 'acme',
        place: { cal: state.find(CAL)!.index, eventId: 'elsewhere' },
      }),
    );
    state.save();
    runSync(w.services, { calendarIds: [CAL], reason: 'test' });
    expect(w.vendor.conference(m.conferenceId)?.deleted).toBeUndefined();
    expect(UserState.load(w.store).book.get(m.conferenceId)?.state).toBe('queued-delete');
  });

  it('out of budget before a page: keeps a checkpoint and lists nothing', () => {
    const w = engineWorld();
    w.meeting(CAL, { summary: 'Plan', start: at('2026-11-24T10:00:00Z'), end: at('2026-11-24T11:00:00Z') });
    const { result, state } = syncOnce(w, CAL, -1);
    expect(result).toEqual({ mode: 'full', outcome: 'partial' });
    expect(state.find(CAL)?.meta.checkpoint).toMatchObject({ mode: 'full' });
    expect(state.find(CAL)?.meta.token).toBeUndefined();
  });
});

describe('runSync: one execution for the user', () => {
  it('syncs every watched calendar, logs one line each, and never asks for a sub-hour timer', () => {
    const w = engineWorld();
    w.calendar.addCalendar(TEAM);
    w.meeting(CAL, { summary: 'A', start: at('2026-11-24T10:00:00Z'), end: at('2026-11-24T11:00:00Z') });
    w.meeting(TEAM, { summary: 'B', start: at('2026-11-24T10:00:00Z'), end: at('2026-11-24T11:00:00Z') });
    const summary = runSync(w.services, { reason: 'test' });
    expect(summary).toEqual({ status: 'done', calendars: 2 });
    expect(w.logs.filter((l) => l.msg === 'sync').map((l) => l.calendar)).toEqual([CAL, TEAM]);
    // The daily check replaced the triggers: one per calendar and the hourly safety net, nothing else.
    expect(w.triggers.map((t) => t.handler).sort()).toEqual(['safetyNetSync', 'syncEvents', 'syncEvents']);
  });

  it('a configuration problem is recorded on every calendar and sends nothing', () => {
    const w = engineWorld();
    w.meeting(CAL, { summary: 'A', start: at('2026-11-24T10:00:00Z'), end: at('2026-11-24T11:00:00Z') });
    const broken = {
      ...w.services,
      vendor: () => {
        throw new Error('CONFERENCE_API_KEY is missing');
      },
    };
    const summary = runSync(broken, { reason: 'test' });
    expect(summary.status).toBe('config-error');
    expect(UserState.load(w.store).find(CAL)?.meta.last).toMatchObject({ outcome: 'error' });
    expect(w.vendor.requests()).toHaveLength(1); // only the create made by the test
  });

  it('a moved meeting leads the run to the calendar it moved to: watched, nothing deleted', () => {
    const w = engineWorld();
    w.calendar.addCalendar(TEAM);
    const m = w.meeting(CAL, {
      summary: 'A',
      start: at('2026-11-24T10:00:00Z'),
      end: at('2026-11-24T11:00:00Z'),
    });
    runSync(w.services, { reason: 'test' });
    w.calendar.moveEvent(CAL, m.eventId, TEAM);
    runSync(w.services, { calendarIds: [CAL], reason: 'test' });
    // The cancelled entry may be a move: the conference waits 10 minutes (issue 22's settle); then
    // the delete gate lists every calendar the user can edit, and finds it in the team calendar.
    w.clock.advance(11 * 60_000);
    runSync(w.services, { calendarIds: [CAL], reason: 'test' });
    expect(w.vendor.conference(m.conferenceId)?.deleted).toBeUndefined();
    expect(w.triggers.filter((t) => t.calendarId === TEAM)).toHaveLength(1);
    expect(UserState.load(w.store).find(TEAM)?.meta.token).toBeTruthy();
  });
});
