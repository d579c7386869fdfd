import type { ServiceContext } from '../context';
import { exception, utf8Bytes } from './errors';

/**
 * CacheService (Cache class reference): keys up to 250 characters, values up to 100 KB, expiration
 * default 600 s and at most 21,600 s (6 h). Expiry follows the simulated clock. A larger expiration is
 * capped at 6 h (the reference only says that is the maximum). "The cap for cached items is 1,000. If
 * more than 1,000 items are written, the cache stores the 900 items farthest from expiration." (Cache
 * reference, `put`/`putAll`). ASSUMPTION: among items expiring at the same moment the later-written
 * ones are kept. `getDocumentCache()` is null outside a document.
 */

export const CACHE_MAX_KEY_CHARS = 250;
export const CACHE_MAX_VALUE_BYTES = 100 * 1024;
export const CACHE_MAX_ITEMS = 1000;
/** What is left once the cap is passed: "the 900 items farthest from expiration". */
export const CACHE_ITEMS_KEPT = 900;
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

function checkKey(key: string): void {
  if (key.length > CACHE_MAX_KEY_CHARS) throw exception('Argument too large: key');
}

function checkValue(value: string): void {
  if (utf8Bytes(value) > CACHE_MAX_VALUE_BYTES) throw exception('Argument too large: value');
}

function ttlMs(seconds: number | undefined): number {
  const s = seconds === undefined ? CACHE_DEFAULT_TTL_S : Number(seconds);
  return Math.min(Math.max(s, 1), CACHE_MAX_TTL_S) * 1000;
}

/** A live entry of `store` at `now`, dropping it when expired. */
function lookup(store: CacheStore, key: string, now: number): string | null {
  const e = store.entries.get(key);
  if (!e) return null;
  if (e.expiresAt <= now) {
    store.entries.delete(key);
    return null;
  }
  return e.value;
}

/** Inserts (as the newest entry) and drops expired entries; past the cap, keeps the 900 farthest from expiry. */
function insert(store: CacheStore, key: string, value: string, now: number, ttlSeconds?: number): void {
  store.entries.delete(key);
  store.entries.set(key, { value, expiresAt: now + ttlMs(ttlSeconds) });
  for (const [k, e] of store.entries) if (e.expiresAt <= now) store.entries.delete(k);
  if (store.entries.size > CACHE_MAX_ITEMS) keepFarthestFromExpiry(store);
}

function keepFarthestFromExpiry(store: CacheStore): void {
  // Written order, newest first, then a stable sort by expiry: ties keep the later-written items.
  const byExpiry = [...store.entries].reverse().sort(([, a], [, b]) => b.expiresAt - a.expiresAt);
  for (const [k] of byExpiry.slice(CACHE_ITEMS_KEPT)) store.entries.delete(k);
}

function makeCache(store: CacheStore, ctx: ServiceContext): GoogleAppsScript.Cache.Cache {
  return {
    get(key: string) {
      ctx.call('cache.op');
      return lookup(store, String(key), ctx.clock.now());
    },
    getAll(keys: string[]) {
      ctx.call('cache.op');
      const out: Record<string, string> = {};
      for (const k of keys) {
        const v = lookup(store, String(k), ctx.clock.now());
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
      insert(store, k, v, ctx.clock.now(), expirationInSeconds);
    },
    putAll(values: Record<string, string>, expirationInSeconds?: number) {
      ctx.call('cache.op');
      const pairs = Object.entries(values ?? {}).map(([k, v]) => [k, String(v)] as const);
      for (const [k, v] of pairs) {
        checkKey(k);
        checkValue(v);
      }
      for (const [k, v] of pairs) insert(store, k, v, ctx.clock.now(), expirationInSeconds);
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
}

export function createCacheService(options: { ctx: ServiceContext }): CacheAdmin {
  const { ctx } = options;
  const stores = { script: new CacheStore(), user: new CacheStore() };
  const scriptCache = makeCache(stores.script, ctx);
  const userCache = makeCache(stores.user, ctx);
  const service = {
    getScriptCache: () => scriptCache,
    getUserCache: () => userCache,
    getDocumentCache: () => null,
  } as unknown as GoogleAppsScript.Cache.CacheService;
  return { service, stores };
}
