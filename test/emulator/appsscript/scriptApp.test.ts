import { harness } from './harness';

const CODE = `
function installCal(id) { return ScriptApp.newTrigger('syncEvents').forUserCalendar(id).onEventUpdated().create().getUniqueId(); }
function describeAll() {
  return ScriptApp.getProjectTriggers().map(function (t) {
    return [t.getHandlerFunction(), String(t.getEventType()), String(t.getTriggerSource()), t.getTriggerSourceId(),
      t.getEventType() === ScriptApp.EventType.ON_EVENT_UPDATED];
  });
}
function removeAll() { ScriptApp.getProjectTriggers().forEach(function (t) { ScriptApp.deleteTrigger(t); }); }
function installClock(ms) { ScriptApp.newTrigger('tick').timeBased().after(ms).create(); }
function installEvery() { ScriptApp.newTrigger('tick').timeBased().everyMinutes(5).create(); }
function installBadEvery() { ScriptApp.newTrigger('tick').timeBased().everyMinutes(7).create(); }
`;

describe('ScriptApp', () => {
  it('a calendar trigger reports its handler, event type, source and calendar id', () => {
    const h = harness(CODE);
    const uid = h.script.call('installCal', 'ada@example.com');
    expect(h.script.call('describeAll')).toEqual([
      ['syncEvents', 'ON_EVENT_UPDATED', 'CALENDAR', 'ada@example.com', true],
    ]);
    expect(h.triggers.get(uid as string)).toMatchObject({
      owner: 'ada@example.com',
      sourceId: 'ada@example.com',
    });
  });

  it("the 21st trigger is refused with 'This script has too many triggers'", () => {
    const h = harness(CODE);
    for (let i = 0; i < 20; i++) h.script.call('installCal', `cal${i}`);
    expect(() => h.script.call('installCal', 'cal20')).toThrow(
      'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
    );
    h.script.call('removeAll');
    expect(h.triggers.list()).toHaveLength(0);
    expect(() => h.script.call('installCal', 'cal20')).not.toThrow();
  });

  it('a platform-disabled trigger no longer fires and by default is no longer listed', () => {
    const h = harness(CODE);
    const uid = h.script.call('installCal', 'c1') as string;
    const kept = h.script.call('installCal', 'c2') as string;
    h.triggers.disable(uid);
    h.triggers.disable(kept, { listed: true });
    expect(h.script.call('describeAll')).toEqual([
      ['syncEvents', 'ON_EVENT_UPDATED', 'CALENDAR', 'c2', true],
    ]);
    expect(h.triggers.enabled()).toHaveLength(0);
  });

  it('a one-shot time-based trigger becomes due once and then stays listed until deleted', () => {
    const h = harness(CODE);
    h.script.call('installClock', 60_000);
    expect(h.triggers.due(h.clock.now())).toHaveLength(0);
    h.clock.advance(60_000);
    const [t] = h.triggers.due(h.clock.now());
    h.triggers.markFired(t, h.clock.now());
    expect(h.triggers.due(h.clock.now() + 1e9)).toHaveLength(0);
    expect(h.script.call('describeAll')).toEqual([['tick', 'CLOCK', 'CLOCK', null, false]]);
  });

  it('recurring time-based triggers accept only the documented intervals', () => {
    const h = harness(CODE);
    h.script.call('installEvery');
    expect(() => h.script.call('installBadEvery')).toThrow(/minutes/);
    const [t] = h.triggers.list();
    const first = t.nextFireAt as number;
    expect(first).toBe(t.createdAt + 5 * 60_000);
    h.clock.advance(5 * 60_000);
    h.triggers.markFired(h.triggers.due(h.clock.now())[0], h.clock.now());
    expect(t.nextFireAt).toBe(first + 5 * 60_000);
  });

  it('exposes script metadata and enums', () => {
    const h = harness(
      `function run() { return [typeof ScriptApp.getOAuthToken(), ScriptApp.getScriptId().length > 10, String(ScriptApp.AuthMode.FULL), String(ScriptApp.TriggerSource.CLOCK)]; }`,
    );
    expect(h.script.call('run')).toEqual(['string', true, 'FULL', 'CLOCK']);
  });
});
