import type { ServiceContext } from '../context';
import { exception, utf8Bytes } from './errors';

/**
 * CacheService (Cache class reference): keys up to 250 characters, values up to 100 KB, at most
 * 1,000 items per cache, expiration default 600 s and at most 21,600 s (6 h). Expiry follows the
 * simulated clock. A larger expiration is capped at 6 h (the reference only says that is the
 * maximum). Past 1,000 items the oldest entries are evicted ("the cache may evict items" is all the
 * reference promises, so scripts must tolerate misses anyway). `getDocumentCache()` is null outside
 * a document.
 */

export const CACHE_MAX_KEY_CHARS = 250;
export const CACHE_MAX_VALUE_BYTES = 100 * 1024;
export const CACHE_MAX_ITEMS = 1000;
export const CACHE_DEFAULT_TTL_S = 600;
export const CACHE_MAX_TTL_S = 21_600;

interface Entry {
  value: string;
  expiresAt: number;
}

export class CacheStore {
  readonly entries = new Map<string, Entry>();

  live(now: number): Map<string, string> {
    const out = new Map<string, string>();
    for (const [k, e] of this.entries) if (e.expiresAt > now) out.set(k, e.value);
    return out;
  }
}

export interface CacheAdmin {
  service: GoogleAppsScript.Cache.CacheService;
  stores: { script: CacheStore; user: CacheStore };
}

export function createCacheService(options: { ctx: ServiceContext }): CacheAdmin {
  const { ctx } = options;
  const stores = { script: new CacheStore(), user: new CacheStore() };

  const checkKey = (key: string) => {
    if (key.length > CACHE_MAX_KEY_CHARS) throw exception('Argument too large: key');
  };
  const checkValue = (value: string) => {
    if (utf8Bytes(value) > CACHE_MAX_VALUE_BYTES) throw exception('Argument too large: value');
  };
  const ttlMs = (seconds: number | undefined) => {
    const s = seconds === undefined ? CACHE_DEFAULT_TTL_S : Number(seconds);
    return Math.min(Math.max(s, 1), CACHE_MAX_TTL_S) * 1000;
  };

  const makeCache = (store: CacheStore): GoogleAppsScript.Cache.Cache => {
    const lookup = (key: string): string | null => {
      const e = store.entries.get(key);
      if (!e) return null;
      if (e.expiresAt <= ctx.clock.now()) {
        store.entries.delete(key);
        return null;
      }
      return e.value;
    };
    const insert = (key: string, value: string, ttlSeconds?: number) => {
      store.entries.delete(key);
      store.entries.set(key, { value, expiresAt: ctx.clock.now() + ttlMs(ttlSeconds) });
      const now = ctx.clock.now();
      for (const [k, e] of store.entries) if (e.expiresAt <= now) store.entries.delete(k);
      while (store.entries.size > CACHE_MAX_ITEMS) {
        const oldest = store.entries.keys().next().value as string;
        store.entries.delete(oldest);
      }
    };
    return {
      get(key: string) {
        ctx.call('cache.op');
        return lookup(String(key));
      },
      getAll(keys: string[]) {
        ctx.call('cache.op');
        const out: Record<string, string> = {};
        for (const k of keys) {
          const v = lookup(String(k));
          if (v !== null) out[String(k)] = v;
        }
        return out;
      },
      put(key: string, value: string, expirationInSeconds?: number) {
        ctx.call('cache.op');
        const k = String(key);
        const v = String(value);
        checkKey(k);
        checkValue(v);
        insert(k, v, expirationInSeconds);
      },
      putAll(values: Record<string, string>, expirationInSeconds?: number) {
        ctx.call('cache.op');
        const pairs = Object.entries(values ?? {}).map(([k, v]) => [k, String(v)] as const);
        for (const [k, v] of pairs) {
          checkKey(k);
          checkValue(v);
        }
        for (const [k, v] of pairs) insert(k, v, expirationInSeconds);
      },
      remove(key: string) {
        ctx.call('cache.op');
        store.entries.delete(String(key));
      },
      removeAll(keys: string[]) {
        ctx.call('cache.op');
        for (const k of keys) store.entries.delete(String(k));
      },
    } as GoogleAppsScript.Cache.Cache;
  };

  const scriptCache = makeCache(stores.script);
  const userCache = makeCache(stores.user);
  const service = {
    getScriptCache: () => scriptCache,
    getUserCache: () => userCache,
    getDocumentCache: () => null,
  } as unknown as GoogleAppsScript.Cache.CacheService;
  return { service, stores };
}
