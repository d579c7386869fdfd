/**
 * Simulated time shared by every emulated service. Nothing in the emulator reads the wall clock:
 * service calls advance this clock by a latency model, `Utilities.sleep` advances it, and the
 * bundle's `Date` inside the vm reads it. That makes runs reproducible and lets the benchmark
 * report simulated time instead of wall time.
 */
export class SimClock {
  private current: number;

  constructor(startMs: number = Date.UTC(2026, 10, 23, 9, 0, 0)) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new Error(`SimClock.advance: invalid duration ${ms}`);
    this.current += ms;
  }

  set(ms: number): void {
    if (ms < this.current) throw new Error('SimClock.set: time never goes backwards');
    this.current = ms;
  }
}
