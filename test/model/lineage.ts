/**
 * What happened to each event of a sequence (made, copied where, moved, restored, split, ...), and what
 * happened around it (outages, cut-off runs, lock-outs, 410s, another calendar's trigger first), so a
 * failure can say which of issue 16's shapes it is without shrinking it first. Written by the runner
 * from the ops it plays; never from the add-on's state.
 */

export type LifeStep =
  | 'made'
  | 'copyWatched'
  | 'copyUnwatched'
  | 'movedToWatched'
  | 'movedToUnwatched'
  | 'restored'
  | 'splitOff'
  | 'deleted'
  | 'conferenceRemoved'
  | 'switchedToMeet'
  | 'conferenceAdded'
  | 'draftGone';

export type Circumstance = 'outage' | 'cutRun' | 'lockedOut' | 'tokenInvalidated' | 'otherCalendarFirst';

export interface LifeEntry {
  step: LifeStep;
  op: number;
  detail: string;
}

export class Lineage {
  private readonly lives = new Map<string, LifeEntry[]>();
  private readonly circumstances = new Set<Circumstance>();

  note(eventId: string, step: LifeStep, op: number, detail = ''): void {
    this.lives.set(eventId, [...(this.lives.get(eventId) ?? []), { step, op, detail }]);
  }

  /** A split part starts with its series' life (a part of a copy is still a copy). */
  inherit(partId: string, seriesId: string): void {
    this.lives.set(partId, [...this.of(seriesId), ...this.of(partId)]);
  }

  happened(c: Circumstance): void {
    this.circumstances.add(c);
  }

  of(eventId: string): LifeEntry[] {
    return this.lives.get(eventId) ?? [];
  }

  around(): Circumstance[] {
    return [...this.circumstances].sort();
  }

  /** "copyUnwatched(op 1: of ab12 into team@) > deleted(op 4)". */
  describe(eventId: string): string {
    return this.of(eventId)
      .map((e) => `${e.step}(op ${e.op}${e.detail ? `: ${e.detail}` : ''})`)
      .join(' > ');
  }
}

/**
 * Issue 16's cases, and the other shapes the mix finds. `kind` is the oracle's; the shape reads the
 * life of the event(s) the failure names.
 */
export type Shape =
  /** Case 1: a restored meeting's conference deleted (a DELETE queued before the restore, sent after). */
  | 'restoredMeetingLosesConference'
  /** Case 2: a copy in a calendar the add-on has no trigger for; the original lost the conference. */
  | 'copyInUnwatchedCalendarLosesConference'
  /** Case 3: a copy moved into a watched calendar whose changes were not listed yet. */
  | 'copyMovedLosesConference'
  /** A copy in a watched calendar loses the conference. */
  | 'copyInWatchedCalendarLosesConference'
  /** A split part ("this and following") loses the conference. */
  | 'splitPartLosesConference'
  /** A moved meeting loses the conference. */
  | 'movedMeetingLosesConference'
  /** Case 4: a draft gone before any run saw it; its conference stays on the vendor past its day. */
  | 'draftOrphanOutlivesDay'
  /** Another orphan past its day or left at the end. */
  | 'orphan'
  /** Item 5: a copy never gets its own conference (in a calendar the add-on did / did not watch). */
  | 'copyInUnwatchedCalendarShares'
  | 'copyInWatchedCalendarShares'
  | 'other';

export interface Evidence {
  kind: string;
  /** Lives of the events the failure names (the carrier; both meetings of a shared conference; an orphan's home). */
  lives: LifeEntry[][];
  around: Circumstance[];
}

function has(life: LifeEntry[], ...steps: LifeStep[]): boolean {
  return life.some((e) => steps.includes(e.step));
}

function lostBy(life: LifeEntry[]): Shape {
  const copied = life.findIndex((e) => e.step === 'copyUnwatched' || e.step === 'copyWatched');
  if (copied >= 0) {
    if (life.slice(copied + 1).some((e) => e.step === 'movedToWatched' || e.step === 'movedToUnwatched'))
      return 'copyMovedLosesConference';
    return life[copied]!.step === 'copyUnwatched'
      ? 'copyInUnwatchedCalendarLosesConference'
      : 'copyInWatchedCalendarLosesConference';
  }
  if (has(life, 'restored')) return 'restoredMeetingLosesConference';
  if (has(life, 'splitOff')) return 'splitPartLosesConference';
  if (has(life, 'movedToWatched', 'movedToUnwatched')) return 'movedMeetingLosesConference';
  return 'other';
}

export function shapeOf(evidence: Evidence): Shape {
  const lives = evidence.lives;
  switch (evidence.kind) {
    case 'deletedWhileCarried':
    case 'carriedNotLive':
      return lostBy(lives[0] ?? []);
    case 'orphanOutlivedDay':
    case 'orphan':
      return lives.some((l) => has(l, 'draftGone')) ? 'draftOrphanOutlivesDay' : 'orphan';
    case 'sharedConference':
    case 'carriedByOtherMeeting':
      if (lives.some((l) => has(l, 'copyUnwatched'))) return 'copyInUnwatchedCalendarShares';
      if (lives.some((l) => has(l, 'copyWatched'))) return 'copyInWatchedCalendarShares';
      return 'other';
    default:
      return 'other';
  }
}
