import type { ServiceContext } from '../context';
import { DailyQuota, exception, utf8Bytes } from './errors';

/**
 * PropertiesService. Limits (QUOTAS): 9 KB per value, 500 KB per store (keys + values, counted in
 * UTF-8 bytes), 50,000 reads+writes a day (consumer; pass `dailyQuota: 500_000` for Workspace).
 * Values are stored as strings (`String(value)`), as the Properties guide says.
 *
 * Error texts: a store over 500 KB throws "You have exceeded the property storage quota. Please
 * remove some properties and try again." (widely reported). An oversized single value throws
 * "Argument too large: value" (reported by users; some reports show the storage-quota text instead,
 * so scripts should treat both as "too big"). Errors have name `Exception`.
 */

export const PROPERTY_VALUE_MAX_BYTES = 9 * 1024;
export const PROPERTY_STORE_MAX_BYTES = 500 * 1024;
export const PROPERTIES_DAILY_QUOTA = 50_000;

export const STORAGE_QUOTA_MESSAGE =
  'You have exceeded the property storage quota. Please remove some properties and try again.';
export const VALUE_TOO_LARGE_MESSAGE = 'Argument too large: value';

/** One property store: a plain `Map` of strings, for tests to read and seed directly. */
export class PropertyStore extends Map<string, string> {
  constructor(initial: Record<string, string> = {}) {
    super();
    for (const [k, v] of Object.entries(initial)) this.set(k, String(v));
  }

  toObject(): Record<string, string> {
    return Object.fromEntries(this);
  }

  /** Keys + values in UTF-8 bytes: what counts against the 500 KB store limit. */
  bytesUsed(): number {
    return storeBytes(this);
  }
}

function storeBytes(map: Map<string, string>): number {
  let n = 0;
  for (const [k, v] of map) n += utf8Bytes(k) + utf8Bytes(v);
  return n;
}

export interface PropertiesOptions {
  ctx: ServiceContext;
  scriptProperties?: Record<string, string>;
  dailyQuota?: number;
}

export interface PropertiesAdmin {
  /** The emulated `PropertiesService` global. */
  service: GoogleAppsScript.Properties.PropertiesService;
  stores: { script: PropertyStore; user: PropertyStore };
  quota: DailyQuota;
}

/** Each Properties call is one metered PropertiesService operation counted against the daily quota. */
interface Metered {
  read(): void;
  write(): void;
}

/** Validates the store as it would be after a write, then commits it. */
function commit(store: PropertyStore, next: Map<string, string>, changed: Iterable<string>): void {
  for (const key of changed) {
    const v = next.get(key);
    if (v !== undefined && utf8Bytes(v) > PROPERTY_VALUE_MAX_BYTES) throw exception(VALUE_TOO_LARGE_MESSAGE);
  }
  if (storeBytes(next) > PROPERTY_STORE_MAX_BYTES) throw exception(STORAGE_QUOTA_MESSAGE);
  store.clear();
  for (const [k, v] of next) store.set(k, v);
}

function makeProperties(store: PropertyStore, op: Metered): GoogleAppsScript.Properties.Properties {
  const self: GoogleAppsScript.Properties.Properties = {
    getProperty(key: string) {
      op.read();
      return store.get(String(key)) ?? null;
    },
    getProperties() {
      op.read();
      return store.toObject();
    },
    getKeys() {
      op.read();
      return [...store.keys()];
    },
    setProperty(key: string, value: string) {
      op.write();
      const next = new Map(store);
      next.set(String(key), String(value));
      commit(store, next, [String(key)]);
      return self;
    },
    setProperties(properties: { [key: string]: string }, deleteAllOthers?: boolean) {
      op.write();
      const next = deleteAllOthers ? new Map<string, string>() : new Map(store);
      const changed: string[] = [];
      for (const [k, v] of Object.entries(properties ?? {})) {
        next.set(k, String(v));
        changed.push(k);
      }
      commit(store, next, changed);
      return self;
    },
    deleteProperty(key: string) {
      op.write();
      store.delete(String(key));
      return self;
    },
    deleteAllProperties() {
      op.write();
      store.clear();
      return self;
    },
  } as GoogleAppsScript.Properties.Properties;
  return self;
}

export function createPropertiesService(options: PropertiesOptions): PropertiesAdmin {
  const { ctx } = options;
  const quota = new DailyQuota(options.dailyQuota ?? PROPERTIES_DAILY_QUOTA, 'properties');
  const stores = { script: new PropertyStore(options.scriptProperties), user: new PropertyStore() };
  const op: Metered = {
    read() {
      ctx.call('properties.read');
      quota.take(ctx.clock.now());
    },
    write() {
      ctx.call('properties.write');
      quota.take(ctx.clock.now());
    },
  };
  const scriptProps = makeProperties(stores.script, op);
  const userProps = makeProperties(stores.user, op);
  const service = {
    getScriptProperties: () => scriptProps,
    getUserProperties: () => userProps,
    // A Calendar add-on runs outside any document.
    getDocumentProperties: () => null,
  } as unknown as GoogleAppsScript.Properties.PropertiesService;

  return { service, stores, quota };
}
