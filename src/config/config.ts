import { BRAND } from './brand';

export const BASE_URL_PROPERTY = 'CONFERENCE_API_BASE_URL';
export const API_KEY_PROPERTY = 'CONFERENCE_API_KEY';

/** Where the vendor's API lives (Script Property, so staging and production differ per deployment). */
export interface VendorEndpoint {
  /** Always ends with '/'. */
  baseUrl: string;
}

/** The endpoint plus the shared API key (API-key mode), as the Acme adapter is built with. */
export interface VendorConfig extends VendorEndpoint {
  apiKey: string;
}

/**
 * Why the vendor cannot be called yet: `invalid` (an administrator must fix Script Properties) or
 * `not-signed-in` (per-user sign-in: this user has not signed in, or their token was forgotten).
 */
type ConfigProblem = 'invalid' | 'not-signed-in';

export class ConfigError extends Error {
  constructor(
    message: string,
    readonly problem: ConfigProblem = 'invalid',
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

function missingProperties(names: readonly string[]): ConfigError {
  return new ConfigError(`Missing Script Propert${names.length > 1 ? 'ies' : 'y'}: ${names.join(', ')}`);
}

/**
 * The base URL must be https and inside the manifest's urlFetchWhitelist (given by the build), so
 * a credential is only ever sent where the developer said it may go.
 */
function endpointOf(rawUrl: string, whitelist: readonly string[]): VendorEndpoint {
  const match = /^https:\/\/([a-z0-9.-]+)(:\d+)?(\/[^\s?#]*)?$/i.exec(rawUrl);
  if (!match) {
    throw new ConfigError(`${BASE_URL_PROPERTY} must be an https URL without query or fragment`);
  }
  const baseUrl = rawUrl.endsWith('/') ? rawUrl : `${rawUrl}/`;
  if (
    whitelist.length > 0 &&
    !whitelist.some((prefix) => baseUrl.toLowerCase().startsWith(prefix.toLowerCase()))
  ) {
    throw new ConfigError(
      `${BASE_URL_PROPERTY} is not covered by the manifest's urlFetchWhitelist (${whitelist.join(', ')})`,
    );
  }
  return { baseUrl };
}

/**
 * API-key mode: validates endpoint and shared key from Script Properties already read, so one
 * message names every missing property. Error messages name the property, never its value.
 */
export function readVendorConfigFrom(
  all: Record<string, string>,
  whitelist: readonly string[],
): VendorConfig {
  const rawUrl = (all[BASE_URL_PROPERTY] ?? '').trim();
  const apiKey = (all[API_KEY_PROPERTY] ?? '').trim();
  const missing = [BASE_URL_PROPERTY, API_KEY_PROPERTY].filter((name) =>
    name === BASE_URL_PROPERTY ? rawUrl === '' : apiKey === '',
  );
  if (missing.length > 0) throw missingProperties(missing);
  const { baseUrl } = endpointOf(rawUrl, whitelist);
  if (/[\s]/.test(apiKey)) throw new ConfigError(`${API_KEY_PROPERTY} must not contain whitespace`);
  return { baseUrl, apiKey };
}

/**
 * The endpoint alone (per-user sign-in has no shared key): the same checks as
 * `readVendorConfigFrom` on `CONFERENCE_API_BASE_URL`.
 */
export function readVendorEndpoint(
  all: Record<string, string>,
  whitelist: readonly string[],
): VendorEndpoint {
  const rawUrl = (all[BASE_URL_PROPERTY] ?? '').trim();
  if (rawUrl === '') throw missingProperties([BASE_URL_PROPERTY]);
  return endpointOf(rawUrl, whitelist);
}

const SETTINGS_URL_PROPERTY = 'CONFERENCE_SETTINGS_URL';

/**
 * The vendor settings page Calendar links to (createSettingsUrlFunction); only ever an https URL:
 * Script Property CONFERENCE_SETTINGS_URL (per deployment), else `settingsUrl` of vendor.config.json.
 */
export function settingsUrl(
  scriptProperties: Record<string, string>,
  configured = BRAND.settingsUrl,
): string {
  const explicit = (scriptProperties[SETTINGS_URL_PROPERTY] ?? '').trim();
  return /^https:\/\/[^\s]+$/i.test(explicit) ? explicit : configured;
}
