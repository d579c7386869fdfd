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

export const QUOTA_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * The 24-hour window of a per-user daily quota. Apps Script quotas "reset 24 hours after the first
 * request" (developers.google.com/apps-script/guides/services/quotas), not at midnight: the window opens
 * at the first use and everything used within it counts until it closes; the next use opens a new one.
 */
export class QuotaWindow {
  private opened: number | undefined;
  private spent = 0;

  /** What has been used in the window that is open at `now` (0 when none is open). */
  used(now: number): number {
    return this.isOpen(now) ? this.spent : 0;
  }

  /** When the open window resets, or undefined when none is open at `now`. */
  resetsAt(now: number): number | undefined {
    return this.isOpen(now) && this.opened !== undefined ? this.opened + QUOTA_WINDOW_MS : undefined;
  }

  /** Counts `amount` at `now`, opening a new window when none is open. */
  add(now: number, amount: number): void {
    if (!this.isOpen(now)) {
      this.opened = now;
      this.spent = 0;
    }
    this.spent += amount;
  }

  private isOpen(now: number): boolean {
    return this.opened !== undefined && now < this.opened + QUOTA_WINDOW_MS;
  }
}

/** A daily call budget like Apps Script's per-service quotas, in a 24-hour window from the first call. */
export class DailyQuota {
  private readonly window = new QuotaWindow();

  constructor(
    readonly limit: number,
    private readonly serviceName: string,
  ) {}

  /** Counts `n` calls at `now`; throws Apps Script's quota error when they do not fit the budget. */
  take(now: number, n = 1): void {
    if (this.window.used(now) + n > this.limit) {
      throw exception(`Service invoked too many times for one day: ${this.serviceName}.`);
    }
    this.window.add(now, n);
  }

  usedToday(now: number): number {
    return this.window.used(now);
  }
}
