import { calendarErrorStatus } from '../calendar/apiErrors';
import type { SyncedFields } from '../calendar/syncedFields';
import type { CalendarEvent } from '../calendar/types';
import type { CalendarApi, Clock, HttpRequest, Log } from '../platform/ports';
import { type ConferenceRecord, clearQueue } from '../state/record';
import type { CalendarState } from '../state/userState';
import { classifyResult, parseConference, type VendorClient } from '../vendor/client';
import type { VendorConference, VendorOutcome } from '../vendor/types';
import { INLINE_ATTEMPTS, INLINE_MAX_WAIT_MS, inlineDelayMs, queuedDelayMs } from './backoff';

/** One call the vendor must receive for one conference. */
export type VendorWork =
  | { op: 'patch'; record: ConferenceRecord; fields: SyncedFields; hash: string; event?: CalendarEvent }
  | { op: 'delete'; record: ConferenceRecord; reason: string };

export interface RunStats {
  items: number;
  pages: number;
  patches: number;
  deletes: number;
  queued: number;
  deadLetters: number;
  writeBacks: number;
  errors: number;
}

export function emptyStats(): RunStats {
  return { items: 0, pages: 0, patches: 0, deletes: 0, queued: 0, deadLetters: 0, writeBacks: 0, errors: 0 };
}

/** Independent vendor calls go out together, in batches of this size (UrlFetchApp.fetchAll). */
export const VENDOR_BATCH_SIZE = 25;
/** Per run, queued calls logged one by one before only the summary counts them. */
const QUEUED_LOG_LINES = 5;

export interface VendorHealth {
  /** A call succeeded in this run. */
  up: boolean;
  /** Calls kept failing in this run: queue the rest without trying. */
  down: boolean;
}

export interface DispatchContext {
  cal: CalendarState;
  vendor: VendorClient;
  calendar: CalendarApi;
  clock: Clock;
  log: Log;
  deadline: number;
  /** What this run has learnt about the vendor, shared by every calendar it syncs. */
  health: VendorHealth;
  /** Stop starting new work this long before the deadline (the final save and log must fit). */
  reserveMs: number;
  /** The vendor refused our credential (401). */
  onUnauthorized?: () => void;
  stats: RunStats;
}

/**
 * Sends the work to the vendor and records every outcome on the calendar's state: applied (record
 * updated or removed), transient (retried inline with backoff while the budget allows, then queued
 * durably on the record), or permanent (dead letter). Nothing is ever just dropped.
 */
export function dispatch(ctx: DispatchContext, work: VendorWork[]): void {
  const queue = coalesce(work);
  if (queue.length === 0) return;
  if (ctx.health.down) {
    // An earlier call in this run found the vendor unreachable: queue without knocking again.
    for (const w of queue) enqueue(ctx, w, undefined, 'vendor unreachable in this run');
    return;
  }
  let { successes, transient } = send(ctx, queue);
  for (let attempt = 1; transient.length > 0; attempt++) {
    if (successes > 0) ctx.health.up = true;
    const wait = Math.max(...transient.map((t) => inlineDelayMs(attempt, t.retryAfterMs)));
    const canWait =
      attempt < INLINE_ATTEMPTS && wait <= INLINE_MAX_WAIT_MS && ctx.clock.now() + wait < ctx.deadline;
    if (!canWait) {
      if (successes === 0) ctx.health.down = true;
      for (const t of transient) enqueue(ctx, t.work, t.retryAfterMs, t.reason);
      return;
    }
    ctx.clock.sleep(wait);
    if (successes === 0 && transient.length > 1) {
      // Everything failed: probe with one call before sending the rest again.
      const [probe, ...rest] = transient;
      const probed = send(ctx, [probe!.work]);
      if (probed.successes === 0) {
        transient = [...probed.transient, ...rest];
        continue;
      }
      ctx.health.up = true;
      ({ successes, transient } = send(
        ctx,
        rest.map((t) => t.work),
      ));
      transient = [...probed.transient, ...transient];
      successes += probed.successes;
      continue;
    }
    ({ successes, transient } = send(
      ctx,
      transient.map((t) => t.work),
    ));
  }
  if (successes > 0) ctx.health.up = true;
}

interface TransientFailure {
  work: VendorWork;
  retryAfterMs?: number;
  reason: string;
}

/** One parallel round: sends every item (batched fetchAll) and applies each outcome. */
function send(
  ctx: DispatchContext,
  queue: VendorWork[],
): { successes: number; transient: TransientFailure[] } {
  const transient: TransientFailure[] = [];
  let successes = 0;
  for (let i = 0; i < queue.length; i += VENDOR_BATCH_SIZE) {
    if (i > 0 && ctx.clock.now() > ctx.deadline - ctx.reserveMs) {
      // Out of time (a slow vendor): queue the rest durably rather than risk being killed mid-way.
      for (const w of queue.slice(i)) enqueue(ctx, w, 0, 'run time budget used up');
      break;
    }
    const batch = queue.slice(i, i + VENDOR_BATCH_SIZE);
    const requests: HttpRequest[] = batch.map((w) =>
      w.op === 'patch'
        ? ctx.vendor.patchRequest(w.record.conferenceId, w.fields)
        : ctx.vendor.deleteRequest(w.record.conferenceId),
    );
    const results = ctx.vendor.send(requests);
    const now = ctx.clock.now();
    batch.forEach((w, j) => {
      const result = results[j] ?? { kind: 'network-error' as const, message: 'no response' };
      const outcome = w.op === 'patch' ? parseConference(result, now) : classifyResult(result, now);
      if (outcome.ok || (w.op === 'delete' && outcome.status === 404)) {
        successes++;
        applied(ctx, w, outcome.ok ? outcome : null);
      } else if (outcome.kind === 'transient') {
        transient.push({ work: w, retryAfterMs: outcome.retryAfterMs, reason: outcome.reason });
      } else {
        if (outcome.status !== undefined) successes++; // the vendor answered: it is up
        failedPermanently(
          ctx,
          w,
          outcome.status,
          outcome.status === 404 ? 'the conference no longer exists at the vendor' : outcome.reason,
        );
      }
    });
  }
  return { successes, transient };
}

/** Latest wish per conference: a DELETE supersedes a PATCH; a later PATCH replaces an earlier one. */
export function coalesce(work: VendorWork[]): VendorWork[] {
  const byConference = new Map<string, VendorWork>();
  for (const w of work) {
    const previous = byConference.get(w.record.conferenceId);
    if (previous?.op === 'delete') continue;
    byConference.set(w.record.conferenceId, w);
  }
  return Array.from(byConference.values());
}

function applied(
  ctx: DispatchContext,
  w: VendorWork,
  outcome: VendorOutcome<VendorConference | string> | null,
): void {
  if (w.op === 'delete') {
    ctx.cal.remove(w.record.conferenceId);
    ctx.stats.deletes++;
    return;
  }
  settle(ctx, w, '');
  ctx.stats.patches++;
  if (outcome?.ok && typeof outcome.value === 'object' && w.event) {
    writeBackJoinUrl(ctx, w.event, outcome.value);
  }
}

function enqueue(
  ctx: DispatchContext,
  w: VendorWork,
  retryAfterMs: number | undefined,
  reason: string,
): void {
  const record = ctx.cal.record(w.record.conferenceId);
  if (!record) return;
  record.pending = w.op === 'patch' ? 'P' : 'D';
  record.attempts = Math.min(record.attempts + 1, 1000);
  record.retryAt = Math.ceil((ctx.clock.now() + queuedDelayMs(record.attempts, retryAfterMs)) / 1000);
  ctx.cal.put(record);
  ctx.stats.queued++;
  // The first few are logged one by one; the run's summary line carries the total.
  if (ctx.stats.queued > QUEUED_LOG_LINES) return;
  ctx.log.warn({
    msg: 'vendor call queued for retry',
    calendar: ctx.cal.id,
    op: w.op,
    conferenceId: record.conferenceId,
    attempts: record.attempts,
    reason,
  });
}

function failedPermanently(
  ctx: DispatchContext,
  w: VendorWork,
  status: number | undefined,
  reason: string,
): void {
  ctx.cal.addDeadLetter({
    at: ctx.clock.now(),
    op: w.op,
    conferenceId: w.record.conferenceId,
    eventId: w.record.eventId,
    ...(status === undefined ? {} : { status }),
    reason,
  });
  ctx.stats.deadLetters++;
  if (status === 401) ctx.onUnauthorized?.();
  ctx.log.error({
    msg: 'vendor call failed permanently (dead letter)',
    calendar: ctx.cal.id,
    op: w.op,
    conferenceId: w.record.conferenceId,
    status,
    reason,
  });
  if (w.op === 'delete') {
    ctx.cal.remove(w.record.conferenceId);
    return;
  }
  // Parked: not retried until the event changes again (a new hash), never in a loop.
  settle(ctx, w, 'X');
}

/** A PATCH is done with (sent, or refused for good): remember its hash, drop any queued retry. */
function settle(ctx: DispatchContext, w: VendorWork & { op: 'patch' }, pending: '' | 'X'): void {
  const record = ctx.cal.record(w.record.conferenceId);
  if (!record) return;
  record.sentHash = w.hash;
  clearQueue(record);
  record.pending = pending;
  ctx.cal.put(record);
}

/**
 * If the vendor moved the meeting to a new join URL, put it on the event: a conditional patch
 * (If-Match) so a concurrent edit by the user is never overwritten; on 412 re-read and retry once.
 * The trigger re-fire this causes changes no synced field, so it costs no vendor call.
 */
function writeBackJoinUrl(ctx: DispatchContext, event: CalendarEvent, conference: VendorConference): void {
  let current: CalendarEvent | undefined = event;
  for (let attempt = 0; attempt < 2 && current; attempt++) {
    const cd = current.conferenceData;
    const entryPoints = cd?.entryPoints ?? [];
    const video = entryPoints.find((e) => e.entryPointType === 'video');
    if (!cd || cd.conferenceId !== conference.id || !video || video.uri === conference.joinUrl || !current.id)
      return;
    const conferenceData = {
      ...cd,
      entryPoints: entryPoints.map((e) =>
        e.entryPointType === 'video' ? { ...e, uri: conference.joinUrl } : e,
      ),
    };
    try {
      ctx.calendar.patch(
        { conferenceData },
        ctx.cal.id,
        current.id,
        { conferenceDataVersion: 1 },
        {
          'If-Match': current.etag ?? '*',
        },
      );
      ctx.stats.writeBacks++;
      return;
    } catch (error) {
      if (calendarErrorStatus(error) !== 412 || attempt > 0) {
        ctx.stats.errors++;
        ctx.log.warn({
          msg: 'could not write the new join URL to the event',
          calendar: ctx.cal.id,
          eventId: current.id,
        });
        return;
      }
      try {
        current = ctx.calendar.get(ctx.cal.id, current.id);
      } catch {
        return;
      }
    }
  }
}
