import { syncHealth } from '../../../src/status/health';
import { calendar } from '../cards/scenarios';

/** The homepage's one line about the sync: the most pressing thing first, else "all up to date". */

describe('syncHealth', () => {
  it('no calendar watched: nothing is synced yet', () => {
    expect(syncHealth([])).toEqual({ kind: 'no-calendar' });
  });

  it('all well: ok', () => {
    expect(syncHealth([calendar(), calendar({ calendarId: 'team@example.com' })])).toEqual({ kind: 'ok' });
  });

  it('counts what waits and what was refused across calendars', () => {
    const waiting = [calendar({ pending: 2 }), calendar({ calendarId: 'b', pending: 1 })];
    expect(syncHealth(waiting)).toEqual({ kind: 'waiting', count: 3 });
    const refused = [...waiting, calendar({ calendarId: 'c', deadLetterTotal: 4 })];
    expect(syncHealth(refused)).toEqual({ kind: 'refused', count: 4 });
  });

  it('puts what the user must act on before what fixes itself', () => {
    const all = [
      calendar({ syncing: true }),
      calendar({ calendarId: 'w', pending: 1 }),
      calendar({ calendarId: 'e', lastOutcome: 'error' }),
      calendar({ calendarId: 'r', deadLetterTotal: 1 }),
      calendar({ calendarId: 'u', watching: false }),
      calendar({ calendarId: 'l', lostAccessAt: 5 }),
    ];
    const blocked = {
      repairedThisWeek: 0,
      waitingForCalendar: 0,
      blocked: { at: 1, kind: 'unauthorized' as const },
    };
    const order: string[] = [];
    for (let n = all.length; n > 0; n--) order.push(syncHealth(all.slice(0, n), blocked).kind);
    expect(order).toEqual([
      'lost-access',
      'not-watched',
      'refused',
      'vendor-blocked',
      'vendor-blocked',
      'vendor-blocked',
    ]);
    expect(syncHealth(all.slice(0, 3)).kind).toBe('unfinished');
    expect(syncHealth(all.slice(0, 2)).kind).toBe('waiting');
    expect(syncHealth(all.slice(0, 1)).kind).toBe('checking');
    expect(syncHealth([calendar({ calendarId: 'u', setupProblem: 'trigger-limit' })])).toEqual({
      kind: 'not-watched',
      calendarId: 'u',
    });
  });
});
