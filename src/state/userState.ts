import type { PropertyStore } from '../platform/ports';
import { hash53 } from '../util/hash';
import { type ConferenceRecord, decodeRecord, encodeRecord } from './record';

/**
 * Everything the add-on remembers for one user, in that user's property store (triggers run as
 * the user, and user stores are 500 KB each, unlike the one shared script store).
 *
 *   c:<ck>          calendar meta (JSON): sync token, checkpoint, last run, shard count
 *   r:<ck>:<n>      record shard n: conference records as tab-separated lines (< 8 KB each)
 *   n:<ck>:<conf>   a record just written by onCreate (lock-free; merged by the next sync)
 *   q:<ck>          "sync this calendar again": set by a run that could not get the lock
 *   d:<ck>          dead letters (JSON, capped)
 *   s:<ck>          a setup problem recorded by onCreate (e.g. trigger quota full)
 *   g:retry         the pending-retry trigger (JSON)
 *
 * `<ck>` is a short hash of the calendar id. The whole store is read with ONE getProperties()
 * and written back with ONE setProperties() of only the keys whose value changed.
 */

export const SHARD_LIMIT_BYTES = 8000;
export const DEAD_LETTER_CAP = 25;

export interface Checkpoint {
  mode: 'full' | 'incremental';
  pageToken?: string;
  syncToken?: string;
  timeMin?: string;
  startedAt: number;
}

export interface LastRun {
  at: number;
  mode: 'full' | 'incremental' | 'retry';
  outcome: 'ok' | 'partial' | 'error';
  items: number;
  patches: number;
  deletes: number;
  queued: number;
  deadLetters: number;
  error?: string;
}

export interface CalendarMeta {
  id: string;
  token?: string;
  gen: number;
  shards: number;
  checkpoint?: Checkpoint;
  last?: LastRun;
  lastOkAt?: number;
  /** Consecutive runs that ended in an error (backs off the retry trigger). */
  errorStreak?: number;
  fullSyncAt?: number;
}

export interface DeadLetter {
  at: number;
  op: 'create' | 'patch' | 'delete';
  conferenceId?: string;
  eventId?: string;
  status?: number;
  reason: string;
}

export interface SetupProblem {
  at: number;
  message: string;
}

export function calendarKey(calendarId: string): string {
  return hash53(calendarId);
}

export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function shardOf(conferenceId: string, shards: number): number {
  return Number.parseInt(hash53(conferenceId).slice(-6), 36) % shards;
}

function parseJson<T>(text: string | undefined): T | undefined {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

export class CalendarState {
  readonly key: string;
  meta: CalendarMeta;
  deadLetters: DeadLetter[];
  deadLetterTotal: number;
  setupProblem: SetupProblem | undefined;
  rerunRequested: boolean;
  private readonly records = new Map<string, ConferenceRecord>();
  private byEvent: Map<string, ConferenceRecord[]> | null = null;
  private readonly dirtyShards = new Set<number>();
  private resharded = false;
  /** Keys of lock-free records (n:) merged into the shards, to delete on save. */
  readonly mergedNewKeys: string[] = [];

  constructor(key: string, meta: CalendarMeta, deadLetters: DeadLetter[], deadLetterTotal: number) {
    this.key = key;
    this.meta = meta;
    this.deadLetters = deadLetters;
    this.deadLetterTotal = deadLetterTotal;
    this.setupProblem = undefined;
    this.rerunRequested = false;
  }

  get id(): string {
    return this.meta.id;
  }

  /** Used while loading: does not mark anything dirty. */
  loadRecord(record: ConferenceRecord): void {
    this.records.set(record.conferenceId, record);
  }

  allRecords(): ConferenceRecord[] {
    return Array.from(this.records.values());
  }

  recordCount(): number {
    return this.records.size;
  }

  record(conferenceId: string): ConferenceRecord | undefined {
    return this.records.get(conferenceId);
  }

  recordsForEvent(eventId: string): ConferenceRecord[] {
    if (!this.byEvent) {
      this.byEvent = new Map();
      for (const r of this.records.values()) {
        const list = this.byEvent.get(r.eventId);
        if (list) list.push(r);
        else this.byEvent.set(r.eventId, [r]);
      }
    }
    return this.byEvent.get(eventId) ?? [];
  }

  /** Stores a new or changed record (mutating the object returned by record() also needs this call). */
  put(record: ConferenceRecord): void {
    const previous = this.records.get(record.conferenceId);
    this.records.set(record.conferenceId, record);
    if (!previous || previous.eventId !== record.eventId) this.byEvent = null;
    this.dirtyShards.add(shardOf(record.conferenceId, this.meta.shards));
  }

  remove(conferenceId: string): void {
    if (!this.records.delete(conferenceId)) return;
    this.byEvent = null;
    this.dirtyShards.add(shardOf(conferenceId, this.meta.shards));
  }

  addDeadLetter(letter: DeadLetter): void {
    this.deadLetters.push({ ...letter, reason: letter.reason.slice(0, 200) });
    if (this.deadLetters.length > DEAD_LETTER_CAP)
      this.deadLetters.splice(0, this.deadLetters.length - DEAD_LETTER_CAP);
    this.deadLetterTotal++;
  }

  clearDeadLetters(): void {
    this.deadLetters = [];
    this.deadLetterTotal = 0;
  }

  /** Serialized shards that changed, growing the shard count when one would exceed the limit. */
  serializeDirtyShards(): Record<string, string> {
    for (;;) {
      const out: Record<string, string> = {};
      const all = this.resharded;
      const wanted = all ? null : this.dirtyShards;
      const buckets = new Map<number, string[]>();
      for (const r of this.records.values()) {
        const shard = shardOf(r.conferenceId, this.meta.shards);
        if (wanted && !wanted.has(shard)) continue;
        const list = buckets.get(shard);
        if (list) list.push(encodeRecord(r));
        else buckets.set(shard, [encodeRecord(r)]);
      }
      let overflow = false;
      const indices = all
        ? Array.from({ length: this.meta.shards }, (_, i) => i)
        : Array.from(this.dirtyShards);
      for (const shard of indices) {
        const text = (buckets.get(shard) ?? []).sort().join('\n');
        if (utf8Length(text) > SHARD_LIMIT_BYTES) overflow = true;
        out[`r:${this.key}:${shard}`] = text;
      }
      if (!overflow) return out;
      this.meta.shards *= 2;
      this.resharded = true;
    }
  }

  markSaved(): void {
    this.dirtyShards.clear();
    this.resharded = false;
  }
}

export class UserState {
  private readonly calendarsByKey = new Map<string, CalendarState>();
  private loaded: Record<string, string>;
  private readonly forgotten = new Set<string>();
  retryTrigger: { uid: string; dueAt: number } | undefined;
  /** When the calendar triggers were last checked (platform-disabled ones are recreated). */
  triggersCheckedAt: number;

  private constructor(
    private readonly store: PropertyStore,
    snapshot: Record<string, string>,
  ) {
    this.loaded = snapshot;
    this.retryTrigger = parseJson(snapshot['g:retry']);
    this.triggersCheckedAt = Number(snapshot['g:watch'] ?? 0) || 0;
    for (const [key, value] of Object.entries(snapshot)) {
      if (!key.startsWith('c:')) continue;
      const meta = parseJson<CalendarMeta>(value);
      if (!meta || typeof meta.id !== 'string') continue;
      meta.shards = meta.shards > 0 ? meta.shards : 1;
      meta.gen = Number.isInteger(meta.gen) ? Math.max(meta.gen, 0) : 0;
      const ck = key.slice(2);
      const dead = parseJson<{ list: DeadLetter[]; total: number }>(snapshot[`d:${ck}`]);
      this.calendarsByKey.set(ck, new CalendarState(ck, meta, dead?.list ?? [], dead?.total ?? 0));
    }
    for (const [key, value] of Object.entries(snapshot)) {
      const kind = key.slice(0, 2);
      if (kind !== 'r:' && kind !== 'n:' && kind !== 'q:' && kind !== 's:') continue;
      const ck = key.slice(2).split(':')[0] ?? '';
      const cal = this.calendarsByKey.get(ck);
      if (!cal) continue;
      if (kind === 'r:') {
        for (const line of value.split('\n')) {
          const record = line ? decodeRecord(line) : null;
          if (record) cal.loadRecord(record);
        }
      } else if (kind === 'q:') cal.rerunRequested = true;
      else if (kind === 's:') cal.setupProblem = parseJson<SetupProblem>(value);
    }
    // Lock-free records from onCreate: merge after the shards so they win over stale copies.
    for (const [key, value] of Object.entries(snapshot)) {
      if (!key.startsWith('n:')) continue;
      const newline = value.indexOf('\n');
      const calendarId = value.slice(0, newline);
      const record = newline > 0 ? decodeRecord(value.slice(newline + 1)) : null;
      if (!record || calendarKey(calendarId) !== key.slice(2).split(':')[0]) continue;
      const cal = this.calendar(calendarId);
      const existing = cal.record(record.conferenceId);
      if (!existing) cal.put(record);
      cal.mergedNewKeys.push(key);
    }
  }

  /** One getProperties(). */
  static load(store: PropertyStore): UserState {
    return new UserState(store, store.getAll());
  }

  calendars(): CalendarState[] {
    return Array.from(this.calendarsByKey.values());
  }

  find(calendarId: string): CalendarState | undefined {
    return this.calendarsByKey.get(calendarKey(calendarId));
  }

  /** The calendar's state, created (empty, no token) if the add-on has not watched it yet. */
  calendar(calendarId: string): CalendarState {
    const ck = calendarKey(calendarId);
    let cal = this.calendarsByKey.get(ck);
    if (!cal) {
      cal = new CalendarState(ck, { id: calendarId, gen: 0, shards: 1 }, [], 0);
      this.calendarsByKey.set(ck, cal);
    }
    return cal;
  }

  /** Drops everything stored for a calendar (on the next save). */
  forget(calendarId: string): void {
    const ck = calendarKey(calendarId);
    if (this.calendarsByKey.delete(ck)) this.forgotten.add(ck);
  }

  /** The values this state wants stored, for the keys it manages. */
  private desired(): Record<string, string> {
    const set: Record<string, string> = {};
    for (const cal of this.calendarsByKey.values()) {
      Object.assign(set, cal.serializeDirtyShards());
      set[`c:${cal.key}`] = JSON.stringify(cal.meta);
      if (cal.deadLetterTotal > 0 || this.loaded[`d:${cal.key}`] !== undefined)
        set[`d:${cal.key}`] = JSON.stringify({ list: cal.deadLetters, total: cal.deadLetterTotal });
    }
    if (this.retryTrigger) set['g:retry'] = JSON.stringify(this.retryTrigger);
    if (this.triggersCheckedAt) set['g:watch'] = String(this.triggersCheckedAt);
    return set;
  }

  /**
   * Writes what changed with one setProperties(), then removes keys this state no longer needs
   * (merged onCreate records, shards of forgotten calendars). Returns the number of keys written.
   */
  save(): number {
    const set = this.desired();
    const changed: Record<string, string> = {};
    for (const [key, value] of Object.entries(set)) {
      if (this.loaded[key] !== value) changed[key] = value;
    }
    for (const [key, value] of Object.entries(changed)) {
      if (value === '' && key.startsWith('r:') && this.loaded[key] === undefined) delete changed[key];
    }
    if (Object.keys(changed).length > 0) this.store.setMany(changed);
    const removals: string[] = [];
    for (const cal of this.calendarsByKey.values()) removals.push(...cal.mergedNewKeys);
    for (const key of Object.keys(this.loaded)) {
      const prefix = key.slice(0, 2);
      if (!['c:', 'r:', 'n:', 'd:', 's:', 'q:'].includes(prefix)) continue;
      if (this.forgotten.has(key.slice(2).split(':')[0] ?? '')) removals.push(key);
    }
    this.forgotten.clear();
    if (!this.retryTrigger && this.loaded['g:retry'] !== undefined) removals.push('g:retry');
    for (const key of new Set(removals)) this.store.remove(key);
    this.loaded = { ...this.loaded, ...changed };
    for (const key of removals) delete this.loaded[key];
    for (const cal of this.calendarsByKey.values()) {
      cal.markSaved();
      cal.mergedNewKeys.length = 0;
    }
    return Object.keys(changed).length;
  }

  /** Clears a calendar's rerun flag (one property removal) before syncing it again. */
  clearRerun(cal: CalendarState): void {
    if (!cal.rerunRequested) return;
    this.store.remove(`q:${cal.key}`);
    delete this.loaded[`q:${cal.key}`];
    cal.rerunRequested = false;
  }

  bytesUsed(): number {
    let total = 0;
    for (const [k, v] of Object.entries(this.loaded)) total += utf8Length(k) + utf8Length(v);
    return total;
  }
}

/** Lock-free writes (no need to hold the sync lock): each touches a key nobody else writes. */
export const lockFree = {
  putNewRecord(store: PropertyStore, calendarId: string, record: ConferenceRecord): void {
    store.set(
      `n:${calendarKey(calendarId)}:${record.conferenceId}`,
      `${calendarId}\n${encodeRecord(record)}`,
    );
  },
  requestRerun(store: PropertyStore, calendarId: string, now: number): void {
    store.set(`q:${calendarKey(calendarId)}`, String(now));
  },
  recordSetupProblem(store: PropertyStore, calendarId: string, problem: SetupProblem): void {
    store.set(`s:${calendarKey(calendarId)}`, JSON.stringify(problem));
  },
  clearSetupProblem(store: PropertyStore, calendarId: string): void {
    store.remove(`s:${calendarKey(calendarId)}`);
  },
};
