import { existsSync } from 'node:fs';
import { createEmulator } from '../../emulator';

const T0 = Date.UTC(2026, 10, 23, 9, 0, 0);
const HOUR = 3_600_000;

const SCRIPT = `
function install(calendarId) {
  ScriptApp.newTrigger('onCal').forUserCalendar(calendarId).onEventUpdated().create();
}
function onCal(e) {
  var p = PropertiesService.getScriptProperties();
  p.setProperty('seen', (p.getProperty('seen') || '') + e.calendarId + ':' + e.authMode + ';');
  if (e.calendarId === 'broken@example.com') throw new Error('sync failed');
}
function hourly() { ScriptApp.newTrigger('tick').timeBased().everyHours(1).create(); }
function hourlyBurn() { ScriptApp.newTrigger('burn').timeBased().everyHours(1).create(); }
function burn() { Utilities.sleep(5 * 60 * 1000); }
function once(ms) { ScriptApp.newTrigger('tick').timeBased().after(ms).create(); }
function tick(e) {
  var p = PropertiesService.getScriptProperties();
  p.setProperty('ticks', String(Number(p.getProperty('ticks') || 0) + 1));
  p.setProperty('lastTick', String(Date.now()));
}
function createWebConference(e) {
  if (e.eventData.eventId === 'slow') Utilities.sleep(31000);
  var ep = ConferenceDataService.newEntryPoint()
    .setEntryPointType(ConferenceDataService.EntryPointType.VIDEO).setUri('https://conference.example.com/j/1');
  return ConferenceDataService.newConferenceDataBuilder().setConferenceSolutionId('acme-web')
    .setConferenceId('c-1').addEntryPoint(ep).build();
}
function globalsSeen() {
  return ['Calendar', 'ConferenceDataService', 'ScriptApp', 'PropertiesService', 'LockService', 'CacheService',
    'UrlFetchApp', 'Utilities', 'Session', 'Logger', 'console', 'CardService']
    .filter(function (n) { return typeof globalThis[n] === 'undefined'; });
}
`;

function emulator() {
  const emu = createEmulator({ startTime: T0, userEmail: 'ada@example.com', seed: 3 });
  emu.loadSource(SCRIPT);
  return emu;
}

describe('createEmulator', () => {
  it('the script sees every emulated Apps Script service as a global', () => {
    const emu = emulator();
    expect(emu.script?.call('globalsSeen')).toEqual([]);
    emu.close();
  });

  it('a calendar change fires the EventUpdated trigger of that calendar with {authMode, calendarId, triggerUid}', () => {
    const emu = emulator();
    emu.script?.call('install', 'ada@example.com');
    emu.script?.call('install', 'other@example.com');
    expect(emu.deliverCalendarTriggers()).toEqual([]);
    emu.calendar.putEvent('ada@example.com', {
      summary: 'x',
      start: { dateTime: '2026-11-24T10:00:00Z' },
      end: { dateTime: '2026-11-24T11:00:00Z' },
    });
    const runs = emu.deliverCalendarTriggers();
    expect(runs).toEqual([
      expect.objectContaining({ functionName: 'onCal', calendarId: 'ada@example.com', outcome: 'ok' }),
    ]);
    expect(emu.properties.stores.script.get('seen')).toBe('ada@example.com:FULL;');
    expect(emu.deliverCalendarTriggers()).toEqual([]);
    emu.close();
  });

  it('deliverCalendarTriggers(only) runs just those calendars, in that order; the others stay pending', () => {
    const emu = emulator();
    emu.script?.call('install', 'ada@example.com');
    emu.script?.call('install', 'other@example.com');
    const slot = { start: { dateTime: '2026-11-24T10:00:00Z' }, end: { dateTime: '2026-11-24T11:00:00Z' } };
    emu.calendar.putEvent('ada@example.com', { summary: 'x', ...slot });
    emu.calendar.putEvent('other@example.com', { summary: 'y', ...slot });
    expect(emu.deliverCalendarTriggers(['other@example.com', 'nobody@example.com'])).toEqual([
      expect.objectContaining({ calendarId: 'other@example.com' }),
    ]);
    expect(emu.pendingCalendarChanges()).toEqual(['ada@example.com']);
    expect(emu.deliverCalendarTriggers()).toEqual([
      expect.objectContaining({ calendarId: 'ada@example.com' }),
    ]);
    expect(emu.properties.stores.script.get('seen')).toBe('other@example.com:FULL;ada@example.com:FULL;');
    emu.close();
  });

  it('"Script executions and API requests don\'t cause triggers to run" (installable-triggers guide)', () => {
    const emu = emulator();
    emu.script?.call('install', 'ada@example.com');
    emu.calendar.service.Events.insert(
      {
        summary: 'x',
        start: { dateTime: '2026-11-24T10:00:00Z' },
        end: { dateTime: '2026-11-24T11:00:00Z' },
      },
      'ada@example.com',
    );
    expect(emu.pendingCalendarChanges()).toEqual([]);
    expect(emu.deliverCalendarTriggers()).toEqual([]);
    emu.close();
  });

  // The conferencing sync guide says EventUpdated triggers fire "when a user creates, modifies, or deletes
  // any event in a specified calendar"; whether the script's own writes count is not stated for Calendar
  // (ASSUMPTION): switch apiWritesFireTriggers, default off, settable per emulator or while running.
  it("with apiWritesFireTriggers the script's own API writes fire its EventUpdated trigger too (switchable while running)", () => {
    const emu = createEmulator({
      startTime: T0,
      userEmail: 'ada@example.com',
      seed: 3,
      apiWritesFireTriggers: true,
    });
    emu.loadSource(SCRIPT);
    emu.script?.call('install', 'ada@example.com');
    const insert = () =>
      emu.calendar.service.Events.insert(
        {
          summary: 'x',
          start: { dateTime: '2026-11-24T10:00:00Z' },
          end: { dateTime: '2026-11-24T11:00:00Z' },
        },
        'ada@example.com',
      );
    insert();
    expect(emu.deliverCalendarTriggers()).toEqual([
      expect.objectContaining({ functionName: 'onCal', calendarId: 'ada@example.com', outcome: 'ok' }),
    ]);
    emu.apiWritesFireTriggers = false;
    insert();
    expect(emu.deliverCalendarTriggers()).toEqual([]);
    expect(emu.apiWritesFireTriggers).toBe(false);
    emu.close();
  });

  it('a failing trigger run is recorded in the execution history, not rethrown', () => {
    const emu = emulator();
    emu.script?.call('install', 'broken@example.com');
    emu.calendar.putEvent('broken@example.com', {
      summary: 'x',
      start: { dateTime: '2026-11-24T10:00:00Z' },
      end: { dateTime: '2026-11-24T11:00:00Z' },
    });
    const [run] = emu.deliverCalendarTriggers();
    expect(run).toMatchObject({ outcome: 'error', error: 'sync failed' });
    expect(emu.exec.history.find((r) => r.id === run.executionId)).toMatchObject({
      kind: 'trigger',
      outcome: 'error',
    });
    emu.close();
  });

  it('a disabled trigger does not fire', () => {
    const emu = emulator();
    emu.script?.call('install', 'ada@example.com');
    emu.triggers.disable(emu.triggers.list()[0].uid);
    emu.calendar.service.Events.insert(
      {
        summary: 'x',
        start: { dateTime: '2026-11-24T10:00:00Z' },
        end: { dateTime: '2026-11-24T11:00:00Z' },
      },
      'ada@example.com',
    );
    expect(emu.deliverCalendarTriggers()).toEqual([]);
    emu.close();
  });

  it('advance() fires a recurring time-based trigger at each of its due times', () => {
    const emu = emulator();
    emu.script?.call('hourly');
    const created = emu.triggers.list()[0].createdAt;
    const runs = emu.advance(3.5 * HOUR);
    expect(runs).toHaveLength(3);
    expect(emu.properties.stores.script.get('ticks')).toBe('3');
    expect(Number(emu.properties.stores.script.get('lastTick'))).toBeGreaterThanOrEqual(created + 3 * HOUR);
    emu.close();
  });

  // developers.google.com/apps-script/guides/services/quotas: "Triggers total runtime: 90 min / day"
  // (consumer), "6 hr / day" (Google Workspace), "Service using too much computer time for one day".
  it('consumer account: trigger runs fail with "Service using too much computer time for one day" once 90 min are spent', () => {
    const emu = emulator();
    emu.script?.call('hourlyBurn');
    const runs = emu.advance(20.5 * HOUR);
    expect(runs.slice(0, 18).every((r) => r.outcome === 'ok')).toBe(true);
    expect(runs.slice(18).map((r) => [r.outcome, r.error])).toEqual([
      ['error', 'Service using too much computer time for one day'],
      ['error', 'Service using too much computer time for one day'],
    ]);
    expect(emu.quotas.triggerRuntime()).toMatchObject({ usedMs: 90 * 60_000, limitMs: 90 * 60_000 });
    // The window opened by the first run (1 h in) resets 24 h later, not at midnight: runs at 25 h and 26 h count anew.
    emu.advance(5.6 * HOUR);
    expect(emu.quotas.triggerRuntime()).toMatchObject({ usedMs: 2 * 5 * 60_000, totalMs: 100 * 60_000 });
    emu.close();
  });

  it('Google Workspace account: 6 h of trigger runtime a day', () => {
    const emu = createEmulator({ startTime: T0, seed: 3, accountType: 'workspace' });
    emu.loadSource(SCRIPT);
    emu.script?.call('hourlyBurn');
    expect(emu.advance(24 * HOUR).every((r) => r.outcome === 'ok')).toBe(true);
    expect(emu.quotas.triggerRuntime().limitMs).toBe(6 * HOUR);
    emu.close();
  });

  it('a one-shot after() trigger fires once', () => {
    const emu = emulator();
    emu.script?.call('once', 60_000);
    expect(emu.runDueTimeTriggers()).toEqual([]);
    expect(emu.advance(3_600_000)).toHaveLength(1);
    expect(emu.advance(3_600_000)).toHaveLength(0);
    expect(emu.triggers.list()).toHaveLength(1);
    emu.close();
  });

  it('the manifest defaults to ./appsscript.json', () => {
    const emu = createEmulator();
    expect(emu.manifest.runtimeVersion).toBe('V8');
    emu.close();
  });

  // developers.google.com/apps-script/guides/services/quotas ("Current limitations"): "Google Workspace
  // add-on runtime: 30 sec / execution" — next to "Script runtime: 6 min / execution". The page does not
  // say which executions the 30 s covers (ASSUMPTION): those the add-on framework starts (card callbacks,
  // onCreateFunction), not installable triggers.
  it('"Google Workspace add-on runtime: 30 sec / execution": a card callback is cut at 30 s, a trigger run of the same work is not', () => {
    const emu = emulator();
    emu.loadSource(`${SCRIPT}\nfunction onHomepage(e) { Utilities.sleep(31000); return 'card'; }`);
    expect(() => emu.script?.callWith({ kind: 'addon' }, 'onHomepage', {})).toThrow(
      'Exceeded maximum execution time',
    );
    expect(emu.exec.history.at(-1)).toMatchObject({
      functionName: 'onHomepage',
      kind: 'addon',
      outcome: 'timeout',
      limitMs: 30_000,
    });
    expect(emu.script?.callWith({ kind: 'trigger' }, 'onHomepage', {})).toBe('card');
    expect(emu.exec.history.at(-1)).toMatchObject({ kind: 'trigger', outcome: 'ok', limitMs: 6 * 60_000 });
    emu.close();
  });

  it('the Calendar UI runs onCreateFunction as an add-on execution, limited to 30 s', () => {
    const emu = emulator();
    const ok = emu.ui.addConference({ calendarId: 'ada@example.com', eventId: 'e1', solutionId: 'acme-web' });
    expect(ok.ok).toBe(true);
    expect(emu.exec.history.at(-1)).toMatchObject({
      functionName: 'createWebConference',
      kind: 'addon',
      outcome: 'ok',
    });
    const slow = emu.ui.addConference({
      calendarId: 'ada@example.com',
      eventId: 'slow',
      solutionId: 'acme-web',
    });
    expect(slow.ok).toBe(false);
    expect(emu.exec.history.at(-1)).toMatchObject({ kind: 'addon', outcome: 'timeout' });
    emu.close();
  });

  (existsSync('dist/Code.js') ? it : it.skip)(
    'the built bundle exposes every manifest entry point as a top-level function',
    () => {
      const emu = createEmulator();
      const script = emu.load();
      const calendar = emu.manifest.addOns?.calendar as Record<string, unknown> & {
        conferenceSolution: Array<{ onCreateFunction: string }>;
      };
      const names = [
        ...calendar.conferenceSolution.map((s) => s.onCreateFunction),
        (calendar.eventOpenTrigger as { runFunction: string }).runFunction,
        calendar.createSettingsUrlFunction as string,
      ];
      for (const name of names) expect(script.has(name)).toBe(true);
      emu.close();
    },
  );
});
