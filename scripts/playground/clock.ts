import { SimClock } from '../../emulator/clock';
import { createSharedClock, type SharedClock } from '../../vendor-server/sharedClock';

/**
 * The emulator's simulated clock, mirrored into shared memory at every step so the reference vendor
 * server (a worker thread) stamps conferences with the same time the add-on reads: a fresh meeting was
 * "last updated" just now, not in half an hour, and letting an hour pass ages it for both.
 */
export class SharedSimClock extends SimClock {
  readonly shared: SharedClock;

  constructor(startMs: number) {
    super(startMs);
    this.shared = createSharedClock(startMs);
  }

  override advance(ms: number): void {
    super.advance(ms);
    this.shared.set(this.now());
  }

  override set(ms: number): void {
    super.set(ms);
    this.shared.set(this.now());
  }
}
