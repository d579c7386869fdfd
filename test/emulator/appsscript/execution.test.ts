import { SimClock } from '../../../emulator/clock';
import {
  ExecutionManager,
  MAX_SIMULTANEOUS_EXECUTIONS,
  TOO_MANY_EXECUTIONS_MESSAGE,
  TRIGGER_RUNTIME_MESSAGE,
  TRIGGER_RUNTIME_MS,
} from '../../../emulator/execution';
import { harness } from './harness';

describe('execution model', () => {
  it('an execution over 6 minutes of simulated time is stopped at its next service call', () => {
    const exec = new ExecutionManager({ clock: new SimClock(0) });
    expect(() =>
      exec.run(
        'sync',
        () => {
          exec.call('properties.read');
          exec.clock.advance(6 * 60 * 1000);
          exec.call('properties.read');
        },
        { kind: 'trigger' },
      ),
    ).toThrow('Exceeded maximum execution time');
    expect(exec.history[0]).toMatchObject({ functionName: 'sync', kind: 'trigger', outcome: 'timeout' });
  });

  it('add-on callbacks are limited to 30 seconds by default', () => {
    const exec = new ExecutionManager({ clock: new SimClock(0) });
    expect(() => exec.run('onCreate', () => exec.call('x', 31_000), { kind: 'addon' })).toThrow(
      'Exceeded maximum execution time',
    );
    expect(exec.run('ok', () => exec.call('x', 31_000), { kind: 'trigger' })).toBeUndefined();
  });

  it('a killed execution cannot write properties afterwards, even if it catches the error', () => {
    const h = harness(`
      function run() {
        var p = PropertiesService.getScriptProperties();
        p.setProperty('a', '1');
        try { p.setProperty('b', '2'); } catch (e) { Logger.log('caught ' + e.message); }
        try { p.setProperty('c', '3'); } catch (e) {}
        return 'done';
      }`);
    h.exec.stopCurrentAfter({ calls: 1 });
    expect(() => h.script.call('run')).toThrow('Exceeded maximum execution time');
    expect(h.properties.stores.script.toObject()).toEqual({ a: '1' });
    // The catch block ran after the cut: its log line never happened.
    expect(h.logs).toEqual([]);
    expect(h.exec.history.at(-1)).toMatchObject({
      outcome: 'timeout',
      error: 'Exceeded maximum execution time',
    });
  });

  it('a run can be cut off after a span of simulated time', () => {
    const h = harness(
      `function run() { for (var i = 0; i < 100; i++) PropertiesService.getScriptProperties().setProperty('k' + i, 'v'); }`,
    );
    h.exec.stopCurrentAfter({ simMs: 100 });
    expect(() => h.script.call('run')).toThrow('Exceeded maximum execution time');
    // 30 ms per write: writes at 30, 60, 90 succeed; the one ending at 120 is cut.
    expect(h.properties.stores.script.size).toBe(3);
  });

  it('executions nest: a run started during another one is recorded with its parent', () => {
    const exec = new ExecutionManager({ clock: new SimClock(0) });
    exec.run('outer', () => {
      exec.run('inner', () => expect(exec.current()?.functionName).toBe('inner'), { kind: 'trigger' });
      expect(exec.current()?.functionName).toBe('outer');
    });
    expect(exec.history.map((r) => [r.functionName, r.parentId ?? null, r.outcome])).toEqual([
      ['outer', null, 'ok'],
      ['inner', 1, 'ok'],
    ]);
  });

  it('a thrown script error is recorded in history and rethrown', () => {
    const h = harness(`function boom() { throw new Error('nope'); }`);
    expect(() => h.script.call('boom')).toThrow('nope');
    expect(h.exec.history[0]).toMatchObject({ outcome: 'error', error: 'nope' });
  });

  // developers.google.com/apps-script/guides/services/quotas: "Triggers total runtime: 90 min / day"
  // (consumer), "6 hr / day" (Google Workspace); "Service using too much computer time for one day";
  // quotas "reset 24 hours after the first request".
  describe('trigger total runtime quota', () => {
    const minute = 60_000;
    const runTrigger = (exec: ExecutionManager, ms: number) =>
      exec.run('sync', () => exec.call('work', ms), { kind: 'trigger' });

    it('consumer accounts: once 90 min of trigger runtime are used, trigger runs fail with "Service using too much computer time for one day"', () => {
      const exec = new ExecutionManager({ clock: new SimClock(0) });
      for (let i = 0; i < 18; i++) runTrigger(exec, 5 * minute);
      expect(exec.triggerRuntimeUsage()).toMatchObject({ usedMs: 90 * minute, limitMs: 90 * minute });
      expect(() => runTrigger(exec, minute)).toThrow(TRIGGER_RUNTIME_MESSAGE);
      expect(exec.history.at(-1)).toMatchObject({
        kind: 'trigger',
        outcome: 'error',
        error: TRIGGER_RUNTIME_MESSAGE,
      });
      // Editor runs and add-on callbacks are not trigger runtime.
      expect(exec.run('manual', () => 'ran', { kind: 'editor' })).toBe('ran');
    });

    it('the trigger runtime quota resets 24 hours after the first trigger run, not at midnight', () => {
      const exec = new ExecutionManager({ clock: new SimClock(Date.UTC(2026, 10, 23, 23, 0, 0)) });
      const first = exec.clock.now();
      for (let i = 0; i < 18; i++) runTrigger(exec, 5 * minute);
      exec.clock.set(Date.UTC(2026, 10, 24, 2, 0, 0));
      expect(() => runTrigger(exec, minute)).toThrow(TRIGGER_RUNTIME_MESSAGE);
      expect(exec.triggerRuntimeUsage().resetsAt).toBe(first + 24 * 60 * minute);
      exec.clock.set(first + 24 * 60 * minute);
      expect(() => runTrigger(exec, minute)).not.toThrow();
      expect(exec.triggerRuntimeUsage()).toMatchObject({ usedMs: minute, totalMs: 91 * minute });
    });

    it('Google Workspace accounts have 6 h of trigger runtime a day', () => {
      const exec = new ExecutionManager({
        clock: new SimClock(0),
        triggerRuntimeDailyMs: TRIGGER_RUNTIME_MS.workspace,
      });
      for (let i = 0; i < 71; i++) runTrigger(exec, 5 * minute);
      expect(() => runTrigger(exec, 5 * minute)).not.toThrow();
      expect(() => runTrigger(exec, minute)).toThrow(TRIGGER_RUNTIME_MESSAGE);
    });
  });

  // developers.google.com/apps-script/guides/services/quotas: "Simultaneous executions: 30 / user"; the
  // exception (same page): "There are too many scripts running simultaneously for this Google user account."
  it("at most 30 simultaneous executions per user: the 31st is refused with Google's sentence while 30 run", () => {
    const exec = new ExecutionManager({ clock: new SimClock(0) });
    const nest = (depth: number): void => {
      if (depth === MAX_SIMULTANEOUS_EXECUTIONS) {
        expect(exec.running()).toHaveLength(30);
        expect(() => exec.run('one-too-many', () => 0, { kind: 'trigger' })).toThrow(
          'There are too many scripts running simultaneously for this Google user account.',
        );
        expect(TOO_MANY_EXECUTIONS_MESSAGE).toBe(
          'There are too many scripts running simultaneously for this Google user account.',
        );
        return;
      }
      exec.run(`run${depth}`, () => nest(depth + 1), { kind: 'trigger' });
    };
    nest(0);
    expect(exec.history.filter((r) => r.outcome === 'error').map((r) => r.functionName)).toEqual([
      'one-too-many',
    ]);
    expect(() => exec.run('later', () => 0, { kind: 'trigger' })).not.toThrow();
  });
});
