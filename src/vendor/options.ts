/**
 * Meeting options (issue 23): what a host decides about a meeting beyond Calendar's fields. They
 * belong to the vendor: the sync never sends them (its PATCH carries the synced fields only), the
 * audit never compares them, and the event card changes them through the adapter's
 * `meetingOptions` capability. An adapter declares which ones its vendor has; the cards show those
 * and no others.
 */

/** The on/off options, in the order the cards show them. */
export const SWITCH_OPTIONS = [
  'passcode',
  'waitingRoom',
  'joinBeforeHost',
  'muteOnEntry',
  'autoRecording',
] as const;
export type SwitchOption = (typeof SWITCH_OPTIONS)[number];
export type MeetingOptionName = SwitchOption | 'alternativeHosts';
export const MEETING_OPTIONS: readonly MeetingOptionName[] = [...SWITCH_OPTIONS, 'alternativeHosts'];

/** Some or all options: what a change sets, what a vendor holds, a user's or organisation's defaults. */
export type MeetingOptions = Partial<Record<SwitchOption, boolean>> & {
  /** Guests who may start and run the meeting (Zoom: alternative hosts), lower-case emails. */
  alternativeHosts?: readonly string[];
};

/** At most this many alternative hosts (our cap; guests of one meeting). */
export const MAX_ALTERNATIVE_HOSTS = 20;

export function isMeetingOptionName(value: unknown): value is MeetingOptionName {
  return typeof value === 'string' && (MEETING_OPTIONS as readonly string[]).includes(value);
}

/** Only the options `supported` names, each a well-formed value; anything else is dropped. */
export function onlySupported(
  options: MeetingOptions,
  supported: readonly MeetingOptionName[],
): MeetingOptions {
  const out: MeetingOptions = {};
  for (const name of SWITCH_OPTIONS) {
    const value = options[name];
    if (supported.includes(name) && typeof value === 'boolean') out[name] = value;
  }
  const hosts = options.alternativeHosts;
  if (supported.includes('alternativeHosts') && Array.isArray(hosts)) {
    out.alternativeHosts = emailList(hosts);
  }
  return out;
}

/** Lower-cased, de-duplicated, at most MAX_ALTERNATIVE_HOSTS addresses that look like emails. */
export function emailList(values: readonly unknown[]): string[] {
  const emails = values
    .filter((v): v is string => typeof v === 'string')
    .map((v) => v.trim().toLowerCase())
    .filter((v) => /^[^\s@]+@[^\s@]+$/.test(v));
  return [...new Set(emails)].slice(0, MAX_ALTERNATIVE_HOSTS);
}

/** The options of `read` that a JSON object holds (a vendor's answer, a stored default). */
export function optionsFromJson(read: unknown): MeetingOptions {
  if (!read || typeof read !== 'object' || Array.isArray(read)) return {};
  const o = read as Record<string, unknown>;
  const out: MeetingOptions = {};
  for (const name of SWITCH_OPTIONS) if (typeof o[name] === 'boolean') out[name] = o[name] as boolean;
  if (Array.isArray(o.alternativeHosts)) out.alternativeHosts = emailList(o.alternativeHosts);
  return out;
}

export function hasOptions(options: MeetingOptions): boolean {
  return Object.keys(options).length > 0;
}
