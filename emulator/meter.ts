/**
 * Counts every metered call the bundle makes to an emulated Google service, by kind
 * (e.g. `calendar.events.list`, `urlfetch.request`, `properties.read`). The benchmark and the
 * economy tests read these counts; tests can snapshot and diff them around one sync run.
 */
export type MeterCounts = Record<string, number>;

export class Meter {
  private counts: MeterCounts = {};

  count(kind: string, n = 1): void {
    this.counts[kind] = (this.counts[kind] ?? 0) + n;
  }

  get(kind: string): number {
    return this.counts[kind] ?? 0;
  }

  /** Sum of all kinds starting with `prefix` (e.g. `calendar.`). */
  total(prefix: string): number {
    let sum = 0;
    for (const [kind, n] of Object.entries(this.counts)) if (kind.startsWith(prefix)) sum += n;
    return sum;
  }

  snapshot(): MeterCounts {
    return { ...this.counts };
  }

  /** Counts accumulated since `before` (a snapshot), only non-zero kinds. */
  since(before: MeterCounts): MeterCounts {
    const out: MeterCounts = {};
    for (const [kind, n] of Object.entries(this.counts)) {
      const d = n - (before[kind] ?? 0);
      if (d !== 0) out[kind] = d;
    }
    return out;
  }

  reset(): void {
    this.counts = {};
  }
}
