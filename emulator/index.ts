import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type AppsScriptServices, createAppsScriptServices } from './appsscript';
import { PROPERTIES_DAILY_QUOTA } from './appsscript/properties';
import type { SubHourTimers, TriggerRecord } from './appsscript/scriptApp';
import { CalendarEmulator, type CalendarEmulatorOptions } from './calendar/calendarEmulator';
import { type AddOnManifest, CalendarUi } from './calendar/calendarUi';
import { createCardService } from './cards/cardService';
import { type CardEventExtra, cardEventObject, type UserSettings } from './cards/eventObject';
import { SimClock } from './clock';
import { createConferenceDataService } from './conferencing/conferenceDataService';
import { ExecutionManager, type ExecutionOutcome, errorMessage, TRIGGER_RUNTIME_MS } from './execution';
import { type LoadedScript, loadScript } from './loader';
import type { Meter } from './meter';
import { createOAuth2Library } from './oauth2/oauth2';
import { createUrlFetchApp, URLFETCH_DAILY_QUOTA, type UrlFetchRoute } from './urlfetch/urlFetchApp';

/**
 * The whole emulated Apps Script environment for the add-on: simulated clock, meter, execution model,
 * every service the bundle uses, the calendar (with its "human" UI) and trigger delivery. Tests load
 * the built `dist/Code.js` with `load()` and drive it only the way Apps Script would: add-on callbacks
 * through `ui`, installable triggers through `deliverCalendarTriggers()` / `advance()`, editor runs
 * through `script.call()`.
 */

export interface EmulatorOptions {
  /** Simulated start time (ms since epoch). */
  startTime?: number;
  /** The simulated clock itself (then startTime is ignored): e.g. one that also tells another thread. */
  clock?: SimClock;
  userEmail?: string;
  /** Parsed appsscript.json (default: ./appsscript.json). */
  manifest?: Manifest;
  scriptProperties?: Record<string, string>;
  /** UrlFetchApp routes by hostname. */
  routes?: Record<string, UrlFetchRoute>;
  /** Latency overrides per metered call kind (ms). */
  latency?: Partial<Record<string, number>>;
  /** Seed for generated ids (Utilities.getUuid, calendar ids). */
  seed?: number;
  /** Limit of add-on callback executions (default 30 s). */
  addonLimitMs?: number;
  /**
   * The user's account type, which sets Apps Script's daily quotas (QUOTAS): trigger runtime 90 min vs 6 h,
   * UrlFetch 20,000 vs 100,000 calls, Properties 50,000 vs 500,000 reads+writes. Default `consumer`.
   */
  accountType?: AccountType;
  /** Daily budgets overriding the account type's. */
  propertiesDailyQuota?: number;
  urlFetchDailyQuota?: number;
  triggerRuntimeDailyMs?: number;
  /**
   * Time-driven triggers asked for less than an hour ahead (add-ons: "once per hour at most"). Default
   * `stretch` (fires an hour after it was made); `throw` refuses them.
   */
  subHourTimers?: SubHourTimers;
  /** Whether platform-disabled triggers stay listed in getProjectTriggers() (undocumented; default false). */
  disabledTriggersListed?: boolean;
  /**
   * Refuse a second trigger of the same type (time-driven; EventUpdated for the same calendar) for the
   * user: "Each add-on can only have one trigger of each type, per user, per document" (default true;
   * see ScriptAppOptions.oneTriggerPerType for where Google says it).
   */
  oneTriggerPerType?: boolean;
  /**
   * Whether the script's own Calendar API writes fire its EventUpdated triggers. Default false: "Script
   * executions and API requests don't cause triggers to run" (installable-triggers guide, a general
   * rule); the conferencing sync guide only says the triggers fire "when a user creates, modifies, or
   * deletes any event", so whether a script's write counts is UNCONFIRMED (ASSUMPTION). Can also be
   * switched while running: `emu.apiWritesFireTriggers = true`.
   */
  apiWritesFireTriggers?: boolean;
  /** Extra CalendarEmulator options (token TTL, page sizes, rate limit...). */
  calendar?: Omit<CalendarEmulatorOptions, 'userEmail'>;
  /** Echo script log lines to stdout. */
  echoLogs?: boolean;
  /**
   * The user's language (Google account setting): card event objects carry it as
   * `commonEventObject.userLocale` when the manifest asks for it, and Session.getActiveUserLocale()
   * returns it. Default `en`. Changeable later through `emulator.user`.
   */
  userLocale?: string;
  /** The user's time zone (`commonEventObject.timeZone.id`). Default: the manifest's `timeZone`. */
  userTimeZone?: string;
  /** Keep one vm context for all executions (default false: fresh globals per execution, as Apps Script). */
  sharedContext?: boolean;
}

export interface Manifest extends AddOnManifest {
  timeZone?: string;
  urlFetchWhitelist?: string[];
  [key: string]: unknown;
}

export interface TriggerRun {
  triggerUid: string;
  functionName: string;
  /** Calendar id for calendar triggers. */
  calendarId?: string;
  executionId: number;
  outcome: ExecutionOutcome;
  error?: string;
}

export type AccountType = 'consumer' | 'workspace';

/** Apps Script's per-user daily quotas by account type (developers.google.com/apps-script/guides/services/quotas). */
export const DAILY_QUOTAS: Record<
  AccountType,
  { triggerRuntimeMs: number; urlFetch: number; properties: number }
> = {
  consumer: {
    triggerRuntimeMs: TRIGGER_RUNTIME_MS.consumer,
    urlFetch: URLFETCH_DAILY_QUOTA.consumer,
    properties: PROPERTIES_DAILY_QUOTA,
  },
  workspace: {
    triggerRuntimeMs: TRIGGER_RUNTIME_MS.workspace,
    urlFetch: URLFETCH_DAILY_QUOTA.workspace,
    properties: 500_000,
  },
};

export type Emulator = ReturnType<typeof createEmulator>;

/** The emulated platform before a script is loaded: clock, executions and every service. */
function createPlatform(options: EmulatorOptions) {
  const manifest: Manifest =
    options.manifest ?? JSON.parse(readFileSync(resolve(process.cwd(), 'appsscript.json'), 'utf8'));
  const userEmail = options.userEmail ?? 'user@example.com';
  const quotas = DAILY_QUOTAS[options.accountType ?? 'consumer'];
  const user: UserSettings = {
    locale: options.userLocale ?? 'en',
    timeZone: options.userTimeZone ?? manifest.timeZone ?? 'Etc/UTC',
  };
  const clock = options.clock ?? new SimClock(options.startTime);
  const exec = new ExecutionManager({
    clock,
    latency: options.latency,
    addonLimitMs: options.addonLimitMs,
    triggerRuntimeDailyMs: options.triggerRuntimeDailyMs ?? quotas.triggerRuntimeMs,
  });
  const apps = createAppsScriptServices({
    exec,
    userEmail,
    user,
    timeZone: manifest.timeZone ?? 'Etc/UTC',
    scriptProperties: options.scriptProperties,
    propertiesDailyQuota: options.propertiesDailyQuota ?? quotas.properties,
    seed: options.seed,
    echoLogs: options.echoLogs,
    subHourTimers: options.subHourTimers,
    disabledTriggersListed: options.disabledTriggersListed,
    oneTriggerPerType: options.oneTriggerPerType,
  });
  const calendar = new CalendarEmulator(exec, { ...options.calendar, userEmail, seed: options.seed });
  const urlFetch = createUrlFetchApp({
    ctx: exec,
    routes: options.routes ?? {},
    whitelist: manifest.urlFetchWhitelist,
    dailyQuota: options.urlFetchDailyQuota ?? quotas.urlFetch,
  });
  const switches = { apiWritesFireTriggers: options.apiWritesFireTriggers ?? false };
  return { manifest, userEmail, user, clock, exec, apps, calendar, urlFetch, switches };
}

type Platform = ReturnType<typeof createPlatform>;

/** The script's global scope: the services the bundle calls, as Apps Script installs them. */
function scriptGlobals({ apps, calendar, urlFetch, clock }: Platform): Record<string, unknown> {
  return {
    Calendar: calendar.service,
    ConferenceDataService: createConferenceDataService(),
    ScriptApp: apps.globals.ScriptApp,
    PropertiesService: apps.globals.PropertiesService,
    LockService: apps.globals.LockService,
    CacheService: apps.globals.CacheService,
    UrlFetchApp: urlFetch.service,
    Utilities: apps.globals.Utilities,
    Session: apps.globals.Session,
    Logger: apps.globals.Logger,
    console: apps.globals.console,
    CardService: createCardService(),
    // The OAuth2 library (manifest `dependencies.libraries`, userSymbol OAuth2); owned by emulator/oauth2.
    OAuth2: createOAuth2Library({
      urlFetch: urlFetch.service as never,
      scriptId: apps.globals.ScriptApp.getScriptId(),
      now: () => clock.now(),
    }),
  };
}

/** Runs one trigger as a 'trigger' execution; errors (including a refused start) are recorded, not thrown. */
function fire(
  script: LoadedScript,
  exec: ExecutionManager,
  t: TriggerRecord,
  event: Record<string, unknown>,
  calendarId?: string,
): TriggerRun {
  const index = exec.history.length;
  let error: string | undefined;
  try {
    script.callWith({ kind: 'trigger' }, t.handler, event);
  } catch (err) {
    error = errorMessage(err);
  }
  const rec = exec.history[index];
  return {
    triggerUid: t.uid,
    functionName: t.handler,
    calendarId,
    executionId: rec.id,
    outcome: rec.outcome,
    error: rec.error ?? error,
  };
}

/** The event object of a time-driven trigger (developers.google.com/apps-script/guides/triggers/events). */
function clockEvent(t: TriggerRecord, now: number): Record<string, unknown> {
  const d = new Date(now);
  const jan1 = Date.UTC(d.getUTCFullYear(), 0, 1);
  return {
    authMode: 'FULL',
    triggerUid: t.uid,
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    'day-of-month': d.getUTCDate(),
    'day-of-week': d.getUTCDay() === 0 ? 7 : d.getUTCDay(),
    'week-of-year': Math.ceil(((now - jan1) / 86_400_000 + new Date(jan1).getUTCDay() + 1) / 7),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    timezone: 'UTC',
  };
}

/** Calendar (EventUpdated) trigger delivery: which calendars changed, and running their triggers. */
function calendarTriggerDelivery(platform: Platform, requireScript: () => LoadedScript) {
  const { calendar, apps, exec, switches } = platform;
  const changedCalendars = new Set<string>();
  // "Script executions and API requests don't cause triggers to run" (installable-triggers guide): by
  // default only the user's own changes fire EventUpdated triggers; `apiWritesFireTriggers` lets the
  // script's writes fire them too (not stated for Calendar: both are tested).
  calendar.onChange((calendarId, origin) => {
    if (origin === 'user' || switches.apiWritesFireTriggers) changedCalendars.add(calendarId);
  });
  const delivery = {
    /**
     * For every calendar changed since the last delivery, runs each enabled EventUpdated trigger whose
     * source is that calendar, with `{authMode: 'FULL', calendarId, triggerUid}`. Changes made during
     * these runs are delivered by the next call. With `only`, just those calendars' pending changes are
     * delivered, in that order; the others stay pending (Google promises no order between calendars, so
     * a test can make another calendar's trigger fire first).
     */
    deliverCalendarTriggers(only?: readonly string[]): TriggerRun[] {
      const calendars = only ? only.filter((c) => changedCalendars.has(c)) : [...changedCalendars];
      for (const c of calendars) changedCalendars.delete(c);
      const runs: TriggerRun[] = [];
      for (const calendarId of calendars) {
        const targets = apps.triggers
          .enabled()
          .filter((t) => t.eventType === 'ON_EVENT_UPDATED' && t.sourceId === calendarId);
        for (const t of targets) {
          t.fireCount++;
          runs.push(
            fire(requireScript(), exec, t, { authMode: 'FULL', calendarId, triggerUid: t.uid }, calendarId),
          );
        }
      }
      return runs;
    },
    /** Delivers calendar triggers until no calendar changes remain (or `maxRounds` is reached). */
    settle(maxRounds = 10): TriggerRun[] {
      const all: TriggerRun[] = [];
      for (let i = 0; i < maxRounds && changedCalendars.size > 0; i++)
        all.push(...delivery.deliverCalendarTriggers());
      return all;
    },
    /** Calendars changed since the last delivery. */
    pendingCalendarChanges(): string[] {
      return [...changedCalendars];
    },
  };
  return delivery;
}

/** Time-driven trigger delivery along simulated time. */
function timeTriggerDelivery({ clock, apps, exec }: Platform, requireScript: () => LoadedScript) {
  const delivery = {
    /** Runs time-based triggers that are due now. One-shot triggers fire once. */
    runDueTimeTriggers(): TriggerRun[] {
      const runs: TriggerRun[] = [];
      for (const t of apps.triggers.due(clock.now())) {
        if (t.disabled || t.spent) continue;
        apps.triggers.markFired(t, clock.now());
        runs.push(fire(requireScript(), exec, t, clockEvent(t, clock.now())));
      }
      return runs;
    },
    /**
     * Advances simulated time by `ms`, firing each time-based trigger at its due time on the way
     * (a recurring trigger fires at most once per interval; missed intervals are not caught up).
     */
    advance(ms: number): TriggerRun[] {
      const target = clock.now() + ms;
      const runs: TriggerRun[] = [];
      for (;;) {
        const next = apps.triggers
          .due(target)
          .map((t) => t.nextFireAt as number)
          .sort((a, b) => a - b)[0];
        if (next === undefined) break;
        if (next > clock.now()) clock.set(next);
        runs.push(...delivery.runDueTimeTriggers());
      }
      if (target > clock.now()) clock.set(target);
      return runs;
    },
  };
  return delivery;
}

/** Admin handles on the Apps Script services, for tests and tools. */
function adminHandles(apps: AppsScriptServices, exec: ExecutionManager) {
  return {
    /** PropertiesService admin: `properties.stores.script` / `.user` (Maps with bytesUsed()). */
    properties: apps.properties,
    /** Installed triggers (admin): list(), get(uid), disable(uid, {listed?}). */
    triggers: apps.triggers,
    /** LockService admin: holdUserLockExternally(), releaseExternal(), holderOf(). */
    locks: apps.locks,
    cache: apps.cache,
    logs: apps.logs,
    /** Quota use: trigger runtime in the current 24-hour window and simulated trigger runtime in total. */
    quotas: { triggerRuntime: () => exec.triggerRuntimeUsage() },
  };
}

export function createEmulator(options: EmulatorOptions = {}) {
  const platform = createPlatform(options);
  const { manifest, userEmail, user, clock, exec, apps, calendar, urlFetch, switches } = platform;
  const globals = scriptGlobals(platform);
  let script: LoadedScript | undefined;
  const requireScript = (): LoadedScript => {
    if (!script) throw new Error('No script loaded: call emulator.load() first');
    return script;
  };
  const ui = new CalendarUi({
    calendar,
    manifest,
    invoke: (fn, arg) => requireScript().callWith({ kind: 'addon' }, fn, arg),
  });
  const loadOptions = (filename: string) => ({ filename, sharedContext: options.sharedContext });
  return {
    clock,
    meter: exec.meter as Meter,
    exec,
    calendar,
    ui,
    manifest,
    userEmail,
    /** The user's language and zone (mutable: the next card callback and session read the new ones). */
    user,
    /** The event object Calendar passes a card callback now (homepage, eventOpenTrigger, a button). */
    cardEvent(extra: CardEventExtra = {}): Record<string, unknown> {
      return cardEventObject(manifest as never, user, clock.now(), extra);
    },
    ...adminHandles(apps, exec),
    /** UrlFetchApp admin: `urlFetch.requests` is the request log. */
    urlFetch,
    globals,
    get script(): LoadedScript | undefined {
      return script;
    },
    /** See EmulatorOptions.apiWritesFireTriggers; may be switched while running. */
    get apiWritesFireTriggers(): boolean {
      return switches.apiWritesFireTriggers;
    },
    set apiWritesFireTriggers(fire: boolean) {
      switches.apiWritesFireTriggers = fire;
    },
    /** Loads the built bundle (default dist/Code.js) as Apps Script would. */
    load(path = 'dist/Code.js'): LoadedScript {
      const code = readFileSync(resolve(process.cwd(), path), 'utf8');
      script = loadScript(code, globals, exec, loadOptions(path));
      return script;
    },
    /** Loads script source given as a string (for emulator tests). */
    loadSource(code: string, filename = 'Code.js'): LoadedScript {
      script = loadScript(code, globals, exec, loadOptions(filename));
      return script;
    },
    ...calendarTriggerDelivery(platform, requireScript),
    ...timeTriggerDelivery(platform, requireScript),
    close(): void {
      urlFetch.close();
    },
  };
}

export type { ExecutionKind, ExecutionRecord } from './execution';
export type { LoadedScript } from './loader';
