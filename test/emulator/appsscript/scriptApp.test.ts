import {
  ONE_TRIGGER_PER_TYPE_MESSAGE,
  SUB_HOUR_TRIGGER_MESSAGE,
} from '../../../emulator/appsscript/scriptApp';
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
function installAt(ms) { ScriptApp.newTrigger('tick').timeBased().at(new Date(ms)).create(); }
function installHourly(n) { ScriptApp.newTrigger('tick').timeBased().everyHours(n).create(); }
`;
const HOUR = 3_600_000;

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

  // Google's docs do not say whether a disabled trigger is still listed (ASSUMPTION): a switch, both ways.
  it.each([
    [false, []],
    [true, [['syncEvents', 'ON_EVENT_UPDATED', 'CALENDAR', 'c1', true]]],
  ])(
    'a platform-disabled trigger never fires again; listed by getProjectTriggers() only with disabledTriggersListed=%s',
    (listed, expected) => {
      const h = harness(CODE, { disabledTriggersListed: listed });
      const uid = h.script.call('installCal', 'c1') as string;
      h.triggers.disable(uid);
      expect(h.script.call('describeAll')).toEqual(expected);
      expect(h.triggers.enabled()).toHaveLength(0);
    },
  );

  it('disable(uid, {listed}) overrides the switch for one trigger', () => {
    const h = harness(CODE);
    h.triggers.disable(h.script.call('installCal', 'c1') as string);
    h.triggers.disable(h.script.call('installCal', 'c2') as string, { listed: true });
    expect(h.script.call('describeAll')).toEqual([
      ['syncEvents', 'ON_EVENT_UPDATED', 'CALENDAR', 'c2', true],
    ]);
  });

  it('a one-shot time-based trigger becomes due once and then stays listed until deleted', () => {
    const h = harness(CODE);
    h.script.call('installClock', 2 * HOUR);
    expect(h.triggers.due(h.clock.now())).toHaveLength(0);
    h.clock.advance(2 * HOUR);
    const [t] = h.triggers.due(h.clock.now());
    h.triggers.markFired(t, h.clock.now());
    expect(h.triggers.due(h.clock.now() + 1e9)).toHaveLength(0);
    expect(h.script.call('describeAll')).toEqual([['tick', 'CLOCK', 'CLOCK', null, false]]);
  });

  // developers.google.com/apps-script/guides/triggers/installable ("Time-driven triggers"): "add-ons can
  // use a time-driven trigger once per hour at most"; developers.google.com/apps-script/reference/script/
  // clock-trigger-builder#after: "The actual duration might vary, but won't be less than your specified
  // minimum." Default `stretch`: a shorter request fires no earlier than an hour after it was made.
  it('add-ons use a time-driven trigger once per hour at most: after(60 s) fires no earlier than an hour later (stretch)', () => {
    const h = harness(CODE);
    const created = h.clock.now();
    h.script.call('installClock', 60_000);
    const [t] = h.triggers.list();
    expect(t.nextFireAt).toBe(created + HOUR);
    expect(h.triggers.due(created + HOUR - 1)).toHaveLength(0);
    expect(h.triggers.due(created + HOUR)).toHaveLength(1);
  });

  it('ClockTriggerBuilder.after(ms) never runs earlier than asked: after(2 h) is due at 2 h', () => {
    const h = harness(CODE);
    const created = h.clock.now();
    h.script.call('installClock', 2 * HOUR);
    expect(h.triggers.list()[0].nextFireAt).toBe(created + 2 * HOUR);
  });

  it('add-ons use a time-driven trigger once per hour at most: with subHourTimers=throw, after()/at() under an hour throw', () => {
    const h = harness(CODE, { subHourTimers: 'throw' });
    expect(() => h.script.call('installClock', 60_000)).toThrow(SUB_HOUR_TRIGGER_MESSAGE);
    expect(() => h.script.call('installAt', h.clock.now() + 30 * 60_000)).toThrow(SUB_HOUR_TRIGGER_MESSAGE);
    expect(h.triggers.list()).toHaveLength(0);
    h.script.call('installClock', HOUR);
    h.script.call('removeAll');
    h.script.call('installAt', h.clock.now() + 3 * HOUR);
    expect(h.triggers.list()).toHaveLength(1);
  });

  // developers.google.com/workspace/add-ons/concepts/editor-triggers ("Restrictions", installable triggers
  // in add-ons) and .../workspace-triggers ("Restrictions", manifest triggers): "Each add-on can only have
  // one trigger of each type, per user, per document." Google is silent for a Workspace add-on's
  // installable triggers (ASSUMPTION): switch oneTriggerPerType, strict by default.
  it('"Each add-on can only have one trigger of each type, per user, per document": a second time-driven trigger is refused', () => {
    const h = harness(CODE);
    h.script.call('installHourly', 1);
    expect(() => h.script.call('installClock', 2 * HOUR)).toThrow(ONE_TRIGGER_PER_TYPE_MESSAGE);
    expect(() => h.script.call('installHourly', 6)).toThrow(ONE_TRIGGER_PER_TYPE_MESSAGE);
    expect(h.triggers.list()).toHaveLength(1);
    expect(h.triggers.refusals.map((r) => [r.handler, r.eventType, r.message])).toEqual([
      ['tick', 'CLOCK', ONE_TRIGGER_PER_TYPE_MESSAGE],
      ['tick', 'CLOCK', ONE_TRIGGER_PER_TYPE_MESSAGE],
    ]);
    h.script.call('removeAll');
    h.script.call('installHourly', 6); // the slot is free again once the first one is deleted
    expect(h.triggers.list()).toHaveLength(1);
  });

  it('one EventUpdated trigger per calendar (the calendar standing for the "document"); other calendars are free', () => {
    const h = harness(CODE);
    h.script.call('installCal', 'c1');
    h.script.call('installCal', 'c2');
    h.script.call('installHourly', 1);
    expect(() => h.script.call('installCal', 'c1')).toThrow(ONE_TRIGGER_PER_TYPE_MESSAGE);
    expect(h.triggers.list()).toHaveLength(3);
  });

  it('a disabled trigger the user no longer sees does not hold the slot (as for the 20-trigger quota)', () => {
    const h = harness(CODE);
    h.script.call('installHourly', 1);
    h.triggers.disable(h.triggers.list()[0].uid);
    expect(() => h.script.call('installHourly', 1)).not.toThrow();
    const listed = harness(CODE, { disabledTriggersListed: true });
    listed.script.call('installHourly', 1);
    listed.triggers.disable(listed.triggers.list()[0].uid);
    expect(() => listed.script.call('installHourly', 1)).toThrow(ONE_TRIGGER_PER_TYPE_MESSAGE);
  });

  it('with oneTriggerPerType=false any number of triggers of a type may be made (up to the 20)', () => {
    const h = harness(CODE, { oneTriggerPerType: false });
    h.script.call('installHourly', 1);
    h.script.call('installClock', 2 * HOUR);
    h.script.call('installCal', 'c1');
    h.script.call('installCal', 'c1');
    expect(h.triggers.list()).toHaveLength(4);
  });

  it.each(['stretch', 'throw'] as const)(
    'add-ons use a time-driven trigger once per hour at most: everyMinutes is refused (%s)',
    (mode) => {
      const h = harness(CODE, { subHourTimers: mode });
      expect(() => h.script.call('installEvery')).toThrow(SUB_HOUR_TRIGGER_MESSAGE);
      expect(h.triggers.list()).toHaveLength(0);
    },
  );

  // developers.google.com/apps-script/reference/script/clock-trigger-builder#everyHours(Integer):
  // "Specifies to run the trigger every n hours." No allowed set of n is listed, so none is imposed.
  it.each([1, 3, 5, 24])(
    'everyHours(%i) is taken as asked ("Specifies to run the trigger every n hours")',
    (n) => {
      const h = harness(CODE);
      h.script.call('installHourly', n);
      const [t] = h.triggers.list();
      expect(t.everyMs).toBe(n * HOUR);
      expect(t.nextFireAt).toBe(t.createdAt + n * HOUR);
    },
  );

  it('everyHours(n) below 1 or not whole is refused (ASSUMPTION: the reference does not say)', () => {
    const h = harness(CODE);
    expect(() => h.script.call('installHourly', 0)).toThrow('Invalid argument: hours');
    expect(() => h.script.call('installHourly', 1.5)).toThrow('Invalid argument: hours');
    expect(h.triggers.list()).toHaveLength(0);
  });

  it('everyHours(1) recurs every hour', () => {
    const h = harness(CODE);
    h.script.call('installHourly', 1);
    const [t] = h.triggers.list();
    const first = t.nextFireAt as number;
    expect(first).toBe(t.createdAt + HOUR);
    h.clock.advance(HOUR);
    h.triggers.markFired(h.triggers.due(h.clock.now())[0], h.clock.now());
    expect(t.nextFireAt).toBe(first + HOUR);
  });

  it('exposes script metadata and enums', () => {
    const h = harness(
      `function run() { return [typeof ScriptApp.getOAuthToken(), ScriptApp.getScriptId().length > 10, String(ScriptApp.AuthMode.FULL), String(ScriptApp.TriggerSource.CLOCK)]; }`,
    );
    expect(h.script.call('run')).toEqual(['string', true, 'FULL', 'CLOCK']);
  });
});
