/**
 * The brand and vendor choice of this build: `vendor.config.json` at the repository root, the one
 * file a vendor edits to make the add-on theirs. It is JSON (not TypeScript) so that the build
 * script, which is plain Node, can read it and refuse to build when the manifest's
 * `conferenceSolution` entries disagree with it (esbuild.config.mjs), and so that editing it needs
 * no TypeScript. esbuild inlines it into dist/Code.js; `parseBrand` checks its shape once, here.
 */
import raw from '../../vendor.config.json';
import { type MeetingOptions, SWITCH_OPTIONS } from '../vendor/options';

export type AdapterName = 'acme' | 'zoom';
export const ADAPTERS: readonly AdapterName[] = ['acme', 'zoom'];

export interface SolutionConfig {
  /** The manifest's `conferenceSolution[].id`: set on every ConferenceData (setConferenceSolutionId). */
  id: string;
  name: string;
  /** Must be hosted by Google (Marketplace store-listing icon); the manifest carries the same URL. */
  logoUrl: string;
  /** The top-level function Calendar calls; the build generates it. */
  onCreateFunction: string;
  /** Ask the vendor to record meetings of this solution (Zoom: `settings.auto_recording`). */
  recorded: boolean;
}

export interface BrandConfig {
  /** How users read the vendor's name on cards and in messages. */
  vendorName: string;
  /** The add-on's own name and icon (manifest `addOns.common`; the build checks they agree). */
  addOn: { name: string; logoUrl: string };
  adapter: AdapterName;
  /** Default of Calendar's conference settings link; Script Property CONFERENCE_SETTINGS_URL overrides. */
  settingsUrl: string;
  /** The conference parameter that marks a conference as made by this add-on. */
  marker: { key: string; value: string };
  solutions: SolutionConfig[];
  /**
   * The organisation's options for new meetings (a domain-wide install), used for each option a
   * user left to the default; on/off options only (`passcode`, `waitingRoom`, ...).
   */
  meetingDefaults: MeetingOptions;
}

function fail(problem: string): never {
  throw new Error(`vendor.config.json: ${problem}`);
}

function text(value: unknown, where: string): string {
  if (typeof value !== 'string' || value.trim() === '') fail(`${where} must be a non-empty string`);
  return value;
}

function solutionOf(value: unknown, i: number): SolutionConfig {
  const s = (value ?? {}) as Record<string, unknown>;
  const where = `solutions[${i}]`;
  const onCreateFunction = text(s.onCreateFunction, `${where}.onCreateFunction`);
  if (!/^[A-Za-z_$][\w$]*$/.test(onCreateFunction)) fail(`${where}.onCreateFunction is not a function name`);
  return {
    id: text(s.id, `${where}.id`),
    name: text(s.name, `${where}.name`),
    logoUrl: text(s.logoUrl, `${where}.logoUrl`),
    onCreateFunction,
    recorded: s.recorded === true,
  };
}

function meetingDefaultsOf(value: unknown): MeetingOptions {
  if (value === undefined) return {};
  if (!value || typeof value !== 'object' || Array.isArray(value)) fail('meetingDefaults must be an object');
  const out: MeetingOptions = {};
  for (const [key, v] of Object.entries(value)) {
    const name = SWITCH_OPTIONS.find((o) => o === key);
    if (!name) fail(`meetingDefaults.${key} is not one of ${SWITCH_OPTIONS.join(', ')}`);
    if (typeof v !== 'boolean') fail(`meetingDefaults.${key} must be true or false`);
    out[name] = v;
  }
  return out;
}

/** Checks the configuration's shape; the message names the field that is wrong. */
export function parseBrand(value: unknown): BrandConfig {
  const c = (value ?? {}) as Record<string, unknown>;
  const adapter = c.adapter as AdapterName;
  if (!ADAPTERS.includes(adapter)) fail(`adapter must be one of ${ADAPTERS.join(', ')}`);
  const settingsUrl = text(c.settingsUrl, 'settingsUrl');
  if (!/^https:\/\/\S+$/.test(settingsUrl)) fail('settingsUrl must be an https URL');
  const marker = (c.marker ?? {}) as Record<string, unknown>;
  const addOn = (c.addOn ?? {}) as Record<string, unknown>;
  if (!Array.isArray(c.solutions) || c.solutions.length === 0) fail('solutions must list at least one');
  const solutions = c.solutions.map(solutionOf);
  if (new Set(solutions.map((s) => s.id)).size !== solutions.length) fail('solution ids must be unique');
  return {
    vendorName: text(c.vendorName, 'vendorName'),
    addOn: { name: text(addOn.name, 'addOn.name'), logoUrl: text(addOn.logoUrl, 'addOn.logoUrl') },
    adapter,
    settingsUrl,
    marker: { key: text(marker.key, 'marker.key'), value: text(marker.value, 'marker.value') },
    solutions,
    meetingDefaults: meetingDefaultsOf(c.meetingDefaults),
  };
}

/** This build's configuration. */
export const BRAND: BrandConfig = parseBrand(raw);

/** The configured solution with this id, or undefined. */
export function solutionById(brand: BrandConfig, id: string): SolutionConfig | undefined {
  return brand.solutions.find((s) => s.id === id);
}
