/**
 * Emulation of Google's OAuth2 library for Apps Script (github.com/googleworkspace/apps-script-oauth2,
 * manifest library `OAuth2`), enough for an authorization-code flow:
 * `createService(name)` with the setters, `getAuthorizationUrl`, `handleCallback`, `hasAccess` (with
 * refresh), `getAccessToken`, `reset`, `getToken`, `getRedirectUri`, `getLastError`.
 *
 * As in the library, the token is stored as JSON under `oauth2.<serviceName>` in the property store
 * given to `setPropertyStore` (and mirrored in the cache given to `setCache`); the token exchange is a
 * form POST to the token URL through the (emulated) `UrlFetchApp`; the state parameter names the
 * callback function and the service, and Apps Script's `/usercallback` calls that function with
 * `{parameter: {code, state, serviceName, ...}}` (use `callbackRequest()` to build that call).
 *
 * Also here: a small OAuth authorization server (`createOAuthServer`) that issues codes and tokens,
 * to put in front of the reference vendor server as an in-process UrlFetch route. The reference vendor
 * server accepts one bearer key, so the access tokens it issues are that key (configurable).
 */
import type { InProcessRequest, InProcessResponse, UrlFetchRoute } from '../urlfetch/urlFetchApp';

interface FetchLike {
  fetch(
    url: string,
    params?: Record<string, unknown>,
  ): { getResponseCode(): number; getContentText(): string };
}

interface PropertiesLike {
  getProperty(key: string): string | null;
  setProperty(key: string, value: string): unknown;
  deleteProperty(key: string): unknown;
}
interface CacheLike {
  get(key: string): string | null;
  put(key: string, value: string, seconds?: number): unknown;
  remove(key: string): unknown;
}
interface LockLike {
  waitLock(ms: number): void;
  releaseLock(): void;
}

export interface OAuth2LibraryOptions {
  urlFetch: FetchLike;
  scriptId: string;
  now: () => number;
}

export interface StoredToken {
  access_token: string;
  refresh_token?: string;
  expires_in?: number;
  token_type?: string;
  /** Seconds since epoch when granted (as the library stores it). */
  granted_time: number;
}

/** How long before expiry a token counts as expired (the library uses 60 s). */
const EXPIRATION_BUFFER_S = 60;

export function redirectUriFor(scriptId: string): string {
  return `https://script.google.com/macros/d/${encodeURIComponent(scriptId)}/usercallback`;
}

export interface StatePayload {
  /** Callback function name. */
  f: string;
  /** Arguments (serviceName and any additional parameters). */
  a: Record<string, string>;
  /** Expiry, ms since epoch. */
  e: number;
}

export function encodeState(payload: StatePayload): string {
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

export function decodeState(state: string): StatePayload | undefined {
  try {
    const p = JSON.parse(Buffer.from(state, 'base64url').toString('utf8')) as StatePayload;
    return typeof p.f === 'string' && p.a && typeof p.e === 'number' ? p : undefined;
  } catch {
    return undefined;
  }
}

function formEncode(values: Record<string, string>): string {
  return Object.entries(values)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
}

export class EmulatedOAuth2Service {
  private authorizationBaseUrl?: string;
  private tokenUrl?: string;
  private refreshUrl?: string;
  private clientId?: string;
  private clientSecret?: string;
  private callbackFunction?: string;
  private propertyStore?: PropertiesLike;
  private cache?: CacheLike;
  private lock?: LockLike;
  private scope?: string;
  private readonly params: Record<string, string> = {};
  private lastError: unknown;

  constructor(
    readonly serviceName: string,
    private readonly lib: OAuth2LibraryOptions,
  ) {}

  setAuthorizationBaseUrl(url: string) {
    this.authorizationBaseUrl = url;
    return this;
  }
  setTokenUrl(url: string) {
    this.tokenUrl = url;
    return this;
  }
  setRefreshUrl(url: string) {
    this.refreshUrl = url;
    return this;
  }
  setClientId(id: string) {
    this.clientId = id;
    return this;
  }
  setClientSecret(secret: string) {
    this.clientSecret = secret;
    return this;
  }
  setCallbackFunction(name: string) {
    this.callbackFunction = name;
    return this;
  }
  setPropertyStore(store: PropertiesLike) {
    this.propertyStore = store;
    return this;
  }
  setCache(cache: CacheLike) {
    this.cache = cache;
    return this;
  }
  setLock(lock: LockLike) {
    this.lock = lock;
    return this;
  }
  setScope(scope: string | readonly string[], separator = ' ') {
    this.scope = Array.isArray(scope) ? scope.join(separator) : String(scope);
    return this;
  }
  setParam(name: string, value: string) {
    this.params[name] = value;
    return this;
  }

  private key(): string {
    return `oauth2.${this.serviceName}`;
  }

  private require(value: unknown, message: string): void {
    if (!value) throw new Error(message);
  }

  getRedirectUri(): string {
    return redirectUriFor(this.lib.scriptId);
  }

  getAuthorizationUrl(additional: Record<string, string> = {}): string {
    this.require(this.clientId, 'Client ID is required');
    this.require(this.callbackFunction, 'Callback function name is required');
    this.require(this.authorizationBaseUrl, 'Authorization base URL is required');
    const state = encodeState({
      f: this.callbackFunction as string,
      a: { ...additional, serviceName: this.serviceName },
      e: this.lib.now() + 3600_000,
    });
    const query: Record<string, string> = {
      client_id: this.clientId as string,
      response_type: 'code',
      redirect_uri: this.getRedirectUri(),
      state,
      ...(this.scope ? { scope: this.scope } : {}),
      ...this.params,
    };
    const base = this.authorizationBaseUrl as string;
    return `${base}${base.includes('?') ? '&' : '?'}${formEncode(query)}`;
  }

  getToken(): StoredToken | null {
    this.require(this.propertyStore, 'Property store is required');
    const cached = this.cache?.get(this.key());
    const text = cached ?? this.propertyStore?.getProperty(this.key()) ?? null;
    if (!text) return null;
    try {
      return JSON.parse(text) as StoredToken;
    } catch {
      return null;
    }
  }

  private saveToken(token: StoredToken): void {
    const text = JSON.stringify(token);
    this.propertyStore?.setProperty(this.key(), text);
    this.cache?.put(this.key(), text, 21600);
  }

  private isExpired(token: StoredToken): boolean {
    if (!token.expires_in) return false;
    return token.granted_time + token.expires_in - EXPIRATION_BUFFER_S < this.lib.now() / 1000;
  }

  private fetchToken(payload: Record<string, string>, url: string): StoredToken {
    const response = this.lib.urlFetch.fetch(url, {
      method: 'post',
      headers: { Accept: 'application/json' },
      contentType: 'application/x-www-form-urlencoded',
      payload: formEncode(payload),
      muteHttpExceptions: true,
    });
    const text = response.getContentText();
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // not JSON: reported below
    }
    if (response.getResponseCode() !== 200 || typeof body.access_token !== 'string') {
      const reason = typeof body.error === 'string' ? body.error : text.slice(0, 200);
      throw new Error(`Error retrieving token: ${reason}`);
    }
    const token: StoredToken = {
      access_token: body.access_token,
      granted_time: Math.floor(this.lib.now() / 1000),
    };
    if (typeof body.refresh_token === 'string') token.refresh_token = body.refresh_token;
    if (typeof body.expires_in === 'number') token.expires_in = body.expires_in;
    if (typeof body.token_type === 'string') token.token_type = body.token_type;
    return token;
  }

  handleCallback(request: { parameter?: Record<string, string> }): boolean {
    const parameter = request?.parameter ?? {};
    if (parameter.error) {
      if (parameter.error === 'access_denied') return false;
      throw new Error(`Error authorizing token: ${parameter.error}`);
    }
    this.require(parameter.code, 'Authorization code is missing');
    this.require(this.tokenUrl, 'Token URL is required');
    this.require(this.clientSecret, 'Client Secret is required');
    const token = this.fetchToken(
      {
        code: parameter.code as string,
        client_id: this.clientId as string,
        client_secret: this.clientSecret as string,
        redirect_uri: this.getRedirectUri(),
        grant_type: 'authorization_code',
      },
      this.tokenUrl as string,
    );
    this.saveToken(token);
    return true;
  }

  refresh(): void {
    const token = this.getToken();
    if (!token?.refresh_token) throw new Error('Offline access is required.');
    this.lock?.waitLock(120_000);
    try {
      const fresh = this.fetchToken(
        {
          refresh_token: token.refresh_token,
          client_id: this.clientId as string,
          client_secret: this.clientSecret as string,
          grant_type: 'refresh_token',
        },
        (this.refreshUrl ?? this.tokenUrl) as string,
      );
      if (!fresh.refresh_token) fresh.refresh_token = token.refresh_token;
      this.saveToken(fresh);
    } finally {
      this.lock?.releaseLock();
    }
  }

  hasAccess(): boolean {
    const token = this.getToken();
    if (!token) return false;
    if (!this.isExpired(token)) return true;
    if (!token.refresh_token) return false;
    try {
      this.refresh();
      return true;
    } catch (error) {
      this.lastError = error;
      return false;
    }
  }

  getAccessToken(): string {
    if (!this.hasAccess()) throw new Error('Access not granted or expired.');
    return (this.getToken() as StoredToken).access_token;
  }

  getLastError(): unknown {
    return this.lastError;
  }

  reset(): void {
    this.propertyStore?.deleteProperty(this.key());
    this.cache?.remove(this.key());
  }
}

/** The `OAuth2` global the library would provide. */
export function createOAuth2Library(options: OAuth2LibraryOptions) {
  return {
    TOKEN_FORMAT: { JSON: 'application/json', FORM_URL_ENCODED: 'application/x-www-form-urlencoded' },
    createService: (serviceName: string) => new EmulatedOAuth2Service(serviceName, options),
    getRedirectUri: (scriptId?: string) => redirectUriFor(scriptId ?? options.scriptId),
  };
}

// ------------------------------------------------------------------------ authorization server

export interface OAuthServerOptions {
  clientId: string;
  clientSecret: string;
  /** The access token issued (the reference vendor server accepts exactly its API key). */
  accessToken: string;
  /** Path of the token endpoint on the vendor host. Default `/oauth/token`. */
  tokenPath?: string;
  /** Token lifetime, seconds. Default 3600. */
  expiresIn?: number;
  /** Issue refresh tokens (default true). */
  refreshTokens?: boolean;
}

export interface OAuthServer {
  /**
   * What the vendor's sign-in page does when the user approves (or denies): checks the client id
   * and redirect URI of the authorization URL and returns the redirect back to Apps Script.
   */
  approve(authorizationUrl: string, decision?: 'approve' | 'deny'): { redirectUrl: string; code?: string };
  /** Token endpoint (form POST, grant_type authorization_code or refresh_token). */
  handleToken(req: InProcessRequest): InProcessResponse;
  /** An in-process route: the token endpoint, and everything else to `inner`. */
  route(inner: (req: InProcessRequest) => InProcessResponse): UrlFetchRoute;
  /** Token requests received, oldest first. */
  readonly tokenRequests: Array<{ grantType: string; ok: boolean }>;
}

/** What the vendor's authorization server remembers between the sign-in page and the token endpoint. */
interface OAuthState {
  options: OAuthServerOptions;
  /** Authorization code -> the redirect_uri it was issued for. */
  codes: Map<string, string>;
  refreshTokens: Set<string>;
  counter: number;
  tokenRequests: Array<{ grantType: string; ok: boolean }>;
}

function oauthJson(status: number, body: unknown): InProcessResponse {
  return { status, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
}

function issueToken(state: OAuthState): InProcessResponse {
  const { options } = state;
  const body: Record<string, unknown> = {
    access_token: options.accessToken,
    token_type: 'Bearer',
    expires_in: options.expiresIn ?? 3600,
  };
  if (options.refreshTokens !== false) {
    const rt = `rt-${++state.counter}`;
    state.refreshTokens.add(rt);
    body.refresh_token = rt;
  }
  return oauthJson(200, body);
}

function approveAuthorization(
  state: OAuthState,
  authorizationUrl: string,
  decision: 'approve' | 'deny',
): { redirectUrl: string; code?: string } {
  const q = new URL(authorizationUrl).searchParams;
  if (q.get('client_id') !== state.options.clientId) throw new Error('authorization URL: unknown client_id');
  if (q.get('response_type') !== 'code') throw new Error('authorization URL: response_type must be code');
  const redirect = q.get('redirect_uri');
  const clientState = q.get('state');
  if (!redirect || !clientState) throw new Error('authorization URL: redirect_uri and state are required');
  const back = new URL(redirect);
  back.searchParams.set('state', clientState);
  if (decision === 'deny') {
    back.searchParams.set('error', 'access_denied');
    return { redirectUrl: back.toString() };
  }
  const code = `code-${++state.counter}`;
  state.codes.set(code, redirect);
  back.searchParams.set('code', code);
  return { redirectUrl: back.toString(), code };
}

/** The OAuth error for a token request whose grant is not acceptable, or undefined when it is. */
function grantError(state: OAuthState, grantType: string, form: URLSearchParams): string | undefined {
  if (grantType === 'authorization_code') {
    const code = form.get('code') ?? '';
    const redirect = state.codes.get(code);
    if (!redirect || redirect !== form.get('redirect_uri')) return 'invalid_grant';
    state.codes.delete(code); // single use
    return undefined;
  }
  if (grantType === 'refresh_token')
    return state.refreshTokens.has(form.get('refresh_token') ?? '') ? undefined : 'invalid_grant';
  return 'unsupported_grant_type';
}

function handleTokenRequest(state: OAuthState, req: InProcessRequest): InProcessResponse {
  const { options } = state;
  const form = new URLSearchParams(req.body);
  const grantType = form.get('grant_type') ?? '';
  const fail = (error: string) => {
    state.tokenRequests.push({ grantType, ok: false });
    return oauthJson(400, { error });
  };
  if (req.method.toUpperCase() !== 'POST') return fail('invalid_request');
  if (form.get('client_id') !== options.clientId || form.get('client_secret') !== options.clientSecret)
    return fail('invalid_client');
  const error = grantError(state, grantType, form);
  if (error) return fail(error);
  state.tokenRequests.push({ grantType, ok: true });
  return issueToken(state);
}

export function createOAuthServer(options: OAuthServerOptions): OAuthServer {
  const tokenPath = options.tokenPath ?? '/oauth/token';
  const state: OAuthState = {
    options,
    codes: new Map(),
    refreshTokens: new Set(),
    counter: 0,
    tokenRequests: [],
  };
  const server: OAuthServer = {
    tokenRequests: state.tokenRequests,
    approve: (authorizationUrl, decision = 'approve') =>
      approveAuthorization(state, authorizationUrl, decision),
    handleToken: (req) => handleTokenRequest(state, req),
    route(inner) {
      return {
        kind: 'inprocess',
        handle: (req) => (req.path.split('?')[0] === tokenPath ? server.handleToken(req) : inner(req)),
      };
    },
  };
  return server;
}

/**
 * What Apps Script does with the redirect to `/usercallback`: decodes the state and calls the named
 * function with the request object. Returns the function name and its argument.
 */
export function callbackRequest(redirectUrl: string): {
  functionName: string;
  request: { parameter: Record<string, string>; parameters: Record<string, string[]> };
} {
  const url = new URL(redirectUrl);
  const state = url.searchParams.get('state') ?? '';
  const payload = decodeState(state);
  if (!payload) throw new Error('usercallback: invalid state');
  const parameter: Record<string, string> = { ...payload.a };
  for (const [k, v] of url.searchParams) parameter[k] = v;
  const parameters = Object.fromEntries(Object.entries(parameter).map(([k, v]) => [k, [v]]));
  return { functionName: payload.f, request: { parameter, parameters } };
}
