/**
 * Options for new meetings (issue 23): the user's own defaults (settings card), stored in their
 * user properties under `o:defaults` (one small JSON value, apart from the sync's records), and the
 * organisation's (`meetingDefaults` of vendor.config.json, for a domain-wide install), used for
 * each option the user left to the default. Only what the vendor supports is sent.
 */
import type { BrandConfig } from '../config/brand';
import type { PropertyStore, Services } from '../platform/ports';
import {
  hasOptions,
  type MeetingOptionName,
  type MeetingOptions,
  onlySupported,
  optionsFromJson,
  SWITCH_OPTIONS,
  type SwitchOption,
} from '../vendor/options';
import type { VendorPort } from '../vendor/port';

/** The user property holding the user's defaults (no other key starts with `o:`). */
export const USER_DEFAULTS_KEY = 'o:defaults';

export function readUserDefaults(store: Pick<PropertyStore, 'get'>): MeetingOptions {
  const text = store.get(USER_DEFAULTS_KEY);
  if (!text) return {};
  try {
    return onlySupported(optionsFromJson(JSON.parse(text)), SWITCH_OPTIONS);
  } catch {
    return {}; // unreadable: the organisation's defaults apply, and the next change rewrites it
  }
}

/** Sets (or, with undefined, forgets) the user's default for one option. */
export function writeUserDefault(
  store: PropertyStore,
  option: SwitchOption,
  value: boolean | undefined,
): void {
  const defaults = { ...readUserDefaults(store) };
  if (value === undefined) delete defaults[option];
  else defaults[option] = value;
  if (Object.keys(defaults).length === 0) store.remove(USER_DEFAULTS_KEY);
  else store.set(USER_DEFAULTS_KEY, JSON.stringify(defaults));
}

/** For each option: the user's choice, else the organisation's; only those the vendor supports. */
export function newMeetingOptions(
  user: MeetingOptions,
  organisation: BrandConfig['meetingDefaults'],
  supported: readonly MeetingOptionName[],
): MeetingOptions {
  return onlySupported({ ...organisation, ...user }, supported);
}

/** onCreate's hook: `{options}` for the create request when there are any to send, else nothing. */
export function newMeetingDefaults(
  ctx: { services: Pick<Services, 'userStore'>; brand: Pick<BrandConfig, 'meetingDefaults'> },
  port: Pick<VendorPort, 'meetingOptions'>,
): { options?: MeetingOptions } {
  const supported = port.meetingOptions?.supported ?? [];
  const options = newMeetingOptions(
    readUserDefaults(ctx.services.userStore),
    ctx.brand.meetingDefaults,
    supported,
  );
  return hasOptions(options) ? { options } : {};
}
