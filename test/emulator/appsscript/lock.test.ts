import { harness } from './harness';

const CODE = `
function grab(ms) { var l = LockService.getUserLock(); return [l.tryLock(ms), l.hasLock()]; }
function waitFor(ms) { LockService.getScriptLock().waitLock(ms); return 'got it'; }
function holdAndRun(name, arg) {
  var l = LockService.getUserLock();
  l.waitLock(1000);
  return __runOther(name, arg);
}
function releaseAndCheck() { var l = LockService.getUserLock(); l.tryLock(0); l.releaseLock(); return l.hasLock(); }
`;

describe('LockService', () => {
  it('tryLock returns false while another execution holds the user lock, after waiting out the timeout', () => {
    const h = harness(CODE);
    // The outer execution holds the lock and, while it is still running, a concurrent run starts.
    // Test hook (globals are read each time an execution starts a fresh context).
    const g = h.globals as Record<string, unknown>;
    g.__runOther = (name: string, arg: unknown) => {
      const t = h.clock.now();
      const result = h.script.call(name, arg);
      return [result, h.clock.now() - t >= 5000];
    };
    expect(h.script.call('holdAndRun', 'grab', 5000)).toEqual([[false, false], true]);
    // Locks are released when the holding execution ends.
    expect(h.locks.holderOf('user')).toBeUndefined();
    expect(h.script.call('grab', 0)).toEqual([true, true]);
  });

  it("waitLock throws Apps Script's lock timeout error when an external process holds the lock", () => {
    const h = harness(CODE);
    h.locks.holdScriptLockExternally();
    expect(() => h.script.call('waitFor', 2000)).toThrow(
      'Lock timeout: another process was holding the lock for too long.',
    );
    h.locks.releaseExternal();
    expect(h.script.call('waitFor', 2000)).toBe('got it');
  });

  it('a lock left held by an execution is released when it ends', () => {
    const h = harness(CODE);
    h.script.call('grab', 0);
    expect(h.locks.holderOf('user')).toBeUndefined();
    h.locks.holdUserLockExternally();
    expect(h.script.call('grab', 100)).toEqual([false, false]);
  });

  it('releaseLock gives the lock up', () => {
    const h = harness(CODE);
    expect(h.script.call('releaseAndCheck')).toBe(false);
  });

  it('getDocumentLock is null outside a document', () => {
    const h = harness('function run() { return LockService.getDocumentLock(); }');
    expect(h.script.call('run')).toBeNull();
  });
});
