/**
 * The plan's rules: when each applies, what the plan does, and why. Each call it plans names its rule
 * (`PlannedCall.rule`, `Plan.observeAll`); docs/architecture.md shows this table (rules.test.ts checks).
 */
export const RULES = {
  speak: {
    when: 'the event that speaks for a conference (the latest-starting of its meeting’s own events) has fields the vendor is not believed to hold',
    act: 'update: send the synced fields (title, start, end, guests, repeat); a speaking event not among the listed items is read first, by the run’s queue',
    why: 'the vendor holds what Calendar says; one PATCH carries every synced field, so a repeat changes nothing',
  },
  'copy-gets-own': {
    when: 'a live event of another meeting (a duplicate, “Copy to”, a copy of a restored meeting) carries the conference, and onCreate has not just made another one for it',
    act: 'create a conference for that event and write it onto it (If-Match)',
    why: 'two meetings never share one room; until then the copy keeps the original alive',
  },
  'ask-back': {
    when: 'a live event of the meeting carries a conference the vendor does not have (restored from the trash, or lost at the vendor), and onCreate has not just made another one for it',
    act: 'ask the vendor to undo its delete, once for all the meeting’s events carrying it (the queue reads them together); if it cannot, create a new one and write it onto each of them',
    why: 'the guests’ join link keeps working; a new link only when the old one is gone for good',
  },
  'copy-left': {
    when: 'a copy stopped carrying the conference before its own was recorded',
    act: 'ask for its create again under the same key, and delete what comes back unless the copy carries it',
    why: 'a run cut off after the create may have left a conference nobody carries',
  },
  'find-move': {
    when: 'a cancelled entry names one of ours (a carrier, a place of a meeting, a split part), and its conference is not waiting 10 minutes for a moved meeting to show up (`settling`: its last event was listed cancelled)',
    act: 'before anything is deleted, list every other calendar the user can edit in this run (watching those not watched yet)',
    why: 'a cancelled entry only says “not here any more”: the meeting may have moved, and a listing shows it wherever it went',
  },
  'gate-delete': {
    when: 'no live event carries the conference, every calendar the user can edit was listed up to now in this run, and its back-off has passed',
    act: 'delete it at the vendor (through the delete gate only)',
    why: 'no orphan at the vendor, and never a dead join link',
  },
} as const;

export type RuleId = keyof typeof RULES;

/** A rule's id as a type: naming one that is not in the table is a compile error. */
export type Rule<R extends RuleId> = R;
