import { BlockedTime, CADENCE_SLACK_MS, Carriage, ORPHAN_LIMIT_MS } from './carriage';
import { checkStep } from './oracle';
import { SequenceRunner } from './runner';
import { API_KEY, BASE_URL } from './world';

/**
 * The model test's own checks, tested without the add-on's help: a stand-in script sends the vendor
 * calls the add-on might send, so what the oracle reports does not depend on src/ being right or wrong.
 */
const HOUR = 3600_000;
const CAL = 'team@example.com';
const slot = {
  start: { dateTime: '2026-12-01T10:00:00Z', timeZone: 'UTC' },
  end: { dateTime: '2026-12-01T11:00:00Z', timeZone: 'UTC' },
};

/** A stand-in for the add-on: creates and deletes conferences at the reference vendor, nothing else. */
const STAND_IN = `
function vendor(method, path, body) {
  var options = { method: method, muteHttpExceptions: true, headers: { Authorization: 'Bearer ${API_KEY}' } };
  if (body) { options.contentType = 'application/json'; options.payload = JSON.stringify(body); }
  try { return UrlFetchApp.fetch('${BASE_URL}' + path.replace(/^\\//, ''), options).getResponseCode(); }
  catch (e) { return 0; }
}
function make(eventId) {
  var r = UrlFetchApp.fetch('${BASE_URL}conferences', { method: 'post', contentType: 'application/json',
    headers: { Authorization: 'Bearer ${API_KEY}', 'Idempotency-Key': eventId },
    payload: JSON.stringify({ calendarId: '${CAL}', eventId: eventId, solutionId: 'acme-web' }) });
  return JSON.parse(r.getContentText()).id;
}
function drop(id) { return vendor('delete', '/conferences/' + encodeURIComponent(id)); }
`;

function standIn() {
  const runner = new SequenceRunner(5);
  runner.world.emu.loadSource(STAND_IN);
  const call = (name: string, ...args: unknown[]) => runner.world.emu.script!.call(name, ...args);
  return { runner, emu: runner.world.emu, call };
}

function carry(emu: ReturnType<typeof standIn>['emu'], calendarId: string, conferenceId: string) {
  const id = emu.ui.newEventId();
  emu.calendar.putEvent(calendarId, {
    id,
    summary: 'Review',
    ...slot,
    conferenceData: {
      conferenceId,
      conferenceSolution: { key: { type: 'addOn' }, name: 'Acme' },
      entryPoints: [{ entryPointType: 'video', uri: `https://conference.example.com/j/${conferenceId}` }],
    },
  });
  return id;
}

describe('the oracle judges each vendor DELETE as it arrives', () => {
  it('a DELETE of a conference a live event carries, in a calendar the add-on does not watch, is reported with the answer', () => {
    const { runner, emu, call } = standIn();
    try {
      const id = call('make', 'ev1') as string;
      carry(emu, 'user@example.com', id);
      expect(call('drop', id)).toBe(204);
      expect(runner.violations).toEqual([
        expect.objectContaining({
          kind: 'deletedWhileCarried',
          conferenceId: id,
          text: expect.stringContaining('(vendor answered 204)'),
        }),
      ]);
    } finally {
      emu.close();
    }
  });

  it('a DELETE the vendor never answered (down) was still meant to kill the conference: reported', () => {
    const { runner, emu, call } = standIn();
    try {
      const id = call('make', 'ev1') as string;
      carry(emu, CAL, id);
      runner.world.vendor.faults.set({ mode: 'down' });
      expect(call('drop', id)).toBe(0);
      expect(runner.violations).toEqual([
        expect.objectContaining({ kind: 'deletedWhileCarried', text: expect.stringContaining('down') }),
      ]);
    } finally {
      emu.close();
    }
  });

  it('a DELETE of a conference nothing carries any more is fine; a guest copy or a cancelled event carries nothing', () => {
    const { runner, emu, call } = standIn();
    try {
      const id = call('make', 'ev1') as string;
      const eventId = carry(emu, CAL, id);
      emu.calendar.receiveInvitation(
        'room@example.com',
        emu.calendar.peek(CAL, eventId)!,
        'boss@example.org',
      );
      emu.calendar.deleteEvent(CAL, eventId);
      expect(call('drop', id)).toBe(204);
      expect(runner.violations).toEqual([]);
    } finally {
      emu.close();
    }
  });
});

describe("an orphan's day", () => {
  it('runs from the last moment anything carried the conference, plus the hourly cadence', () => {
    let now = 0;
    let events: Array<{ id: string; conferenceData: object }> = [];
    const carriage = new Carriage(
      () => now,
      () => [{ calendarId: CAL, events }],
    );
    const ours = { conferenceId: 'c1', conferenceSolution: { key: { type: 'addOn' } } };
    carriage.made('c1');
    events = [{ id: 'e1', conferenceData: ours }];
    now = 5 * HOUR;
    carriage.update();
    expect(carriage.deadline('c1')).toBeUndefined(); // carried
    now = 7 * HOUR;
    events = [];
    carriage.update();
    expect(carriage.lastCarried('c1')).toBe(7 * HOUR);
    expect(carriage.deadline('c1')).toBe(7 * HOUR + ORPHAN_LIMIT_MS + CADENCE_SLACK_MS);
  });

  it('an open editor holding the conference carries it; closing it starts the day', () => {
    let now = 0;
    const carriage = new Carriage(
      () => now,
      () => [],
    );
    carriage.made('c1');
    carriage.hold('c1');
    now = 3 * HOUR;
    expect(carriage.deadline('c1')).toBeUndefined();
    carriage.release('c1');
    expect(carriage.deadline('c1')).toBe(3 * HOUR + ORPHAN_LIMIT_MS + CADENCE_SLACK_MS);
  });

  it('is longer by the time the add-on could not act (vendor down, lock held, a calendar unreadable)', () => {
    const blocked = new BlockedTime();
    blocked.sample(1 * HOUR, true);
    blocked.sample(3 * HOUR, false);
    blocked.sample(10 * HOUR, true);
    expect(blocked.between(0, 5 * HOUR)).toBe(2 * HOUR);
    expect(blocked.between(2 * HOUR, 12 * HOUR)).toBe(3 * HOUR);
  });
});

describe('two live conferences for one event (the step check, Calendar refusing our writes)', () => {
  const pair = ['cnf_old', 'cnf_new'].map((id) => ({
    id,
    calendarId: CAL,
    eventId: 'ev1',
    solutionId: 'acme-web',
  }));
  const vendor = { conferences: () => pair } as unknown as Parameters<typeof checkStep>[0];
  const carrying = (...ids: string[]) => ({
    calendars: [
      { id: CAL, live: ids.map((id, i) => ({ id: `e${i}`, conferenceData: { conferenceId: id } })) },
    ],
  });

  it('are reported when one was never carried alongside the other, allowed once seen both carried', () => {
    const allowedDuplicates = new Set<string>();
    const options = { copiesMayShare: true, allowedDuplicates };
    expect(checkStep(vendor, carrying('cnf_new'), options).map((d) => d.kind)).toEqual(['duplicateLive']);
    expect(checkStep(vendor, carrying('cnf_old', 'cnf_new'), options)).toEqual([]);
    // The user takes one off its event: live until the add-on's next run, like any removed conference.
    expect(checkStep(vendor, carrying('cnf_old'), options)).toEqual([]);
    // Without Calendar refusing our writes, never allowed.
    expect(checkStep(vendor, carrying('cnf_old', 'cnf_new'), {}).map((d) => d.kind)).toEqual([
      'duplicateLive',
    ]);
  });
});
