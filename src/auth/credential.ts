/**
 * The credential the vendor adapter sends, resolved explicitly from the sign-in mode: the shared
 * API key (Script Property CONFERENCE_API_KEY), or this user's OAuth access token from Google's
 * OAuth2 library. It is handed to the adapter as a value; nothing rewrites Script Properties.
 */
import { API_KEY_PROPERTY, ConfigError } from '../config/config';
import type { VendorSignIn } from './vendorAuth';

export interface VendorCredential {
  /** Sent as `Authorization: Bearer <token>`; never logged. */
  bearer: string;
  /** Where it came from: an API key refused by the vendor is the administrator's to fix, a user token the user's. */
  source: 'api-key' | 'user-sign-in';
}

/**
 * The credential for this user, or a ConfigError saying why there is none (`invalid` for the
 * administrator, `not-signed-in` for the user). Reads no property beyond `scriptProperties`.
 */
export function vendorCredential(
  scriptProperties: Record<string, string>,
  signIn: VendorSignIn,
): VendorCredential {
  const mode = signIn.mode;
  if (mode.kind === 'invalid') throw new ConfigError(mode.problem);
  if (mode.kind === 'oauth') {
    const token = signIn.accessToken();
    if (token === null) throw new ConfigError('the user has not signed in to the vendor', 'not-signed-in');
    return { bearer: token, source: 'user-sign-in' };
  }
  const key = (scriptProperties[API_KEY_PROPERTY] ?? '').trim();
  if (key === '') throw new ConfigError(`Missing Script Property: ${API_KEY_PROPERTY}`);
  if (/\s/.test(key)) throw new ConfigError(`${API_KEY_PROPERTY} must not contain whitespace`);
  return { bearer: key, source: 'api-key' };
}
