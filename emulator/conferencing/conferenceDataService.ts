import type { ConferenceDataResource, ConferenceEntryPointResource } from '../calendar/types';

/**
 * Emulation of Apps Script's `ConferenceDataService` (the builders a conferencing add-on's
 * `onCreateFunction` uses), validating the documented limits, and the conversion of a built
 * `ConferenceData` into the `conferenceData` resource Calendar stores on the event.
 *
 * Validation placement: length limits throw in the setters (as the reference says for each setter);
 * type/scheme/count rules that depend on several fields throw in `build()`. Error messages are ours.
 *
 * Rules from developers.google.com/apps-script/reference/conference-data/*:
 * - ConferenceDataBuilder.setConferenceSolutionId: "Sets the conference solution ID defined in the addon's
 *   manifest. The value must be specified and populates conference's name and iconUrl values." The page
 *   adds that the field "is required for GSuite add-ons whereas it's ignored for Conferencing add-ons"; this
 *   add-on's manifest declares a Google Workspace add-on (`addOns`), so the emulator holds it required:
 *   Calendar takes name and icon from the manifest's conferenceSolution with that id (never from the
 *   function that ran), and a successful ConferenceData without an id, or with an id the manifest does not
 *   declare, is not a usable conference (ASSUMPTION: where the refusal surfaces; here in Calendar, not
 *   in `build()`).
 * - ConferenceError.setAuthenticationUrl: "If the error type is AUTHENTICATION, the add-on must provide a
 *   URL calling back into the add-on to allow users to log in"; it throws "if the provided URL is not a
 *   valid http/https URL or is too long". `build()` refuses AUTHENTICATION without a URL.
 * - Entry points (EntryPointType): "A conference can have zero or one VIDEO entry points", "zero or more
 *   PHONE", "zero or one MORE", "A conference with only a MORE entry point is not valid", "zero or one
 *   SIP". EntryPointFeature TOLL / TOLL_FREE: "Applies to PHONE entry point only", "A number can't be toll
 *   and toll-free at the same time". Calendar API EntryPoint.regionCode: "The CLDR/ISO 3166 region code
 *   for the country associated with this phone access. Example: "SE" for Sweden", populated "only for
 *   EntryPointType.PHONE". ASSUMPTION: a value that is no CLDR region code (two letters or a three-digit
 *   UN M.49 area, upper case) makes the conference invalid; here `build()` refuses it.
 * UNCONFIRMED: the exact JSON that real `printJson()` prints; here it is the resource shape below without
 * `conferenceSolution` (the add-on cannot know the name/icon), plus `conferenceError` when one is set.
 */

export const EntryPointType = { VIDEO: 'VIDEO', PHONE: 'PHONE', MORE: 'MORE', SIP: 'SIP' } as const;
export const EntryPointFeature = {
  UNKNOWN_FEATURE: 'UNKNOWN_FEATURE',
  TOLL: 'TOLL',
  TOLL_FREE: 'TOLL_FREE',
} as const;
export const ConferenceErrorType = {
  AUTHENTICATION: 'AUTHENTICATION',
  CONFERENCE_SOLUTION_FORBIDDEN: 'CONFERENCE_SOLUTION_FORBIDDEN',
  PERMANENT: 'PERMANENT',
  PERMISSION_DENIED: 'PERMISSION_DENIED',
  TEMPORARY: 'TEMPORARY',
  UNKNOWN: 'UNKNOWN',
} as const;

export const LIMITS = {
  conferenceId: 512,
  conferenceSolutionId: 512,
  entryPoints: 300,
  parameters: 300,
  parameterKey: 50,
  parameterValue: 1024,
  notes: 2048,
  uri: 1300,
  code: 128,
  authenticationUrl: 1800,
};

export interface EntryPointSpec {
  type?: string;
  uri?: string;
  features: string[];
  pin?: string;
  passcode?: string;
  password?: string;
  accessCode?: string;
  meetingCode?: string;
  regionCode?: string;
}

export interface ConferenceErrorSpec {
  conferenceErrorType?: string;
  authenticationUrl?: string;
}

/** What a built ConferenceData holds (readable by the emulator, not by the add-on). */
export interface ConferenceDataSpec {
  conferenceId?: string;
  conferenceSolutionId?: string;
  entryPoints: EntryPointSpec[];
  parameters: Array<{ key: string; value: string }>;
  notes?: string;
  error?: ConferenceErrorSpec;
}

/** Why a ConferenceData was refused: invalid input, or a success without a (known) solution id. */
export type ConferenceDataProblem = 'invalid' | 'missing-solution-id' | 'unknown-solution-id';

export class ConferenceDataError extends Error {
  constructor(
    message: string,
    readonly problem: ConferenceDataProblem = 'invalid',
  ) {
    super(message);
  }
}

function fail(message: string, problem: ConferenceDataProblem = 'invalid'): never {
  throw new ConferenceDataError(message, problem);
}

function str(value: unknown, what: string, max: number): string {
  if (typeof value !== 'string') fail(`${what} must be a string`);
  if (value.length > max) fail(`${what} is too long: ${value.length} characters, at most ${max} allowed`);
  return value;
}

function oneOf(value: unknown, allowed: Record<string, string>, what: string): string {
  const v = String(value);
  if (!Object.values(allowed).includes(v)) fail(`Invalid ${what}: ${v}`);
  return v;
}

const specs = new WeakMap<object, unknown>();

function specOf<T>(obj: unknown, kind: string): T {
  const spec = typeof obj === 'object' && obj !== null ? specs.get(obj) : undefined;
  if (!spec || (spec as { kind: string }).kind !== kind) {
    fail(`Expected a ${kind} created by ConferenceDataService, got ${typeof obj}`);
  }
  return (spec as { value: T }).value;
}

export class EntryPoint {
  private readonly s: EntryPointSpec = { features: [] };
  constructor() {
    specs.set(this, { kind: 'EntryPoint', value: this.s });
  }
  setEntryPointType(type: string): EntryPoint {
    this.s.type = oneOf(type, EntryPointType, 'entry point type');
    return this;
  }
  setUri(uri: string): EntryPoint {
    this.s.uri = str(uri, 'Entry point URI', LIMITS.uri);
    return this;
  }
  addFeature(feature: string): EntryPoint {
    this.s.features.push(oneOf(feature, EntryPointFeature, 'entry point feature'));
    return this;
  }
  setPin(pin: string): EntryPoint {
    this.s.pin = str(pin, 'PIN', LIMITS.code);
    return this;
  }
  setPasscode(passcode: string): EntryPoint {
    this.s.passcode = str(passcode, 'Passcode', LIMITS.code);
    return this;
  }
  setPassword(password: string): EntryPoint {
    this.s.password = str(password, 'Password', LIMITS.code);
    return this;
  }
  setAccessCode(accessCode: string): EntryPoint {
    this.s.accessCode = str(accessCode, 'Access code', LIMITS.code);
    return this;
  }
  setMeetingCode(meetingCode: string): EntryPoint {
    this.s.meetingCode = str(meetingCode, 'Meeting code', LIMITS.code);
    return this;
  }
  setRegionCode(regionCode: string): EntryPoint {
    this.s.regionCode = str(regionCode, 'Region code', LIMITS.code);
    return this;
  }
}

export class ConferenceParameter {
  private readonly s: { key?: string; value?: string } = {};
  constructor() {
    specs.set(this, { kind: 'ConferenceParameter', value: this.s });
  }
  setKey(key: string): ConferenceParameter {
    this.s.key = str(key, 'Conference parameter key', LIMITS.parameterKey);
    return this;
  }
  setValue(value: string): ConferenceParameter {
    this.s.value = str(value, 'Conference parameter value', LIMITS.parameterValue);
    return this;
  }
}

export class ConferenceError {
  private readonly s: ConferenceErrorSpec = {};
  constructor() {
    specs.set(this, { kind: 'ConferenceError', value: this.s });
  }
  setConferenceErrorType(type: string): ConferenceError {
    this.s.conferenceErrorType = oneOf(type, ConferenceErrorType, 'conference error type');
    return this;
  }
  setAuthenticationUrl(url: string): ConferenceError {
    const value = str(url, 'Authentication URL', LIMITS.authenticationUrl);
    if (!/^https?:\/\/[^/\s]+/i.test(value))
      fail(`Authentication URL must be a valid http/https URL: ${value}`);
    this.s.authenticationUrl = value;
    return this;
  }
}

export class ConferenceData {
  constructor(spec: ConferenceDataSpec) {
    specs.set(this, { kind: 'ConferenceData', value: spec });
  }
  printJson(): string {
    const spec = specOf<ConferenceDataSpec>(this, 'ConferenceData');
    if (spec.error) return JSON.stringify({ conferenceError: spec.error });
    return JSON.stringify(specToResource(spec));
  }
}

const SCHEMES: Record<string, RegExp> = {
  PHONE: /^tel:/i,
  SIP: /^sip:/i,
  VIDEO: /^https?:\/\//i,
  MORE: /^https?:\/\//i,
};

/** CLDR region codes: two letters (ISO 3166-1) or three digits (UN M.49), upper case. */
const CLDR_REGION = /^([A-Z]{2}|\d{3})$/;

function checkPhoneDetails(ep: EntryPointSpec): void {
  if (ep.regionCode !== undefined && !CLDR_REGION.test(ep.regionCode)) {
    fail(`Region code must be a CLDR/ISO 3166 region code such as "SE": ${ep.regionCode}`);
  }
  const features = new Set(ep.features);
  if (features.has(EntryPointFeature.TOLL) && features.has(EntryPointFeature.TOLL_FREE)) {
    fail("A number can't be toll and toll-free at the same time");
  }
}

export class ConferenceDataBuilder {
  private readonly s: ConferenceDataSpec = { entryPoints: [], parameters: [] };

  setConferenceId(conferenceId: string): ConferenceDataBuilder {
    this.s.conferenceId = str(conferenceId, 'Conference ID', LIMITS.conferenceId);
    return this;
  }
  /** The manifest's conferenceSolution id: Calendar takes the conference's name and icon from it. */
  setConferenceSolutionId(conferenceSolutionId: string): ConferenceDataBuilder {
    this.s.conferenceSolutionId = str(
      conferenceSolutionId,
      'Conference solution ID',
      LIMITS.conferenceSolutionId,
    );
    return this;
  }
  addEntryPoint(entryPoint: EntryPoint): ConferenceDataBuilder {
    const ep = specOf<EntryPointSpec>(entryPoint, 'EntryPoint');
    if (this.s.entryPoints.length >= LIMITS.entryPoints)
      fail(`Too many entry points: at most ${LIMITS.entryPoints}`);
    this.s.entryPoints.push({ ...ep, features: [...ep.features] });
    return this;
  }
  addConferenceParameter(parameter: ConferenceParameter): ConferenceDataBuilder {
    const p = specOf<{ key?: string; value?: string }>(parameter, 'ConferenceParameter');
    if (p.key === undefined || p.key === '') fail('Conference parameter has no key');
    if (p.value === undefined) fail(`Conference parameter ${p.key} has no value`);
    if (this.s.parameters.length >= LIMITS.parameters) {
      fail(`Too many conference parameters: at most ${LIMITS.parameters}`);
    }
    this.s.parameters.push({ key: p.key, value: p.value });
    return this;
  }
  setNotes(notes: string): ConferenceDataBuilder {
    this.s.notes = str(notes, 'Notes', LIMITS.notes);
    return this;
  }
  setError(error: ConferenceError): ConferenceDataBuilder {
    this.s.error = { ...specOf<ConferenceErrorSpec>(error, 'ConferenceError') };
    return this;
  }

  build(): ConferenceData {
    const s = this.s;
    if (s.error) {
      if (!s.error.conferenceErrorType) fail('Conference error has no type');
      if (s.error.authenticationUrl && s.error.conferenceErrorType !== ConferenceErrorType.AUTHENTICATION) {
        fail('An authentication URL is only allowed with ConferenceErrorType.AUTHENTICATION');
      }
      if (!s.error.authenticationUrl && s.error.conferenceErrorType === ConferenceErrorType.AUTHENTICATION) {
        fail('ConferenceErrorType.AUTHENTICATION needs an authentication URL (setAuthenticationUrl)');
      }
      return new ConferenceData(structuredClone(s));
    }
    if (!s.conferenceId) fail('Conference data needs a conference ID (or an error)');
    if (s.entryPoints.length === 0) fail('Conference data needs at least one entry point (or an error)');
    const counts: Record<string, number> = {};
    for (const ep of s.entryPoints) {
      if (!ep.type) fail('Entry point has no type');
      if (!ep.uri) fail(`${ep.type} entry point has no URI`);
      if (!SCHEMES[ep.type].test(ep.uri)) {
        const need = ep.type === 'PHONE' ? 'tel:' : ep.type === 'SIP' ? 'sip:' : 'http: or https:';
        fail(`${ep.type} entry point URI must start with ${need}: ${ep.uri}`);
      }
      if (ep.type !== 'PHONE' && (ep.regionCode || ep.features.length)) {
        fail(`Region code and features apply only to PHONE entry points, not ${ep.type}`);
      }
      checkPhoneDetails(ep);
      counts[ep.type] = (counts[ep.type] ?? 0) + 1;
    }
    for (const t of ['VIDEO', 'SIP', 'MORE']) {
      if ((counts[t] ?? 0) > 1) fail(`At most one ${t} entry point is allowed, got ${counts[t]}`);
    }
    if (counts.MORE && s.entryPoints.length === 1) fail('A MORE entry point cannot be the only entry point');
    const keys = new Set<string>();
    for (const p of s.parameters) {
      if (keys.has(p.key)) fail(`Duplicate conference parameter key: ${p.key}`);
      keys.add(p.key);
    }
    return new ConferenceData(structuredClone(s));
  }
}

export interface ConferenceDataServiceEmulation {
  newConferenceDataBuilder(): ConferenceDataBuilder;
  newEntryPoint(): EntryPoint;
  newConferenceParameter(): ConferenceParameter;
  newConferenceError(): ConferenceError;
  EntryPointType: typeof EntryPointType;
  EntryPointFeature: typeof EntryPointFeature;
  ConferenceErrorType: typeof ConferenceErrorType;
}

/** The object installed as the Apps Script global `ConferenceDataService`. */
export function createConferenceDataService(): ConferenceDataServiceEmulation {
  return {
    newConferenceDataBuilder: () => new ConferenceDataBuilder(),
    newEntryPoint: () => new EntryPoint(),
    newConferenceParameter: () => new ConferenceParameter(),
    newConferenceError: () => new ConferenceError(),
    EntryPointType,
    EntryPointFeature,
    ConferenceErrorType,
  };
}

/** The spec inside a built ConferenceData, or undefined when `value` is not one. */
export function conferenceDataSpec(value: unknown): ConferenceDataSpec | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const spec = specs.get(value) as { kind: string; value: ConferenceDataSpec } | undefined;
  return spec?.kind === 'ConferenceData' ? structuredClone(spec.value) : undefined;
}

function entryPointToResource(ep: EntryPointSpec): ConferenceEntryPointResource {
  const out: ConferenceEntryPointResource = { entryPointType: ep.type!.toLowerCase(), uri: ep.uri };
  for (const k of ['pin', 'passcode', 'password', 'accessCode', 'meetingCode', 'regionCode'] as const) {
    if (ep[k] !== undefined) out[k] = ep[k];
  }
  if (ep.features.length) out.entryPointFeatures = ep.features.map((f) => f.toLowerCase());
  return out;
}

function specToResource(spec: ConferenceDataSpec): ConferenceDataResource {
  const out: ConferenceDataResource = {
    conferenceId: spec.conferenceId,
    entryPoints: spec.entryPoints.map(entryPointToResource),
  };
  if (spec.parameters.length) {
    out.parameters = {
      addOnParameters: { parameters: Object.fromEntries(spec.parameters.map((p) => [p.key, p.value])) },
    };
  }
  if (spec.notes !== undefined) out.notes = spec.notes;
  return out;
}

export interface ConferenceSolution {
  id: string;
  name: string;
  logoUrl: string;
}

/**
 * The `conferenceData` resource Calendar stores after an add-on's onCreateFunction returned `built`,
 * or `{error}` when the add-on returned a ConferenceData carrying a ConferenceError. Name and icon come
 * from the manifest's solution whose id the add-on set (`solutions` is the manifest's list). Throws
 * ConferenceDataError when `built` is not a usable conference.
 */
export function conferenceDataToResource(
  built: unknown,
  solutions: readonly ConferenceSolution[],
): ConferenceDataResource | { error: ConferenceErrorSpec } {
  const spec = conferenceDataSpec(built);
  if (!spec) fail('onCreateFunction must return a ConferenceData built with ConferenceDataService');
  if (spec.error) return { error: spec.error };
  const id = spec.conferenceSolutionId;
  if (id === undefined) {
    fail('ConferenceData has no conference solution id: call setConferenceSolutionId', 'missing-solution-id');
  }
  const solution = solutions.find((s) => s.id === id);
  if (!solution) fail(`Conference solution id ${id} is not in the manifest`, 'unknown-solution-id');
  return {
    conferenceId: spec.conferenceId,
    conferenceSolution: { key: { type: 'addOn' }, name: solution.name, iconUri: solution.logoUrl },
    ...specToResource(spec),
    createRequest: { status: { statusCode: 'success' } },
  };
}
