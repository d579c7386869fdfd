import { SimClock } from '../../../emulator/clock';
import { ExecutionManager } from '../../../emulator/execution';
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
});
