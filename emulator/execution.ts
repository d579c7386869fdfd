import { type AppsScriptException, exception, QuotaWindow } from './appsscript/errors';
import { SimClock } from './clock';
import { DEFAULT_LATENCY_MS, type ServiceContext } from './context';
import { Meter } from './meter';

/**
 * The Apps Script execution model. Every script entry point (a trigger handler, an add-on callback,
 * a function run from the editor) is one *execution*. Executions form a stack: code running inside
 * one execution (typically a test hook inside an emulated service call) may start another one, which
 * is how tests simulate two trigger runs overlapping in time. Only the innermost execution runs; the
 * outer ones are "still running" (they hold their locks) but cannot act until the inner one ends.
 *
 * Time limits are enforced at metered service calls (`call(kind)`), the only place where emulated
 * time passes: once an execution is over its limit (or was cut off by `stopCurrentAfter`) it is
 * marked stopped and that call and every later call in the same execution throw
 * `Exceeded maximum execution time`, so nothing the script does after the cut takes effect even if
 * it catches the first error. Log lines written after the cut are dropped.
 */

export type ExecutionKind = 'trigger' | 'addon' | 'editor';
export type ExecutionOutcome = 'running' | 'ok' | 'error' | 'timeout';

export const TIMEOUT_MESSAGE = 'Exceeded maximum execution time';

/** 6 minutes for installable triggers and editor runs (QUOTAS). */
export const SCRIPT_LIMIT_MS = 6 * 60 * 1000;
/**
 * QUOTAS ("Current limitations"): "Google Workspace add-on runtime: 30 sec / execution". The page does not
 * say which executions that covers (ASSUMPTION): every execution the add-on framework starts — card
 * callbacks (homepage, eventOpen, actions) and Calendar's onCreateFunction; installable triggers keep
 * the 6-minute "Script runtime".
 */
export const ADDON_LIMIT_MS = 30 * 1000;

/**
 * "Triggers total runtime: 90 min / day" for consumer accounts, "6 hr / day" for Google Workspace
 * accounts (QUOTAS, developers.google.com/apps-script/guides/services/quotas).
 */
export const TRIGGER_RUNTIME_MS = { consumer: 90 * 60 * 1000, workspace: 6 * 60 * 60 * 1000 } as const;
/** The exception Apps Script names on the quotas page when the day's execution time is spent. */
export const TRIGGER_RUNTIME_MESSAGE = 'Service using too much computer time for one day';
/** "Simultaneous executions: 30 / user" (QUOTAS), both account types. */
export const MAX_SIMULTANEOUS_EXECUTIONS = 30;
/**
 * QUOTAS ("Exceptions"): "There are too many scripts running simultaneously for this Google user
 * account." — "you have too many scripts executing at once, although not necessarily the same script".
 */
export const TOO_MANY_EXECUTIONS_MESSAGE =
  'There are too many scripts running simultaneously for this Google user account.';

export interface ExecutionRecord {
  readonly id: number;
  readonly functionName: string;
  readonly kind: ExecutionKind;
  readonly start: number;
  readonly limitMs: number;
  /** The execution that was running when this one started (a simulated concurrent run). */
  readonly parentId?: number;
  end?: number;
  outcome: ExecutionOutcome;
  error?: string;
  /** Metered service calls made by this execution. */
  calls: number;
  stopped: boolean;
}

export interface RunOptions {
  kind?: ExecutionKind;
  /** Overrides the limit for this execution only. */
  limitMs?: number;
}

export interface StopPlan {
  /** Allow this many more metered calls; the next one is cut off. */
  calls?: number;
  /** Cut off at the first metered call once this much simulated time has passed. */
  simMs?: number;
}

export interface ExecutionManagerOptions {
  clock?: SimClock;
  meter?: Meter;
  latency?: Partial<Record<string, number>>;
  /** Limit for 'addon' executions (default 30 s). */
  addonLimitMs?: number;
  /** Limit for 'trigger' and 'editor' executions (default 6 min). */
  scriptLimitMs?: number;
  /** Daily trigger runtime budget (default 90 min, consumer account; Workspace: 6 h). */
  triggerRuntimeDailyMs?: number;
  /** Executions of this user running at once (default 30). */
  maxSimultaneous?: number;
}

/** The trigger-runtime quota as the bench and tests read it. */
export interface TriggerRuntimeUsage {
  /** Simulated trigger runtime counted in the current 24-hour quota window. */
  usedMs: number;
  limitMs: number;
  /** When the current window resets (24 h after its first trigger run); undefined when none is open. */
  resetsAt?: number;
  /** Simulated runtime of every trigger execution since the emulator started. */
  totalMs: number;
}

interface ActivePlan {
  callsLeft?: number;
  deadline?: number;
}

export class ExecutionManager implements ServiceContext {
  readonly clock: SimClock;
  readonly meter: Meter;
  readonly history: ExecutionRecord[] = [];
  private readonly latency: Record<string, number>;
  private readonly addonLimitMs: number;
  private readonly scriptLimitMs: number;
  private readonly triggerRuntimeDailyMs: number;
  private readonly maxSimultaneous: number;
  private readonly triggerRuntime = new QuotaWindow();
  private triggerRuntimeTotalMs = 0;
  private readonly stack: ExecutionRecord[] = [];
  private readonly plans = new Map<number, ActivePlan>();
  private pendingPlan: StopPlan | undefined;
  private readonly endListeners: Array<(record: ExecutionRecord) => void> = [];
  private nextId = 1;

  constructor(options: ExecutionManagerOptions = {}) {
    this.clock = options.clock ?? new SimClock();
    this.meter = options.meter ?? new Meter();
    const latency: Record<string, number> = { ...DEFAULT_LATENCY_MS };
    for (const [kind, ms] of Object.entries(options.latency ?? {})) if (ms !== undefined) latency[kind] = ms;
    this.latency = latency;
    this.addonLimitMs = options.addonLimitMs ?? ADDON_LIMIT_MS;
    this.scriptLimitMs = options.scriptLimitMs ?? SCRIPT_LIMIT_MS;
    this.triggerRuntimeDailyMs = options.triggerRuntimeDailyMs ?? TRIGGER_RUNTIME_MS.consumer;
    this.maxSimultaneous = options.maxSimultaneous ?? MAX_SIMULTANEOUS_EXECUTIONS;
  }

  /** Trigger runtime used in the current quota window and in total (simulated time). */
  triggerRuntimeUsage(): TriggerRuntimeUsage {
    const now = this.clock.now();
    return {
      usedMs: this.triggerRuntime.used(now),
      limitMs: this.triggerRuntimeDailyMs,
      resetsAt: this.triggerRuntime.resetsAt(now),
      totalMs: this.triggerRuntimeTotalMs,
    };
  }

  /** The innermost running execution, if any. */
  current(): ExecutionRecord | undefined {
    return this.stack[this.stack.length - 1];
  }

  /** All executions currently running (outermost first). */
  running(): readonly ExecutionRecord[] {
    return [...this.stack];
  }

  isRunning(id: number): boolean {
    return this.stack.some((r) => r.id === id);
  }

  /** True when the current execution has been cut off (its remaining work has no effect). */
  isStopped(): boolean {
    return this.current()?.stopped ?? false;
  }

  /** Changes the simulated latency of one call kind from now on (e.g. a Calendar API that got slow). */
  setLatency(kind: string, ms: number): void {
    this.latency[kind] = ms;
  }

  latencyOf(kind: string): number {
    return this.latency[kind] ?? this.latency.default ?? 0;
  }

  onEnd(listener: (record: ExecutionRecord) => void): void {
    this.endListeners.push(listener);
  }

  /**
   * Plans a cut-off of the current execution, or of the next one to start if none is running.
   * `{calls: 3}`: three more metered calls succeed, the fourth throws. `{simMs}`: the first metered
   * call once that much simulated time has passed throws.
   */
  stopCurrentAfter(plan: StopPlan): void {
    const cur = this.current();
    if (cur) this.plans.set(cur.id, this.activate(plan));
    else this.pendingPlan = plan;
  }

  private activate(plan: StopPlan): ActivePlan {
    return {
      callsLeft: plan.calls,
      deadline: plan.simMs === undefined ? undefined : this.clock.now() + plan.simMs,
    };
  }

  call(kind: string, latencyMs?: number): void {
    const cur = this.current();
    if (cur) {
      this.check(cur);
      const plan = this.plans.get(cur.id);
      if (plan?.callsLeft !== undefined) {
        if (plan.callsLeft <= 0) this.kill(cur);
        plan.callsLeft--;
      }
      cur.calls++;
    }
    this.meter.count(kind);
    this.clock.advance(latencyMs ?? this.latencyOf(kind));
    // A call that ends past the limit was cut off mid-way: its effect does not happen.
    if (cur) this.check(cur);
  }

  private check(cur: ExecutionRecord): void {
    if (cur.stopped) throw new Error(TIMEOUT_MESSAGE);
    const now = this.clock.now();
    if (now - cur.start > cur.limitMs) this.kill(cur);
    const deadline = this.plans.get(cur.id)?.deadline;
    if (deadline !== undefined && now >= deadline) this.kill(cur);
  }

  private kill(cur: ExecutionRecord): never {
    cur.stopped = true;
    throw new Error(TIMEOUT_MESSAGE);
  }

  /**
   * Runs `body` as a new execution named `functionName`. Returns its result; rethrows its error. An
   * execution that was cut off throws `Exceeded maximum execution time` even if the script caught
   * the error and returned normally (Apps Script reports it as failed).
   */
  run<T>(functionName: string, body: () => T, options: RunOptions = {}): T {
    const kind = options.kind ?? 'editor';
    const parent = this.current();
    const record: ExecutionRecord = {
      id: this.nextId++,
      functionName,
      kind,
      start: this.clock.now(),
      limitMs: options.limitMs ?? (kind === 'addon' ? this.addonLimitMs : this.scriptLimitMs),
      parentId: parent?.id,
      outcome: 'running',
      calls: 0,
      stopped: false,
    };
    this.history.push(record);
    const refusal = this.refusal(kind);
    if (refusal !== undefined) {
      this.finish(record, 'error', refusal);
      throw refusal;
    }
    this.stack.push(record);
    if (this.pendingPlan) {
      this.plans.set(record.id, this.activate(this.pendingPlan));
      this.pendingPlan = undefined;
    }
    let result: T;
    try {
      result = body();
    } catch (err) {
      this.finish(record, record.stopped ? 'timeout' : 'error', record.stopped ? TIMEOUT_MESSAGE : err);
      if (record.stopped) throw new Error(TIMEOUT_MESSAGE);
      throw err;
    }
    if (record.stopped) {
      this.finish(record, 'timeout', TIMEOUT_MESSAGE);
      throw new Error(TIMEOUT_MESSAGE);
    }
    this.finish(record, 'ok');
    return result;
  }

  /**
   * Why Apps Script would not run this execution at all: the user's trigger runtime for the day is spent
   * (trigger executions only; QUOTAS), or 30 executions of the user are already running. ASSUMPTION: the
   * runtime quota is checked when a trigger run starts; a run under way when it is spent finishes.
   */
  private refusal(kind: ExecutionKind): AppsScriptException | undefined {
    if (this.stack.length >= this.maxSimultaneous) return exception(TOO_MANY_EXECUTIONS_MESSAGE);
    if (kind === 'trigger' && this.triggerRuntime.used(this.clock.now()) >= this.triggerRuntimeDailyMs) {
      return exception(TRIGGER_RUNTIME_MESSAGE);
    }
    return undefined;
  }

  private finish(record: ExecutionRecord, outcome: ExecutionOutcome, err?: unknown): void {
    record.end = this.clock.now();
    if (record.kind === 'trigger') {
      const ms = record.end - record.start;
      this.triggerRuntime.add(record.start, ms);
      this.triggerRuntimeTotalMs += ms;
    }
    record.outcome = outcome;
    if (err !== undefined) record.error = errorMessage(err);
    const idx = this.stack.lastIndexOf(record);
    if (idx >= 0) this.stack.splice(idx, 1);
    this.plans.delete(record.id);
    for (const listener of this.endListeners) listener(record);
  }
}

export function errorMessage(err: unknown): string {
  if (err && typeof err === 'object' && 'message' in err)
    return String((err as { message: unknown }).message);
  return String(err);
}
