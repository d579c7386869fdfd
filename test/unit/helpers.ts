import { type ConferenceRecord, holds, newRecord } from '../../src/conference/lifecycle';
import type { PropertyStore } from '../../src/platform/ports';

/** A synced record of conference `cnf_1` carried by event `evt1` of calendar index 1. */
export function record(overrides: Partial<Parameters<typeof newRecord>[0]> = {}): ConferenceRecord {
  return newRecord({
    conferenceId: 'cnf_1',
    eventId: 'evt1',
    cal: 1,
    solutionId: 'acme-web',
    vendor: holds('h'),
    ...overrides,
  });
}

/** An in-memory property store that counts operations like PropertiesService would meter them. */
export class MemoryStore implements PropertyStore {
  data: Record<string, string> = {};
  reads = 0;
  writes = 0;
  getAll() {
    this.reads++;
    return { ...this.data };
  }
  get(key: string) {
    this.reads++;
    return this.data[key] ?? null;
  }
  setMany(values: Record<string, string>) {
    this.writes++;
    for (const [k, v] of Object.entries(values)) {
      if (v.length > 9000) throw new Error('Argument too large: value');
      this.data[k] = v;
    }
  }
  set(key: string, value: string) {
    this.setMany({ [key]: value });
  }
  remove(key: string) {
    this.writes++;
    delete this.data[key];
  }
}
