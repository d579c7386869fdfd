import { hash53 } from '../util/hash';
import { type ConferenceRecord, encodeRecord } from './record';

/** A property value stays under Apps Script's 9 KB limit with room for the key. */
export const SHARD_LIMIT_BYTES = 8000;

export function utf8Length(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const c = char.codePointAt(0) ?? 0;
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return bytes;
}

const shardOf = (conferenceId: string, shards: number): number =>
  Number.parseInt(hash53(conferenceId).slice(-6), 36) % shards;

const eventKey = (cal: number, eventId: string) => `${cal}\t${eventId}`;

/**
 * Every conference record of the user (all calendars), keyed by conference, with an index from
 * carrier (calendar + event) to the records it carries. Stored in `k:<n>` shards of tab-separated
 * lines; the shard count doubles when one would overflow a property value.
 */
export class ConferenceBook {
  private readonly records = new Map<string, ConferenceRecord>();
  private byCarrier: Map<string, ConferenceRecord[]> | null = null;
  private readonly dirtyShards = new Set<number>();
  private resharded = false;

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

  /** Records (tombstones included) with a carrier on this calendar + event. */
  carriedBy(cal: number, eventId: string): ConferenceRecord[] {
    if (!this.byCarrier) {
      this.byCarrier = new Map();
      for (const r of this.records.values()) {
        for (const c of r.carriers) {
          const key = eventKey(c.cal, c.eventId);
          const list = this.byCarrier.get(key);
          if (list) list.push(r);
          else this.byCarrier.set(key, [r]);
        }
      }
    }
    return this.byCarrier.get(eventKey(cal, eventId)) ?? [];
  }

  /** Stores a new or changed record. */
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
      const all = Array.from({ length: this.shards }, (_, i) => i);
      const lines = new Map((this.resharded ? all : [...this.dirtyShards]).map((s) => [s, [] as string[]]));
      for (const r of this.records.values())
        lines.get(shardOf(r.conferenceId, this.shards))?.push(encodeRecord(r));
      const out: Record<string, string> = {};
      for (const [shard, list] of lines) out[`k:${shard}`] = list.sort().join('\n');
      if (Object.values(out).every((text) => utf8Length(text) <= SHARD_LIMIT_BYTES)) return out;
      this.shards *= 2;
      this.resharded = true;
    }
  }

  markSaved(): void {
    this.dirtyShards.clear();
    this.resharded = false;
  }
}
