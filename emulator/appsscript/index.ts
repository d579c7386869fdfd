import type { UserSettings } from '../cards/eventObject';
import type { ExecutionManager } from '../execution';
import { createCacheService } from './cache';
import { createLockService } from './lock';
import { createLogging } from './logging';
import { createPropertiesService } from './properties';
import { createScriptApp, type SubHourTimers, TriggerStore } from './scriptApp';
import { createSession } from './session';
import { createUtilities } from './utilities';

export { AppsScriptException } from './errors';
export type { LogEntry } from './logging';
export type { PropertyStore } from './properties';
export type { SubHourTimers, TriggerRecord, TriggerStore } from './scriptApp';

export interface AppsScriptServicesOptions {
  exec: ExecutionManager;
  userEmail?: string;
  /** The user's language (Session.getActiveUserLocale) and zone; default `en`, UTC. */
  user?: UserSettings;
  timeZone?: string;
  scriptId?: string;
  scriptProperties?: Record<string, string>;
  /** Daily PropertiesService budget (default 50,000, consumer). */
  propertiesDailyQuota?: number;
  seed?: number;
  /** Echo captured log lines to stdout. */
  echoLogs?: boolean;
  /** Time-driven triggers asked for less than an hour ahead (default `stretch`). */
  subHourTimers?: SubHourTimers;
  /** Whether platform-disabled triggers stay listed in getProjectTriggers() (default false; ASSUMPTION). */
  disabledTriggersListed?: boolean;
  /** "Each add-on can only have one trigger of each type, per user, per document" (default true). */
  oneTriggerPerType?: boolean;
}

/**
 * The Apps Script built-in services (everything except Calendar, ConferenceDataService, UrlFetchApp
 * and CardService), wired to one execution manager, with their admin handles for tests.
 */
export function createAppsScriptServices(options: AppsScriptServicesOptions) {
  const { exec } = options;
  const userEmail = options.userEmail ?? 'user@example.com';
  const timeZone = options.timeZone ?? 'Etc/UTC';
  const properties = createPropertiesService({
    ctx: exec,
    scriptProperties: options.scriptProperties,
    dailyQuota: options.propertiesDailyQuota,
  });
  const triggers = new TriggerStore(options.disabledTriggersListed);
  const ScriptApp = createScriptApp({
    ctx: exec,
    store: triggers,
    userEmail,
    scriptId: options.scriptId,
    subHourTimers: options.subHourTimers,
    oneTriggerPerType: options.oneTriggerPerType,
  });
  const locks = createLockService({ exec, userEmail });
  const cache = createCacheService({ ctx: exec });
  const Utilities = createUtilities({ ctx: exec, seed: options.seed });
  const user = options.user ?? { locale: 'en', timeZone };
  const Session = createSession({ ctx: exec, userEmail, user, timeZone, scriptId: ScriptApp.getScriptId() });
  const logging = createLogging({ exec, echo: options.echoLogs });

  const globals = {
    ScriptApp,
    PropertiesService: properties.service,
    LockService: locks.service,
    CacheService: cache.service,
    Utilities,
    Session,
    Logger: logging.Logger,
    console: logging.console,
  };
  return { globals, properties, triggers, locks, cache, logs: logging.logs, userEmail, timeZone };
}

export type AppsScriptServices = ReturnType<typeof createAppsScriptServices>;
