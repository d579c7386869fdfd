/**
 * The Acme reference server's meeting options (docs/vendor-api.md, "Meeting options"): what a host
 * decides beyond the synced fields. Set at create (`options` in the body) or by a PATCH carrying
 * `options`; a PATCH without them leaves them as they are.
 */

export interface MeetingOptions {
  /** Whether joining needs the passcode (the conference's `passcode` is there exactly when on). */
  passcode: boolean;
  waitingRoom: boolean;
  joinBeforeHost: boolean;
  muteOnEntry: boolean;
  /** Recorded automatically (`recorded` of the conference says the same). */
  autoRecording: boolean;
  /** Who may start and run the meeting besides its organizer (emails). */
  alternativeHosts: string[];
}

export const OPTION_SWITCHES = [
  'passcode',
  'waitingRoom',
  'joinBeforeHost',
  'muteOnEntry',
  'autoRecording',
] as const;
const OPTION_FIELDS: readonly string[] = [...OPTION_SWITCHES, 'alternativeHosts'];
export const OPTION_LIMITS = { alternativeHosts: 50, email: 320 } as const;

/** Throws (with a message for a 400) unless `v` is a valid, possibly partial, options object. */
export function checkOptions(
  v: unknown,
  fail: (message: string) => Error,
): asserts v is Partial<MeetingOptions> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw fail('options must be an object');
  const o = v as Record<string, unknown>;
  for (const key of Object.keys(o))
    if (!OPTION_FIELDS.includes(key)) throw fail(`unknown field options.${key}`);
  for (const key of OPTION_SWITCHES) {
    if (key in o && typeof o[key] !== 'boolean') throw fail(`options.${key} must be true or false`);
  }
  if ('alternativeHosts' in o) {
    const hosts = o.alternativeHosts;
    if (!Array.isArray(hosts) || hosts.some((h) => typeof h !== 'string' || h.length > OPTION_LIMITS.email)) {
      throw fail(
        `options.alternativeHosts must be a list of emails of at most ${OPTION_LIMITS.email} characters`,
      );
    }
    if (hosts.length > OPTION_LIMITS.alternativeHosts)
      throw fail(`options.alternativeHosts has more than ${OPTION_LIMITS.alternativeHosts} entries`);
  }
}

/** A new conference's options: everything off but the passcode, recording as the solution says. */
export function defaultOptions(recorded: boolean): MeetingOptions {
  return {
    passcode: true,
    waitingRoom: false,
    joinBeforeHost: false,
    muteOnEntry: false,
    autoRecording: recorded,
    alternativeHosts: [],
  };
}

interface WithOptions {
  options?: MeetingOptions;
  passcode?: string;
  recorded: boolean;
}

/**
 * `changes` applied to `c` (a copy the caller owns): a passcode turned on gets a new one from
 * `newPasscode`, turned off it is removed; recording keeps `recorded` in step.
 */
export function applyOptions<C extends WithOptions>(
  c: C,
  changes: Partial<MeetingOptions>,
  newPasscode: () => string,
): C {
  const options = { ...(c.options ?? defaultOptions(c.recorded)), ...changes };
  if (changes.alternativeHosts) {
    options.alternativeHosts = [...new Set(changes.alternativeHosts.map((h) => h.trim().toLowerCase()))];
  }
  c.options = options;
  if (!options.passcode) delete c.passcode;
  else if (!c.passcode) c.passcode = newPasscode();
  c.recorded = options.autoRecording;
  return c;
}
