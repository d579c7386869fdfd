/**
 * The typed kinds the cards word: each card picks its sentence by one of these, never by reading
 * a message. Where the stored data has no kind yet, the mapping from what it does carry is here, in
 * one place, marked `// lead:` with the kind the data should carry instead.
 */

/** Why the last run of a calendar failed. */
export type RunErrorKind = 'unfinished' | 'config' | 'calendar' | 'other';

/**
 * lead: `meta.last.error` is text ("Calendar: <kind>" from syncCalendar, or a ConfigError message);
 * it needs an error kind ('config' | 'calendar' | 'other') beside it so this reads no text.
 */
export function runErrorKind(error: string | undefined): RunErrorKind {
  if (!error) return 'unfinished';
  if (/Script Propert|urlFetchWhitelist|must be an https/i.test(error)) return 'config';
  if (/^Calendar/i.test(error)) return 'calendar';
  return 'other';
}

/** Why a calendar could not be watched. */
export type SetupProblemKind = 'trigger-limit' | 'other';

/**
 * lead: the stored setup problem is Apps Script's error text; `ensureCalendarTrigger` knows when it
 * is the trigger limit and should store a kind ('trigger-limit' | 'other') with it.
 */
export function setupProblemKind(message: string): SetupProblemKind {
  return /too many|quota|limit/i.test(message) ? 'trigger-limit' : 'other';
}
