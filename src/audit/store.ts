/**
 * The audit's own bookkeeping, in its own keys of the user's store (side keys of UserState, saved
 * with the same one setProperties): when each conference was last checked and what the vendor held
 * then (`a:c<n>`, compact lines, sharded under 8 KB), and the repair log and why the vendor could not
 * be checked (`a:log`, JSON). Nothing here lives inside the
 * conference records.
 */
import type { UserState } from '../state/userState';
import type { SyncedAspect } from './compare';

export interface CheckEntry {
  /** Epoch minutes of the last check that found the vendor in step. */
  checkedMin: number;
  /** What the vendor held then (heldFingerprint): the same again needs no event read. */
  fingerprint: string;
}

/** What the audit did to a meeting, as the cards tell it. */
type RepairKind =
  /** The vendor no longer had the conference and undid its delete: the same join link works again. */
  | 'restored'
  /** The vendor no longer had the conference: a new one was made and put on the event. */
  | 'recreated'
  /** The vendor held another title, time, guests or series: the event's were sent again. */
  | 'resent'
  /** A new conference was made, but Calendar refused to put it on the event (the card offers a fix). */
  | 'write-refused';

export interface RepairEntry {
  at: number;
  kind: RepairKind;
  calendarId: string;
  eventId: string;
  /** The conference the event carries (or, for `write-refused`, should carry). */
  conferenceId: string;
  /** The conference the vendor had lost (`recreated`, `write-refused`). */
  formerId?: string;
  /** What differed (`resent`). */
  aspects?: SyncedAspect[];
}

/** Why the vendor could not be checked: nothing was deleted or written because of it. */
export interface AuditBlocked {
  at: number;
  kind: 'unauthorized' | 'forbidden' | 'too-many-missing';
}

export interface AuditState {
  checks: Map<string, CheckEntry>;
  repairs: RepairEntry[];
  /** Repairs ever made (the log keeps the latest LOG_CAP). */
  repairTotal: number;
  blocked?: AuditBlocked;
  lastRunAt?: number;
}

const CHECKS_PREFIX = 'a:c';
const LOG_KEY = 'a:log';
const LOG_CAP = 50;
const SHARD_BYTES = 8000;

export function loadAudit(state: UserState): AuditState {
  const checks = new Map<string, CheckEntry>();
  for (const key of state.sideKeys(CHECKS_PREFIX)) {
    for (const line of (state.sideValue(key) ?? '').split('\n')) {
      const [id, min, fingerprint] = line.split('\t');
      const checkedMin = Number.parseInt(min ?? '', 36);
      if (id && Number.isFinite(checkedMin)) checks.set(id, { checkedMin, fingerprint: fingerprint ?? '' });
    }
  }
  let log: Partial<AuditState> = {};
  try {
    log = JSON.parse(state.sideValue(LOG_KEY) ?? '{}') as Partial<AuditState>;
  } catch {
    // unreadable: start a new log
  }
  return {
    checks,
    repairs: Array.isArray(log.repairs) ? log.repairs : [],
    repairTotal: typeof log.repairTotal === 'number' ? log.repairTotal : 0,
    ...(log.blocked ? { blocked: log.blocked } : {}),
    ...(typeof log.lastRunAt === 'number' ? { lastRunAt: log.lastRunAt } : {}),
  };
}

/** Writes the audit's keys; checks of conferences no longer in `live` are forgotten. */
export function saveAudit(state: UserState, audit: AuditState, live: ReadonlySet<string>): void {
  const shards: string[] = [];
  let current = '';
  for (const [id, c] of audit.checks) {
    if (!live.has(id)) continue;
    const line = `${id}\t${c.checkedMin.toString(36)}\t${c.fingerprint}`;
    if (current !== '' && current.length + line.length + 1 > SHARD_BYTES) {
      shards.push(current);
      current = '';
    }
    current = current === '' ? line : `${current}\n${line}`;
  }
  if (current !== '') shards.push(current);
  shards.forEach((value, n) => {
    state.setSide(`${CHECKS_PREFIX}${n}`, value);
  });
  for (const key of state.sideKeys(CHECKS_PREFIX)) {
    if (Number(key.slice(CHECKS_PREFIX.length)) >= shards.length) state.setSide(key, undefined);
  }
  const { repairs, repairTotal, blocked, lastRunAt } = audit;
  const log = { repairs: repairs.slice(-LOG_CAP), repairTotal, blocked, lastRunAt };
  state.setSide(LOG_KEY, JSON.stringify(log));
}

export function logRepair(audit: AuditState, entry: RepairEntry): void {
  audit.repairs.push(entry);
  if (audit.repairs.length > LOG_CAP) audit.repairs.splice(0, audit.repairs.length - LOG_CAP);
  if (entry.kind !== 'write-refused') audit.repairTotal++;
}
