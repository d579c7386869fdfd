import type { ExecutionManager } from '../execution';
import { exception } from './errors';

/**
 * LockService. A lock is owned by an execution: any Lock object obtained in that execution sees it
 * (`hasLock()`), re-acquiring it is a no-op success, and it is released when the execution ends,
 * normally or not ("locks are released automatically when the script ends").
 *
 * The emulator is single-threaded: when another execution (an outer one still running, because a
 * test started a concurrent run from inside it) or an external holder has the lock, it cannot be
 * released while we wait. So `tryLock(ms)` advances the simulated clock by the whole timeout and
 * returns false, and `waitLock(ms)` does the same and throws "Lock timeout: another process was
 * holding the lock for too long." (name `Exception`).
 *
 * `getDocumentLock()` returns null: a Calendar add-on runs outside any document.
 */

export const LOCK_TIMEOUT_MESSAGE = 'Lock timeout: another process was holding the lock for too long.';

type Holder = { kind: 'execution'; id: number } | { kind: 'external' };

export class LockTable {
  private readonly holders = new Map<string, Holder>();

  holder(name: string): Holder | undefined {
    return this.holders.get(name);
  }

  set(name: string, holder: Holder): void {
    this.holders.set(name, holder);
  }

  release(name: string): void {
    this.holders.delete(name);
  }

  releaseExecution(id: number): void {
    for (const [name, h] of this.holders)
      if (h.kind === 'execution' && h.id === id) this.holders.delete(name);
  }
}

export interface LockAdmin {
  service: GoogleAppsScript.Lock.LockService;
  table: LockTable;
  /** Makes the user lock held by "another process" until `releaseExternal()`. */
  holdUserLockExternally(): void;
  holdScriptLockExternally(): void;
  /** Releases locks held externally (all of them, or the named one: 'user' | 'script'). */
  releaseExternal(which?: 'user' | 'script'): void;
  /** Who holds a lock now: an execution id, 'external', or undefined. */
  holderOf(which: 'user' | 'script'): number | 'external' | undefined;
}

/** True when the current execution holds lock `name`. */
function heldByCurrent(table: LockTable, exec: ExecutionManager, name: string): boolean {
  const h = table.holder(name);
  const cur = exec.current();
  return h?.kind === 'execution' && cur !== undefined && h.id === cur.id;
}

/** One acquisition attempt: takes a free (or abandoned) lock, else waits out the whole timeout. */
function acquire(table: LockTable, exec: ExecutionManager, name: string, timeoutMs: number): boolean {
  exec.call('lock.acquire');
  if (heldByCurrent(table, exec, name)) return true;
  const h = table.holder(name);
  const holderAlive = h !== undefined && (h.kind === 'external' || exec.isRunning(h.id));
  if (!holderAlive) {
    const cur = exec.current();
    // Outside any execution (a test calling the service directly) the lock is taken externally.
    table.set(name, cur ? { kind: 'execution', id: cur.id } : { kind: 'external' });
    return true;
  }
  // Nobody can release it while we wait: the whole timeout passes, then we give up.
  const wait = Math.max(0, Number(timeoutMs) || 0);
  if (wait > 0) exec.call('lock.wait', wait);
  return false;
}

function makeLock(table: LockTable, exec: ExecutionManager, name: string): GoogleAppsScript.Lock.Lock {
  return {
    tryLock(timeoutInMillis: number) {
      return acquire(table, exec, name, timeoutInMillis);
    },
    waitLock(timeoutInMillis: number) {
      if (!acquire(table, exec, name, timeoutInMillis)) throw exception(LOCK_TIMEOUT_MESSAGE);
    },
    releaseLock() {
      exec.call('lock.release');
      if (heldByCurrent(table, exec, name)) table.release(name);
    },
    hasLock() {
      return heldByCurrent(table, exec, name);
    },
  } as GoogleAppsScript.Lock.Lock;
}

export function createLockService(options: { exec: ExecutionManager; userEmail: string }): LockAdmin {
  const { exec, userEmail } = options;
  const table = new LockTable();
  exec.onEnd((record) => table.releaseExecution(record.id));
  const names = { user: `user:${userEmail}`, script: 'script' } as const;
  const service = {
    getUserLock: () => makeLock(table, exec, names.user),
    getScriptLock: () => makeLock(table, exec, names.script),
    getDocumentLock: () => null,
  } as unknown as GoogleAppsScript.Lock.LockService;

  return {
    service,
    table,
    holdUserLockExternally: () => table.set(names.user, { kind: 'external' }),
    holdScriptLockExternally: () => table.set(names.script, { kind: 'external' }),
    releaseExternal(which) {
      for (const key of which ? [which] : (['user', 'script'] as const)) {
        if (table.holder(names[key])?.kind === 'external') table.release(names[key]);
      }
    },
    holderOf(which) {
      const h = table.holder(names[which]);
      if (!h) return undefined;
      return h.kind === 'external' ? 'external' : h.id;
    },
  };
}
