/**
 * Errors raised by Apps Script services. In the V8 runtime their `name` is `Exception` and the
 * message carries no prefix, so `String(e)` (and the execution log) reads `Exception: <message>`
 * while `e.message` is the bare text. Scripts should match messages by substring.
 */
export class AppsScriptException extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Exception';
  }
}

export function exception(message: string): AppsScriptException {
  return new AppsScriptException(message);
}

/** UTF-8 length of a string, the unit Apps Script's storage limits are stated in. */
export function utf8Bytes(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** Start of the quota day (UTC midnight) containing `ms`. */
export function quotaDay(ms: number): number {
  return Math.floor(ms / 86_400_000);
}

/** A daily call budget like Apps Script's per-service quotas. */
export class DailyQuota {
  private day = -1;
  private used = 0;

  constructor(
    readonly limit: number,
    private readonly serviceName: string,
  ) {}

  /** Counts one call at `now`; throws Apps Script's quota error when the day's budget is spent. */
  take(now: number): void {
    const day = quotaDay(now);
    if (day !== this.day) {
      this.day = day;
      this.used = 0;
    }
    if (this.used >= this.limit) {
      throw exception(`Service invoked too many times for one day: ${this.serviceName}.`);
    }
    this.used++;
  }

  usedToday(now: number): number {
    return quotaDay(now) === this.day ? this.used : 0;
  }
}
