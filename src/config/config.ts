import type { PropertyStore } from '../platform/ports';

export const BASE_URL_PROPERTY = 'CONFERENCE_API_BASE_URL';
export const API_KEY_PROPERTY = 'CONFERENCE_API_KEY';

export interface VendorConfig {
  /** Always ends with '/'. */
  baseUrl: string;
  apiKey: string;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * Reads and validates the vendor configuration from Script Properties. The base URL must be https
 * and inside the manifest's urlFetchWhitelist (given by the build), so the API key is only ever
 * sent where the developer said it may go. Error messages name the property, never its value.
 */
export function readVendorConfig(scriptStore: PropertyStore, whitelist: readonly string[]): VendorConfig {
  const all = scriptStore.getAll();
  const rawUrl = (all[BASE_URL_PROPERTY] ?? '').trim();
  const apiKey = (all[API_KEY_PROPERTY] ?? '').trim();
  const missing = [BASE_URL_PROPERTY, API_KEY_PROPERTY].filter((name) =>
    name === BASE_URL_PROPERTY ? rawUrl === '' : apiKey === '',
  );
  if (missing.length > 0) {
    throw new ConfigError(`Missing Script Propert${missing.length > 1 ? 'ies' : 'y'}: ${missing.join(', ')}`);
  }
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
  if (/[\s]/.test(apiKey)) throw new ConfigError(`${API_KEY_PROPERTY} must not contain whitespace`);
  return { baseUrl, apiKey };
}

export const SETTINGS_URL_PROPERTY = 'CONFERENCE_SETTINGS_URL';
const DEFAULT_SETTINGS_URL = 'https://conference.example.com/settings';

/** The vendor settings page Calendar links to (createSettingsUrlFunction); only ever an https URL. */
export function settingsUrl(scriptProperties: Record<string, string>): string {
  const explicit = (scriptProperties[SETTINGS_URL_PROPERTY] ?? '').trim();
  if (/^https:\/\/[^\s]+$/i.test(explicit)) return explicit;
  const base = /^(https:\/\/[a-z0-9.-]+(:\d+)?)\//i.exec(
    (scriptProperties[BASE_URL_PROPERTY] ?? '').trim() + '/',
  );
  return base ? `${base[1]}/settings` : DEFAULT_SETTINGS_URL;
}
