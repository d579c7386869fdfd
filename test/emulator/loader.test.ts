import { createAppsScriptServices } from '../../emulator/appsscript';
import { SimClock } from '../../emulator/clock';
import { ExecutionManager } from '../../emulator/execution';
import { loadScript } from '../../emulator/loader';

const T0 = Date.UTC(2026, 10, 23, 9, 0, 0);

function load(code: string, sharedContext = false) {
  const exec = new ExecutionManager({ clock: new SimClock(T0) });
  const services = createAppsScriptServices({ exec });
  return { exec, script: loadScript(code, services.globals, exec, { sharedContext }) };
}

describe('loader', () => {
  it('the vm has no require/process/module and no Node or browser globals', () => {
    const { script } = load(`function probe() {
      return ['require', 'module', 'exports', 'process', 'Buffer', 'setTimeout', 'setInterval', 'fetch',
        'global', '__dirname', 'queueMicrotask', 'structuredClone', 'window']
        .filter(function (n) { return typeof globalThis[n] !== 'undefined'; });
    }`);
    expect(script.call('probe')).toEqual([]);
  });

  it('the emulated services are the only extra globals', () => {
    const { script } = load(
      `function probe() { return [typeof PropertiesService, typeof Utilities, typeof Logger, typeof console]; }`,
    );
    expect(script.call('probe')).toEqual(['object', 'object', 'object', 'object']);
  });

  it('top-level function declarations are callable, functions inside an IIFE are not', () => {
    const { script } = load(`
      function visible() { return 'yes'; }
      var alsoVisible = function () { return 'var'; };
      const hidden = () => 'no';
      (function () { function insideIife() {} })();
    `);
    expect(script.has('visible')).toBe(true);
    expect(script.has('alsoVisible')).toBe(true);
    expect(script.has('hidden')).toBe(false);
    expect(script.has('insideIife')).toBe(false);
    expect(script.functionNames().sort()).toEqual(['alsoVisible', 'visible']);
    expect(script.call('visible')).toBe('yes');
    expect(() => script.call('insideIife')).toThrow('Script function not found: insideIife');
  });

  it('a missing function fails as an execution with "Script function not found"', () => {
    const { script, exec } = load('function a() {}');
    expect(() => script.call('nope')).toThrow('Script function not found: nope');
    expect(exec.history[0]).toMatchObject({ functionName: 'nope', outcome: 'error' });
  });

  it('Date.now inside the script reads the simulated clock', () => {
    const { script, exec } = load(`function times() {
      return [Date.now(), new Date().getTime(), typeof Date(), new Date(0).getTime(), Date.UTC(2020, 0, 1),
        new Date() instanceof Date, Object.prototype.toString.call(new Date()), Date.parse('2020-01-01T00:00:00Z')];
    }`);
    exec.clock.advance(12_345);
    expect(script.call('times')).toEqual([
      T0 + 12_345,
      T0 + 12_345,
      'string',
      0,
      Date.UTC(2020, 0, 1),
      true,
      '[object Date]',
      Date.UTC(2020, 0, 1),
    ]);
  });

  it('each execution starts with fresh globals, as in Apps Script', () => {
    const code = 'var counter = 0; function bump() { counter++; return counter; }';
    const fresh = load(code).script;
    expect([fresh.call('bump'), fresh.call('bump')]).toEqual([1, 1]);
    const shared = load(code, true).script;
    expect([shared.call('bump'), shared.call('bump')]).toEqual([1, 2]);
  });

  it('errors thrown by emulated services are instanceof Error inside the script', () => {
    const { script } = load(`function run() {
      try { Utilities.sleep(-1); } catch (e) { return [e instanceof Error, e instanceof TypeError, e.name, String(e)]; }
    }`);
    expect(script.call('run')).toEqual([
      true,
      false,
      'Exception',
      'Exception: Invalid argument: milliseconds',
    ]);
  });

  it('arguments are passed through and results returned', () => {
    const { script } = load('function add(a, b) { return {sum: a + b}; }');
    expect(script.call('add', 2, 3)).toEqual({ sum: 5 });
  });
});
