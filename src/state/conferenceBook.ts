import { hash53 } from '../util/hash';
import { type ConferenceRecord, encodeRecord } from './record';

/** A property value stays under Apps Script's 9 KB limit with room for the key. */
export const SHARD_LIMIT_BYTES = 8000;

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

  size(): number {
    return this.records.size;
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

  /** Stores a new or changed record (mutating a record returned by get() also needs this call). */
  put(record: ConferenceRecord): void {
    this.records.set(record.conferenceId, record);
    this.byCarrier = null;
    this.dirtyShards.add(shardOf(record.conferenceId, this.shards));
  }

  remove(conferenceId: string): void {
    if (!this.records.delete(conferenceId)) return;
    this.byCarrier = null;
    this.dirtyShards.add(shardOf(conferenceId, this.shards));
  }

  /** Serialized shards that changed, growing the shard count when one would exceed the limit. */
  serializeDirtyShards(): Record<string, string> {
    for (;;) {
      const indices = this.resharded
        ? Array.from({ length: this.shards }, (_, i) => i)
        : Array.from(this.dirtyShards);
      const wanted = new Set(indices);
      const buckets = new Map<number, string[]>();
      for (const r of this.records.values()) {
        const shard = shardOf(r.conferenceId, this.shards);
        if (!wanted.has(shard)) continue;
        const list = buckets.get(shard) ?? [];
        list.push(encodeRecord(r));
        buckets.set(shard, list);
      }
      const out: Record<string, string> = {};
      let overflow = false;
      for (const shard of indices) {
        const text = (buckets.get(shard) ?? []).sort().join('\n');
        if (utf8Length(text) > SHARD_LIMIT_BYTES) overflow = true;
        out[`k:${shard}`] = text;
      }
      if (!overflow) return out;
      this.shards *= 2;
      this.resharded = true;
    }
  }

  markSaved(): void {
    this.dirtyShards.clear();
    this.resharded = false;
  }
}
