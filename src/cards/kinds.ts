import type { ProblemEntry } from '../status/status';

/**
 * The typed kinds the cards word: each card picks its sentence by one of these, never by reading
 * a message. Where the stored data has no kind yet, the mapping from what it does carry is here, in
 * one place, marked `// lead:` with the kind the data should carry instead.
 */

/** Why a change could not be sent. */
export type ProblemKind =
  | 'sign-in'
  | 'forbidden'
  | 'gone'
  | 'invalid'
  | 'unreadable'
  | 'write-back'
  | 'refused';

const OUTCOME_KINDS: Record<string, ProblemKind> = {
  unauthorized: 'sign-in',
  'refused:forbidden': 'forbidden',
  'already-gone': 'gone',
  'refused:invalid-request': 'invalid',
  'refused:bad-answer': 'unreadable',
};

const STATUS_KINDS: Record<number, ProblemKind> = {
  401: 'sign-in',
  403: 'forbidden',
  404: 'gone',
  400: 'invalid',
  422: 'invalid',
};

/** From the vendor outcome kind the sync recorded on the dead letter. */
export function problemKind(
  problem: Pick<ProblemEntry, 'reason'> & Partial<Pick<ProblemEntry, 'status' | 'outcome' | 'op'>>,
): ProblemKind {
  const byOutcome = problem.outcome ? OUTCOME_KINDS[problem.outcome] : undefined;
  if (byOutcome) return byOutcome;
  if (problem.op === 'write-back') return 'write-back';
  if (problem.outcome) return 'refused';
  // lead: dead letters stored by earlier versions carry an HTTP status, or only their English text,
  // instead of `outcome`. Stamp an outcome kind on them when records are migrated, then drop this.
  const status = problem.status ?? Number(/\((\d{3})\)/.exec(problem.reason)?.[1] ?? Number.NaN);
  const byStatus = STATUS_KINDS[status];
  if (byStatus) return byStatus;
  if (/no longer exists/.test(problem.reason)) return 'gone';
  if (/not JSON|no usable|no valid/.test(problem.reason)) return 'unreadable';
  return 'refused';
}

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
