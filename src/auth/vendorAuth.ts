import { BASE_URL_PROPERTY } from '../config/config';
import type { PropertyStore } from '../platform/ports';

/**
 * How the add-on proves who it is to the vendor.
 *
 * - **API key** (default): Script Property `CONFERENCE_API_KEY`, sent as `Authorization: Bearer`.
 * - **OAuth** (per user): when any `CONFERENCE_OAUTH_*` Script Property is set. Each user signs in to
 *   the vendor once (Google's OAuth2 library for Apps Script keeps the token in that user's
 *   properties and refreshes it); the user's access token is then sent instead of the API key.
 *
 * The credential is resolved explicitly (src/auth/credential.ts) and handed to the vendor adapter
 * (src/vendor/openVendor.ts). The key and tokens are never logged or shown.
 */

const OAUTH_CLIENT_ID_PROPERTY = 'CONFERENCE_OAUTH_CLIENT_ID';
const OAUTH_CLIENT_SECRET_PROPERTY = 'CONFERENCE_OAUTH_CLIENT_SECRET';
const OAUTH_AUTHORIZE_URL_PROPERTY = 'CONFERENCE_OAUTH_AUTHORIZE_URL';
const OAUTH_TOKEN_URL_PROPERTY = 'CONFERENCE_OAUTH_TOKEN_URL';
/** Optional: space-separated scopes to ask for. */
const OAUTH_SCOPE_PROPERTY = 'CONFERENCE_OAUTH_SCOPE';

const REQUIRED_OAUTH = [
  OAUTH_CLIENT_ID_PROPERTY,
  OAUTH_CLIENT_SECRET_PROPERTY,
  OAUTH_AUTHORIZE_URL_PROPERTY,
  OAUTH_TOKEN_URL_PROPERTY,
] as const;

/** The entry point the vendor's sign-in page redirects back to (via Apps Script's usercallback). */
const AUTH_CALLBACK_FUNCTION = 'authCallback';
/** OAuth2 library service name: its token lives in user properties under `oauth2.vendor`. */
export const OAUTH_SERVICE_NAME = 'vendor';

interface OAuthConfig {
  clientId: string;
  clientSecret: string;
  authorizeUrl: string;
  tokenUrl: string;
  scope?: string;
}

export type AuthMode =
  | { kind: 'api-key' }
  | { kind: 'oauth'; config: OAuthConfig }
  /** OAuth was asked for but its configuration is unusable; `problem` names the property. */
  | { kind: 'invalid'; problem: string };

const HTTPS = /^https:\/\/[a-z0-9.-]+(:\d+)?(\/[^\s#]*)?$/i;

function covered(url: string, whitelist: readonly string[]): boolean {
  return whitelist.length === 0 || whitelist.some((p) => url.toLowerCase().startsWith(p.toLowerCase()));
}

function isOAuthConfigured(all: Record<string, string>): boolean {
  return [...REQUIRED_OAUTH, OAUTH_SCOPE_PROPERTY].some((name) => (all[name] ?? '').trim() !== '');
}

/** Decides the mode from Script Properties; messages name properties, never values. */
export function authModeOf(all: Record<string, string>, whitelist: readonly string[]): AuthMode {
  if (!isOAuthConfigured(all)) return { kind: 'api-key' };
  const value = (name: string) => (all[name] ?? '').trim();
  const missing = REQUIRED_OAUTH.filter((name) => value(name) === '');
  if (missing.length > 0)
    return { kind: 'invalid', problem: `Missing Script Property: ${missing.join(', ')}` };
  for (const name of [OAUTH_AUTHORIZE_URL_PROPERTY, OAUTH_TOKEN_URL_PROPERTY]) {
    if (!HTTPS.test(value(name))) return { kind: 'invalid', problem: `${name} must be an https URL` };
  }
  if (!covered(value(OAUTH_TOKEN_URL_PROPERTY), whitelist)) {
    return {
      kind: 'invalid',
      problem: `${OAUTH_TOKEN_URL_PROPERTY} is not covered by the manifest's urlFetchWhitelist`,
    };
  }
  const config: OAuthConfig = {
    clientId: value(OAUTH_CLIENT_ID_PROPERTY),
    clientSecret: value(OAUTH_CLIENT_SECRET_PROPERTY),
    authorizeUrl: value(OAUTH_AUTHORIZE_URL_PROPERTY),
    tokenUrl: value(OAUTH_TOKEN_URL_PROPERTY),
  };
  if (value(OAUTH_SCOPE_PROPERTY) !== '') config.scope = value(OAUTH_SCOPE_PROPERTY);
  return { kind: 'oauth', config };
}

/** The parts of the OAuth2 library's service the add-on uses. */
export interface OAuthServiceLike {
  hasAccess(): boolean;
  getAccessToken(): string;
  getAuthorizationUrl(optAdditionalParameters?: object): string;
  handleCallback(callbackRequest: object): boolean;
  reset(): void;
}

/** Where the OAuth2 library keeps things: the user's properties, cache and a lock. */
interface OAuthStores {
  propertyStore: GoogleAppsScript.Properties.Properties;
  cache: GoogleAppsScript.Cache.Cache;
  lock: GoogleAppsScript.Lock.Lock;
}

/**
 * Configures an OAuth2 library service. The lock should NOT be the user lock: the sync holds that
 * one for a whole run, and the library releases its lock after a token refresh.
 */
export function configureOAuthService(
  service: GoogleAppsScriptOAuth2.OAuth2Service,
  config: OAuthConfig,
  stores: OAuthStores,
): GoogleAppsScriptOAuth2.OAuth2Service {
  service
    .setAuthorizationBaseUrl(config.authorizeUrl)
    .setTokenUrl(config.tokenUrl)
    .setClientId(config.clientId)
    .setClientSecret(config.clientSecret)
    .setCallbackFunction(AUTH_CALLBACK_FUNCTION)
    .setPropertyStore(stores.propertyStore)
    .setCache(stores.cache)
    .setLock(stores.lock);
  if (config.scope) service.setScope(config.scope);
  return service;
}

/** What the cards and entry points need to know about signing in to the vendor. */
export interface SignInStatus {
  mode: 'api-key' | 'oauth' | 'invalid';
  /** Always true with an API key (whether the key works is what "Test connection" checks). */
  signedIn: boolean;
  /** Where the user signs in (OAuth, not signed in). */
  authorizationUrl?: string;
  problem?: string;
}

export class VendorSignIn {
  private service: OAuthServiceLike | null | undefined;
  private problem: string | undefined;

  constructor(
    readonly mode: AuthMode,
    private readonly makeService: (config: OAuthConfig) => OAuthServiceLike,
  ) {
    if (mode.kind === 'invalid') this.problem = mode.problem;
  }

  private oauth(): OAuthServiceLike | null {
    if (this.service !== undefined) return this.service;
    this.service = null;
    if (this.mode.kind !== 'oauth') return null;
    try {
      this.service = this.makeService(this.mode.config);
    } catch (error) {
      this.problem = `Sign-in is not available: ${error instanceof Error ? error.message : String(error)}`;
    }
    return this.service;
  }

  /** The OAuth access token, or null (not signed in / not OAuth). Never throws. */
  accessToken(): string | null {
    const service = this.oauth();
    if (!service) return null;
    try {
      return service.hasAccess() ? service.getAccessToken() : null;
    } catch {
      return null;
    }
  }

  authorizationUrl(): string | undefined {
    const service = this.oauth();
    if (!service) return undefined;
    try {
      return service.getAuthorizationUrl();
    } catch {
      return undefined;
    }
  }

  /** Forgets the user's token (after the vendor refused it, or on "Sign out"). */
  signOut(): void {
    this.oauth()?.reset();
  }

  /** Completes sign-in from the vendor's redirect. */
  completeSignIn(request: object): boolean {
    const service = this.oauth();
    if (!service) return false;
    return service.handleCallback(request);
  }

  status(): SignInStatus {
    if (this.mode.kind === 'api-key') return { mode: 'api-key', signedIn: true };
    const service = this.oauth();
    if (this.mode.kind === 'invalid' || !service) {
      return { mode: 'invalid', signedIn: false, problem: this.problem ?? 'Sign-in is not available' };
    }
    if (this.accessToken() !== null) return { mode: 'oauth', signedIn: true };
    const status: SignInStatus = { mode: 'oauth', signedIn: false };
    const url = this.authorizationUrl();
    if (url) status.authorizationUrl = url;
    return status;
  }
}

/** The vendor base URL for display (never the key); undefined when not set. */
export function configuredBaseUrl(all: Record<string, string>): string | undefined {
  const url = (all[BASE_URL_PROPERTY] ?? '').trim();
  return url === '' ? undefined : url;
}

/**
 * A script store whose `getAll()` is read once per execution (writes go through and refresh it),
 * so checking the sign-in mode before the create handler reads its configuration costs no extra
 * PropertiesService read.
 */
export function readOnce(store: PropertyStore): PropertyStore {
  let snapshot: Record<string, string> | undefined;
  return {
    getAll() {
      snapshot ??= store.getAll();
      return { ...snapshot };
    },
    get: (key) => (snapshot ? (snapshot[key] ?? null) : store.get(key)),
    setMany(values) {
      store.setMany(values);
      snapshot = undefined;
    },
    set(key, value) {
      store.set(key, value);
      snapshot = undefined;
    },
    remove(key) {
      store.remove(key);
      snapshot = undefined;
    },
  };
}
