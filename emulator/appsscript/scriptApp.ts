import { createHash } from 'node:crypto';
import type { ServiceContext } from '../context';
import { exception } from './errors';

/**
 * ScriptApp: installable triggers and script metadata.
 *
 * Modelled behaviour:
 * - 20 installable triggers per user per script (QUOTAS); the 21st `create()` throws "This script
 *   has too many triggers. Triggers must be deleted from the script before more can be added."
 * - `getProjectTriggers()` lists the current user's triggers of this project.
 * - One-shot time-based triggers (`after`, `at`) fire once and then stay listed (and keep counting
 *   toward the 20) until the script deletes them, as in Apps Script.
 * - A trigger disabled by the platform (`triggers.disable(uid)`) never fires again. Whether Apps Script
 *   still lists it in `getProjectTriggers()` is undocumented (ASSUMPTION), so it is a switch: by default
 *   (`disabledTriggersListed: false`) it disappears and stops counting toward the 20; with `true` it stays
 *   listed (the add-on sees a trigger that never fires); `disable(uid, {listed})` overrides per trigger.
 * - Add-ons: time-driven triggers at most once per hour (see SubHourTimers).
 * - Add-ons: one trigger of each type per user (see ScriptAppOptions.oneTriggerPerType).
 * Enum values are their names as strings (`String(ScriptApp.EventType.CLOCK) === 'CLOCK'` holds in
 * Apps Script too), so comparisons with `==`/`===` against the enum work.
 */

export const MAX_TRIGGERS_PER_USER = 20;
export const TOO_MANY_TRIGGERS_MESSAGE =
  'This script has too many triggers. Triggers must be deleted from the script before more can be added.';

export const EventType = {
  CLOCK: 'CLOCK',
  ON_OPEN: 'ON_OPEN',
  ON_EDIT: 'ON_EDIT',
  ON_FORM_SUBMIT: 'ON_FORM_SUBMIT',
  ON_CHANGE: 'ON_CHANGE',
  ON_EVENT_UPDATED: 'ON_EVENT_UPDATED',
} as const;
export const TriggerSource = {
  SPREADSHEETS: 'SPREADSHEETS',
  CLOCK: 'CLOCK',
  FORMS: 'FORMS',
  DOCUMENTS: 'DOCUMENTS',
  CALENDAR: 'CALENDAR',
} as const;
export const AuthMode = {
  NONE: 'NONE',
  CUSTOM_FUNCTION: 'CUSTOM_FUNCTION',
  LIMITED: 'LIMITED',
  FULL: 'FULL',
} as const;
export const AuthorizationStatus = { REQUIRED: 'REQUIRED', NOT_REQUIRED: 'NOT_REQUIRED' } as const;

export interface TriggerRecord {
  readonly uid: string;
  readonly handler: string;
  readonly owner: string;
  readonly eventType: 'ON_EVENT_UPDATED' | 'CLOCK';
  readonly source: 'CALENDAR' | 'CLOCK';
  /** Calendar id for calendar triggers, null for time-based ones. */
  readonly sourceId: string | null;
  readonly createdAt: number;
  /** Time-based: one-shot fire time, or next fire time of a recurring trigger. */
  nextFireAt?: number;
  /** Time-based recurring interval. */
  everyMs?: number;
  /** One-shot trigger already fired. */
  spent: boolean;
  disabled: boolean;
  /** A disabled trigger that still shows in getProjectTriggers(). */
  listed: boolean;
  fireCount: number;
}

/** A `create()` the platform refused, kept so tests can check that a script never asks for one. */
export interface TriggerRefusal {
  readonly at: number;
  readonly handler: string;
  readonly eventType: TriggerRecord['eventType'];
  readonly sourceId: string | null;
  readonly message: string;
}

/** Admin view of installed triggers, for tests and the emulator's trigger delivery. */
export class TriggerStore {
  private readonly records: TriggerRecord[] = [];
  /** Every refused `create()` (too many triggers, a second one of a type), oldest first. */
  readonly refusals: TriggerRefusal[] = [];
  private seq = 0;

  /**
   * Whether a trigger the platform disabled still shows in getProjectTriggers(). Google's docs are silent
   * (ASSUMPTION), so the emulator can do either; `disable(uid, {listed})` overrides it per trigger.
   */
  constructor(private readonly disabledListed = false) {}

  /** Every trigger ever created and not deleted, including disabled ones. */
  list(): TriggerRecord[] {
    return [...this.records];
  }

  get(uid: string): TriggerRecord | undefined {
    return this.records.find((t) => t.uid === uid);
  }

  /** What the owner sees in getProjectTriggers() (and what counts toward the 20). */
  visibleTo(owner: string): TriggerRecord[] {
    return this.records.filter((t) => t.owner === owner && (!t.disabled || t.listed));
  }

  /** Triggers that may fire. */
  enabled(): TriggerRecord[] {
    return this.records.filter((t) => !t.disabled);
  }

  /** Platform-disables a trigger: it never fires again. See the module comment for `listed`. */
  disable(uid: string, options: { listed?: boolean } = {}): void {
    const t = this.get(uid);
    if (!t) throw new Error(`No trigger ${uid}`);
    t.disabled = true;
    t.listed = options.listed ?? this.disabledListed;
  }

  add(record: Omit<TriggerRecord, 'uid' | 'spent' | 'disabled' | 'listed' | 'fireCount'>): TriggerRecord {
    const full: TriggerRecord = {
      ...record,
      uid: String(1_000_000 + ++this.seq),
      spent: false,
      disabled: false,
      listed: true,
      fireCount: 0,
    };
    this.records.push(full);
    return full;
  }

  remove(uid: string): boolean {
    const i = this.records.findIndex((t) => t.uid === uid);
    if (i < 0) return false;
    this.records.splice(i, 1);
    return true;
  }

  /** Time-based triggers whose time has come at `now`, earliest first. */
  due(now: number): TriggerRecord[] {
    return this.records
      .filter((t) => t.source === 'CLOCK' && !t.disabled && !t.spent && t.nextFireAt !== undefined)
      .filter((t) => (t.nextFireAt as number) <= now)
      .sort((a, b) => (a.nextFireAt as number) - (b.nextFireAt as number));
  }

  /** Records that a time-based trigger fired at `at`: one-shots are spent, recurring ones rescheduled. */
  markFired(t: TriggerRecord, at: number): void {
    t.fireCount++;
    if (t.everyMs === undefined) {
      t.spent = true;
      return;
    }
    let next = t.nextFireAt ?? at;
    while (next <= at) next += t.everyMs;
    t.nextFireAt = next;
  }
}

/**
 * What the emulator does with a time-driven trigger an add-on asks for less than an hour ahead. The
 * installable-triggers guide says add-ons "can use a time-driven trigger once per hour at most", and
 * ClockTriggerBuilder.after() runs the trigger no earlier than asked ("won't be less than your specified
 * minimum"). Whether a shorter request throws or is stretched is not documented (ASSUMPTION), so both:
 * - `stretch` (default): created, and fires no earlier than an hour from its creation;
 * - `throw`: `create()` throws.
 * `everyMinutes` (always under an hour) is refused in both.
 */
export type SubHourTimers = 'stretch' | 'throw';

export const HOUR_MS = 3_600_000;
/** The emulator's wording (ASSUMPTION: Google documents the rule, not the exception text). */
export const SUB_HOUR_TRIGGER_MESSAGE = 'Add-ons can use a time-driven trigger once per hour at most.';
/** The emulator's wording (ASSUMPTION: Google documents the rule, not the exception text). */
export const ONE_TRIGGER_PER_TYPE_MESSAGE = 'This add-on already has a trigger of this type for this user.';

export interface ScriptAppOptions {
  ctx: ServiceContext;
  store: TriggerStore;
  userEmail: string;
  scriptId?: string;
  /** Default `stretch`; see SubHourTimers. */
  subHourTimers?: SubHourTimers;
  /**
   * "Each add-on can only have one trigger of each type, per user, per document." Google states it for
   * Editor add-ons' installable triggers (editor-triggers page, "Restrictions") and for manifest triggers
   * (workspace-triggers page); for a Google Workspace add-on's installable triggers it is silent
   * (ASSUMPTION), so this is a switch. With `true` (default, the strict reading) `create()` refuses a
   * second time-driven trigger of the user, and a second EventUpdated trigger of the user for the same
   * calendar (the calendar standing for the "document"). Triggers the user cannot see (disabled and not
   * listed) do not count, as for the 20-trigger quota.
   */
  oneTriggerPerType?: boolean;
}

const DEFAULT_SCRIPT_ID = '1EmulatedScriptIdAcmeMeetingsConferencingAddOn00000';

type NewTrigger = Omit<TriggerRecord, 'uid' | 'spent' | 'disabled' | 'listed' | 'fireCount'>;
type CreateTrigger = (record: NewTrigger) => ReturnType<typeof wrapTrigger>;

function wrapTrigger(t: TriggerRecord) {
  return {
    getHandlerFunction: () => t.handler,
    getEventType: () => t.eventType,
    getTriggerSource: () => t.source,
    getTriggerSourceId: () => t.sourceId,
    getUniqueId: () => t.uid,
    toString: () => 'Trigger',
  };
}

/** When a one-shot trigger asked for `requested` fires under the add-on hourly rule. */
function oneShotFireTime(requested: number, now: number, mode: SubHourTimers): number {
  if (requested - now >= HOUR_MS) return requested;
  if (mode === 'throw') throw exception(SUB_HOUR_TRIGGER_MESSAGE);
  return now + HOUR_MS;
}

/** ClockTriggerBuilder (developers.google.com/apps-script/reference/script/clock-trigger-builder). */
function clockTriggerBuilder(
  base: { handler: string; owner: string },
  ctx: ServiceContext,
  create: CreateTrigger,
  mode: SubHourTimers,
) {
  let once: number | undefined;
  let everyMs: number | undefined;
  const builder = {
    after(ms: number) {
      once = ctx.clock.now() + Number(ms);
      return builder;
    },
    at(date: Date) {
      once = new Date(date).getTime();
      return builder;
    },
    everyMinutes(_n: number): never {
      throw exception(SUB_HOUR_TRIGGER_MESSAGE);
    },
    // CTB: "Specifies to run the trigger every n hours." No allowed set is listed (only everyMinutes
    // lists 1, 5, 10, 15 and 30), so any whole number of hours is taken. ASSUMPTION: n below 1 or not a
    // whole number is refused (wording ours); the page does not say.
    everyHours(n: number) {
      const hours = Number(n);
      if (!Number.isInteger(hours) || hours < 1) throw exception('Invalid argument: hours');
      everyMs = hours * HOUR_MS;
      return builder;
    },
    everyDays(n: number) {
      everyMs = Number(n) * 86_400_000;
      return builder;
    },
    create() {
      if (once === undefined && everyMs === undefined) {
        throw exception('The trigger must have a schedule: call after, at, everyMinutes or everyHours.');
      }
      const now = ctx.clock.now();
      return create({
        ...base,
        createdAt: now,
        eventType: 'CLOCK',
        source: 'CLOCK',
        sourceId: null,
        nextFireAt: once === undefined ? now + (everyMs as number) : oneShotFireTime(once, now, mode),
        everyMs: once === undefined ? everyMs : undefined,
      });
    },
  };
  return builder;
}

function triggerBuilder(functionName: string, options: ScriptAppOptions, create: CreateTrigger) {
  const { ctx, userEmail } = options;
  const base = { handler: String(functionName), owner: userEmail };
  return {
    forUserCalendar(calendarId: string) {
      const sourceId = String(calendarId);
      return {
        onEventUpdated: () => ({
          create: () =>
            create({
              ...base,
              createdAt: ctx.clock.now(),
              eventType: 'ON_EVENT_UPDATED',
              source: 'CALENDAR',
              sourceId,
            }),
        }),
      };
    },
    timeBased: () => clockTriggerBuilder(base, ctx, create, options.subHourTimers ?? 'stretch'),
  };
}

export function createScriptApp(options: ScriptAppOptions) {
  const { ctx, store, userEmail } = options;
  const scriptId = options.scriptId ?? DEFAULT_SCRIPT_ID;

  const onePerType = options.oneTriggerPerType ?? true;
  const create: CreateTrigger = (record) => {
    ctx.call('triggers.create');
    const visible = store.visibleTo(userEmail);
    const refuse = (message: string): never => {
      const { handler, eventType, sourceId } = record;
      store.refusals.push({ at: ctx.clock.now(), handler, eventType, sourceId, message });
      throw exception(message);
    };
    if (visible.length >= MAX_TRIGGERS_PER_USER) refuse(TOO_MANY_TRIGGERS_MESSAGE);
    if (onePerType && visible.some((t) => t.eventType === record.eventType && t.sourceId === record.sourceId))
      refuse(ONE_TRIGGER_PER_TYPE_MESSAGE);
    return wrapTrigger(store.add(record));
  };
  const list = () => {
    ctx.call('triggers.list');
    return store.visibleTo(userEmail).map(wrapTrigger);
  };

  return {
    EventType,
    TriggerSource,
    AuthMode,
    AuthorizationStatus,
    newTrigger: (functionName: string) => triggerBuilder(functionName, options, create),
    getProjectTriggers: list,
    getUserTriggers: (_container?: unknown) => list(),
    deleteTrigger(trigger: { getUniqueId(): string }) {
      ctx.call('triggers.delete');
      const uid = trigger?.getUniqueId?.();
      // Deleting a trigger that no longer exists is a no-op.
      if (uid !== undefined) store.remove(uid);
    },
    getOAuthToken() {
      ctx.call('scriptapp.token');
      return (
        'ya29.emulated-' + createHash('sha256').update(`${scriptId}:${userEmail}`).digest('hex').slice(0, 32)
      );
    },
    getScriptId: () => scriptId,
    getService() {
      return {
        getUrl: () => `https://script.google.com/macros/s/${scriptId}/exec`,
        isEnabled: () => false,
      };
    },
  };
}
