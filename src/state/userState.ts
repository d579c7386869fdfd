import {
  type ConferenceRecord,
  decodeRecord,
  encodeRecord,
  forgetCarrier,
  isOrphaned,
  madeIn,
  placeKey,
} from '../conference/lifecycle';
import type { PropertyStore } from '../platform/ports';
import { hash53 } from '../util/hash';
import { parseJson, utf8Length } from '../util/text';

/**
 * Everything the add-on remembers for one user, in the user's property store (triggers run as the
 * user; user stores are 500 KB each, unlike the one shared script store).
 *
 *   c:<ck>          calendar meta (JSON): index, sync token, checkpoint, last run, lost access
 *   k:<n>           conference records of every calendar, shard n (tab-separated lines, < 8 KB)
 *   g:book          the shard count of the records (JSON)
 *   n:<ck>:<conf>   a record just written by onCreate (lock-free; merged by the next sync)
 *   q:<ck>          "sync this calendar again": set by a run that could not get the lock
 *   d:<ck>          dead letters (JSON, capped)
 *   s:<ck>          a setup problem recorded by onCreate (e.g. trigger quota full)
 *   g:watch         when the calendar triggers were last replaced
 *   a:*, v:*, w:*   side keys of other modules (audit, vendor health, the sync's outbox of abandons),
 *                   here only so they share the one read and one write
 *   o:defaults      the user's meeting defaults (src/meeting/meetingDefaults.ts; not read here)
 *
 * `<ck>` is a short hash of the calendar id. The whole store is read with ONE getProperties()
 * and written back with ONE setProperties() of only the keys whose value changed.
 */

/** A property value stays under Apps Script's 9 KB limit with room for the key. */
export const SHARD_LIMIT_BYTES = 8000;
const DEAD_LETTER_CAP = 25;
/** Keys stored per calendar (`<prefix><ck>[:...]`), dropped when it is forgotten. */
const MANAGED_PREFIXES = ['c:', 'n:', 'd:', 's:', 'q:'];
/** Keys owned by other modules (see above): their values are theirs. */
const SIDE_PREFIXES = ['a:', 'v:', 'w:'];

const calendarKey = (calendarId: string): string => hash53(calendarId);
/** The `<ck>` of a `<prefix><ck>[:...]` key. */
const ckOf = (key: string): string => key.slice(2).split(':')[0] ?? '';
const shardOf = (conferenceId: string, shards: number): number =>
  Number.parseInt(hash53(conferenceId).slice(-6), 36) % shards;
/** The form of the keys `lockFree.putNewRecord` writes: `n:<ck>:<conferenceId>`. */
const NEW_RECORD_KEY = /^n:[^:]+:./;

export interface Checkpoint {
  mode: 'full' | 'incremental';
  pageToken?: string;
  syncToken?: string;
  timeMin?: string;
}

/** Why a run did not finish: the add-on's configuration, or Calendar. */
export type RunProblem = 'config' | 'calendar';

interface LastRun extends Record<'items' | 'patches' | 'deletes' | 'queued' | 'deadLetters', number> {
  at: number;
  mode: Checkpoint['mode'];
  outcome: 'ok' | 'partial' | 'rate-limited' | 'lost-access' | 'error';
  problem?: RunProblem;
  /** For the log and the curious, like a dead letter's reason: never read to decide anything. */
  error?: string;
}

export interface CalendarMeta {
  id: string;
  /** Small number that stands for this calendar in the carriers of conference records. */
  index: number;
  token?: string;
  gen: number;
  checkpoint?: Checkpoint;
  last?: LastRun;
  lastOkAt?: number;
  /** Calendar answered 404 (deleted, unsubscribed, sharing revoked) since this time: not synced. */
  lostAt?: number;
}

/** What went wrong with a call that will not be retried by itself, as a kind the cards put into words. */
export type ProblemKind =
  | 'unauthorized' // the vendor refused the credential (401)
  | 'forbidden' // the vendor does not allow this (403)
  | 'gone' // the conference no longer exists at the vendor
  | 'invalid-request' // the vendor rejected what we sent
  | 'bad-answer' // the vendor answered with something unusable
  | 'not-supported' // the vendor's API cannot express it
  | 'write-refused'; // Calendar refused to put the new conference on the event

export interface DeadLetter {
  at: number;
  op: 'update' | 'delete' | 'create' | 'write-back';
  conferenceId?: string;
  /** A refused removal's conference solution: "Try again" queues the removal again with it. */
  solutionId?: string;
  eventId?: string;
  problem: ProblemKind;
  reason: string;
}

export interface SetupProblem {
  at: number;
  kind: 'trigger-limit' | 'other'; // the user's trigger quota is full, or another refusal of the trigger
  message: string;
}

/**
 * Every conference record of the user (all calendars) by conference, with an index from carrier
 * (calendar + event) to its records. The shard count doubles when a shard would overflow a value.
 */
export class ConferenceBook {
  private readonly records = new Map<string, ConferenceRecord>();
  private byCarrier: Map<string, Set<ConferenceRecord>> | null = null;
  private readonly dirtyShards = new Set<number>();

  constructor(public shards: number) {}

  /** Used while loading: does not mark anything dirty. */
  load(record: ConferenceRecord): void {
    this.records.set(record.conferenceId, record);
  }

  get(conferenceId: string): ConferenceRecord | undefined {
    return this.records.get(conferenceId);
  }

  all(): ConferenceRecord[] {
    return Array.from(this.records.values());
  }

  /** Records (tombstones included) with a carrier or a meeting place at this calendar + event. */
  carriedBy(cal: number, eventId: string): ConferenceRecord[] {
    if (!this.byCarrier) {
      this.byCarrier = new Map();
      for (const r of this.records.values()) {
        for (const { cal, eventId } of [...r.carriers, ...r.meeting]) {
          const key = placeKey({ cal, eventId });
          this.byCarrier.set(key, (this.byCarrier.get(key) ?? new Set()).add(r));
        }
      }
    }
    return [...(this.byCarrier.get(placeKey({ cal, eventId })) ?? [])];
  }

  put(record: ConferenceRecord): void {
    this.records.set(record.conferenceId, record);
    this.changed(record.conferenceId);
  }

  remove(conferenceId: string): void {
    if (this.records.delete(conferenceId)) this.changed(conferenceId);
  }

  private changed(conferenceId: string): void {
    this.byCarrier = null;
    this.dirtyShards.add(shardOf(conferenceId, this.shards));
  }

  /** Serialized shards that changed, growing the shard count when one would exceed the limit. */
  serializeDirtyShards(): Record<string, string> {
    for (;;) {
      const lines = new Map([...this.dirtyShards].map((s) => [s, [] as string[]]));
      for (const r of this.records.values())
        lines.get(shardOf(r.conferenceId, this.shards))?.push(encodeRecord(r));
      const out: Record<string, string> = {};
      for (const [shard, list] of lines) out[`k:${shard}`] = list.sort().join('\n');
      if (Object.values(out).every((text) => utf8Length(text) <= SHARD_LIMIT_BYTES)) return out;
      this.shards *= 2;
      for (let s = 0; s < this.shards; s++) this.dirtyShards.add(s); // every record may have moved
    }
  }

  markSaved(): void {
    this.dirtyShards.clear();
  }
}

/** One watched calendar: its meta and dead letters, and a view of the records it carries. */
export class CalendarState {
  setupProblem: SetupProblem | undefined = undefined;
  rerunRequested = false;

  constructor(
    readonly key: string,
    public meta: CalendarMeta,
    public deadLetters: DeadLetter[],
    public deadLetterTotal: number,
    readonly book: ConferenceBook,
  ) {}

  get id(): string {
    return this.meta.id;
  }

  get index(): number {
    return this.meta.index;
  }

  /** Records an event of this calendar carries now. */
  allRecords(): ConferenceRecord[] {
    return this.book.all().filter((r) => this.carriesHere(r));
  }

  /** Without an event id: carried by any event of this calendar. */
  private carriesHere(r: ConferenceRecord, eventId?: string): boolean {
    return r.carriers.some((c) => c.cal === this.index && c.eventId === (eventId ?? c.eventId));
  }

  recordCount(): number {
    return this.allRecords().length;
  }

  /** The record of a conference, if an event of this calendar carries it. */
  record(conferenceId: string): ConferenceRecord | undefined {
    const r = this.book.get(conferenceId);
    return r && this.carriesHere(r) ? r : undefined;
  }

  recordsForEvent(eventId: string): ConferenceRecord[] {
    return this.book.carriedBy(this.index, eventId).filter((r) => this.carriesHere(r, eventId));
  }

  addDeadLetter(letter: DeadLetter): void {
    const kept = { ...letter, reason: letter.reason.slice(0, 200) };
    this.deadLetters = [...this.deadLetters, kept].slice(-DEAD_LETTER_CAP);
    this.deadLetterTotal++;
  }

  clearDeadLetters(): void {
    this.deadLetters = [];
    this.deadLetterTotal = 0;
  }
}

export class UserState {
  readonly book: ConferenceBook;
  /** When the calendar triggers were last replaced (platform-disabled ones come back). */
  triggersCheckedAt: number;
  /** Stored records this load could not read (damaged, or written by another version): for the log. */
  unreadable = 0;
  private readonly calendarsByKey = new Map<string, CalendarState>();
  /** What the store holds as far as this execution knows: save() writes only the difference. */
  private loaded: Record<string, string> = {};
  /** Keys to remove on save: merged onCreate records, forgotten calendars, side keys unset. */
  private readonly obsolete = new Set<string>();
  /** Side keys (SIDE_PREFIXES) as they are to be stored. */
  private readonly side = new Map<string, string>();

  private constructor(
    private readonly store: PropertyStore,
    snapshot: Record<string, string>,
  ) {
    this.book = new ConferenceBook(parseJson<{ shards: number }>(snapshot['g:book'])?.shards || 1);
    this.triggersCheckedAt = Number(snapshot['g:watch']) || 0;
    for (const [key, value] of Object.entries(snapshot)) {
      const prefix = key.slice(0, 2);
      if (prefix !== 'q:' && prefix !== 'n:') this.loaded[key] = value;
      if (SIDE_PREFIXES.includes(prefix)) this.side.set(key, value);
      else if (prefix === 'c:') this.loadCalendar(key.slice(2), value, snapshot);
      else if (prefix === 'k:') this.loadShard(value);
    }
    for (const cal of this.calendars()) if (!(cal.meta.index > 0)) cal.meta.index = this.nextIndex();
    // After the shards, so that a record onCreate wrote is merged over a stale copy.
    this.refresh(snapshot);
  }

  /** One getProperties(). */
  static load(store: PropertyStore): UserState {
    return new UserState(store, store.getAll());
  }

  private loadCalendar(ck: string, metaJson: string, snapshot: Record<string, string>): void {
    const meta = parseJson<CalendarMeta>(metaJson);
    if (!meta || typeof meta.id !== 'string') return;
    meta.gen = Number.isInteger(meta.gen) ? Math.max(meta.gen, 0) : 0;
    const dead = parseJson<{ list: DeadLetter[]; total: number }>(snapshot[`d:${ck}`]);
    const cal = new CalendarState(ck, meta, dead?.list ?? [], dead?.total ?? 0, this.book);
    cal.setupProblem = parseJson<SetupProblem>(snapshot[`s:${ck}`]);
    this.calendarsByKey.set(ck, cal);
  }

  private nextIndex(): number {
    return this.calendars().reduce((max, c) => Math.max(max, c.meta.index || 0), 0) + 1;
  }

  /** Takes rerun flags (`q:`) and onCreate's records (`n:`) not taken yet; by default one getProperties(). */
  refresh(entries = this.store.getAll()): void {
    for (const [key, value] of Object.entries(entries)) {
      if (key.startsWith('q:')) {
        this.loaded[key] = value;
        const cal = this.calendarsByKey.get(ckOf(key));
        if (cal) cal.rerunRequested = true;
      } else if (key.startsWith('n:') && this.loaded[key] === undefined) {
        this.loaded[key] = value;
        this.mergeNewRecord(key, value);
      }
    }
  }

  /** A shard's records; a line it cannot read is counted (and gone with the shard's next write). */
  private loadShard(text: string): void {
    for (const line of text ? text.split('\n') : []) {
      const record = decodeRecord(line);
      if (record) this.book.load(record);
      else this.unreadable++;
    }
  }

  private mergeNewRecord(key: string, value: string): void {
    const newline = value.indexOf('\n');
    const calendarId = value.slice(0, newline);
    const record = newline > 0 ? decodeRecord(value.slice(newline + 1)) : null;
    if (!record || calendarKey(calendarId) !== ckOf(key)) {
      // One of ours it cannot read goes at the next save: kept, it would be read again on every load.
      if (!NEW_RECORD_KEY.test(key)) return;
      this.obsolete.add(key);
      this.unreadable++;
      return;
    }
    const cal = this.getOrAddCalendar(calendarId);
    this.obsolete.add(key);
    // A record further along wins over onCreate's, unless being deleted or gone: the event carries the
    // conference again (added back, or the create replayed). Its other carriers and places are kept.
    const existing = this.book.get(record.conferenceId);
    if (existing && !isOrphaned(existing) && existing.state !== 'lost') return;
    this.book.put(madeIn(record, cal.index, existing));
  }

  calendars(): CalendarState[] {
    return Array.from(this.calendarsByKey.values());
  }

  find(calendarId: string): CalendarState | undefined {
    return this.calendarsByKey.get(calendarKey(calendarId));
  }

  byIndex(index: number): CalendarState | undefined {
    return this.calendars().find((c) => c.index === index);
  }

  /** A calendar the add-on has not watched yet is added (empty, no token). */
  getOrAddCalendar(calendarId: string): CalendarState {
    const known = this.find(calendarId);
    if (known) return known;
    const ck = calendarKey(calendarId);
    const cal = new CalendarState(ck, { id: calendarId, index: this.nextIndex(), gen: 0 }, [], 0, this.book);
    // Before this calendar was ever stored, a run locked out may have left its rerun flag, and onCreate
    // its setup problem (the sync details card names it).
    cal.rerunRequested = this.loaded[`q:${ck}`] !== undefined;
    cal.setupProblem = parseJson<SetupProblem>(this.loaded[`s:${ck}`]);
    this.calendarsByKey.set(ck, cal);
    return cal;
  }

  /**
   * Drops everything stored for a calendar (on the next save). Its carriers leave the records; one left
   * with none is forgotten without a vendor call (nobody can tell whether its meeting still exists).
   */
  forget(calendarId: string): void {
    const cal = this.find(calendarId);
    if (!cal) return;
    this.calendarsByKey.delete(cal.key);
    for (const key of Object.keys(this.loaded)) {
      if (MANAGED_PREFIXES.includes(key.slice(0, 2)) && ckOf(key) === cal.key) this.obsolete.add(key);
    }
    for (const record of this.book.all()) {
      if (![...record.carriers, ...record.meeting].some((c) => c.cal === cal.index)) continue;
      const next = forgetCarrier(record, (c) => c.cal === cal.index, cal.index);
      if (next) this.book.put(next);
      else this.book.remove(record.conferenceId);
    }
  }

  sideValue(key: string): string | undefined {
    return this.side.get(key);
  }

  /** Sets (or, with undefined, removes) a side key; written by the next save(). */
  setSide(key: string, value: string | undefined): void {
    if (!SIDE_PREFIXES.includes(key.slice(0, 2))) throw new Error(`not a side key: ${key}`);
    if (value === undefined) {
      this.side.delete(key);
      if (this.loaded[key] !== undefined) this.obsolete.add(key);
    } else {
      this.side.set(key, value);
      this.obsolete.delete(key);
    }
  }

  /** The side keys (loaded or set) under a prefix, for their owners to list. */
  sideKeys(prefix: string): string[] {
    return [...this.side.keys()].filter((k) => k.startsWith(prefix));
  }

  /** Writes what changed with one setProperties(), then removes the obsolete keys. Returns the number written. */
  save(): number {
    const desired = { ...this.book.serializeDirtyShards(), ...Object.fromEntries(this.side) };
    if (this.book.shards > 1 || this.loaded['g:book'] !== undefined)
      desired['g:book'] = JSON.stringify({ shards: this.book.shards });
    for (const { key, meta, deadLetters: list, deadLetterTotal: total } of this.calendarsByKey.values()) {
      desired[`c:${key}`] = JSON.stringify(meta);
      if (total > 0 || this.loaded[`d:${key}`] !== undefined)
        desired[`d:${key}`] = JSON.stringify({ list, total });
    }
    if (this.triggersCheckedAt) desired['g:watch'] = String(this.triggersCheckedAt);
    const changed: Record<string, string> = {};
    for (const [key, value] of Object.entries(desired)) {
      const neverStoredEmptyShard = value === '' && key.startsWith('k:') && this.loaded[key] === undefined;
      if (this.loaded[key] !== value && !neverStoredEmptyShard) changed[key] = value;
    }
    if (Object.keys(changed).length > 0) this.store.setMany(changed);
    this.loaded = { ...this.loaded, ...changed };
    for (const key of this.obsolete) {
      if (key in changed) continue;
      this.store.remove(key);
      delete this.loaded[key];
    }
    this.obsolete.clear();
    this.book.markSaved();
    return Object.keys(changed).length;
  }

  /** Clears a calendar's rerun flag (one property removal) before syncing it again. */
  clearRerun(cal: CalendarState): void {
    if (!cal.rerunRequested) return;
    this.store.remove(`q:${cal.key}`);
    delete this.loaded[`q:${cal.key}`];
    cal.rerunRequested = false;
  }
}

/** Lock-free writes (no need to hold the sync lock): each touches a key nobody else writes. */
export const lockFree = {
  /** A record onCreate made; its carriers' calendar is set when the next sync merges it. */
  putNewRecord(store: PropertyStore, calendarId: string, record: ConferenceRecord): void {
    const key = `n:${calendarKey(calendarId)}:${record.conferenceId}`;
    store.set(key, `${calendarId}\n${encodeRecord(record)}`);
  },
  requestRerun(store: PropertyStore, calendarId: string, now: number): void {
    store.set(`q:${calendarKey(calendarId)}`, String(now));
  },
  /** Records (or, with undefined, clears) the setup problem onCreate met. */
  setSetupProblem(store: PropertyStore, calendarId: string, problem: SetupProblem | undefined): void {
    const key = `s:${calendarKey(calendarId)}`;
    if (problem) store.set(key, JSON.stringify(problem));
    else store.remove(key);
  },
};
