import { vendorCredential } from '../../../src/auth/credential';
import { authModeOf, type OAuthServiceLike, readOnce, VendorSignIn } from '../../../src/auth/vendorAuth';
import { ConfigError } from '../../../src/config/config';
import { MemoryStore } from '../helpers';

const WL = ['https://conference.example.com/'];
const OAUTH = {
  CONFERENCE_API_BASE_URL: 'https://conference.example.com/',
  CONFERENCE_API_KEY: 'admin-key',
  CONFERENCE_OAUTH_CLIENT_ID: 'id',
  CONFERENCE_OAUTH_CLIENT_SECRET: 'secret',
  CONFERENCE_OAUTH_AUTHORIZE_URL: 'https://conference.example.com/oauth/authorize',
  CONFERENCE_OAUTH_TOKEN_URL: 'https://conference.example.com/oauth/token',
};

function fakeService(token: string | null): OAuthServiceLike & { resets: number; token: string | null } {
  const s: OAuthServiceLike & { resets: number; token: string | null } = {
    resets: 0,
    token,
    hasAccess: () => s.token !== null,
    getAccessToken: () => {
      if (s.token === null) throw new Error('Access not granted or expired.');
      return s.token;
    },
    getAuthorizationUrl: () => 'https://conference.example.com/oauth/authorize?state=s',
    handleCallback: () => true,
    reset: () => {
      s.resets++;
      s.token = null;
    },
  };
  return s;
}

describe('authModeOf', () => {
  it('API key unless some CONFERENCE_OAUTH_* property is set', () => {
    expect(authModeOf({ CONFERENCE_API_KEY: 'k' }, WL)).toEqual({ kind: 'api-key' });
    expect(authModeOf(OAUTH, WL)).toMatchObject({ kind: 'oauth', config: { clientId: 'id' } });
  });

  it('names what is missing or wrong, never a value', () => {
    expect(authModeOf({ CONFERENCE_OAUTH_CLIENT_ID: 'id' }, WL)).toEqual({
      kind: 'invalid',
      problem:
        'Missing Script Property: CONFERENCE_OAUTH_CLIENT_SECRET, CONFERENCE_OAUTH_AUTHORIZE_URL, CONFERENCE_OAUTH_TOKEN_URL',
    });
    expect(authModeOf({ ...OAUTH, CONFERENCE_OAUTH_TOKEN_URL: 'http://x.example.com/t' }, WL)).toMatchObject({
      problem: 'CONFERENCE_OAUTH_TOKEN_URL must be an https URL',
    });
    expect(
      authModeOf({ ...OAUTH, CONFERENCE_OAUTH_TOKEN_URL: 'https://evil.example.com/t' }, WL),
    ).toMatchObject({
      problem: "CONFERENCE_OAUTH_TOKEN_URL is not covered by the manifest's urlFetchWhitelist",
    });
  });
});

describe('vendorCredential (handed to the adapter, never written into Script Properties)', () => {
  it('API-key mode: the key from CONFERENCE_API_KEY', () => {
    const signIn = new VendorSignIn({ kind: 'api-key' }, () => {
      throw new Error('not used');
    });
    expect(vendorCredential({ CONFERENCE_API_KEY: 'k' }, signIn)).toEqual({ bearer: 'k', source: 'api-key' });
    expect(() => vendorCredential({}, signIn)).toThrow(/CONFERENCE_API_KEY/);
  });

  it("OAuth mode: the user's token; without one a not-signed-in ConfigError", () => {
    const service = fakeService('user-token');
    const signIn = new VendorSignIn(authModeOf(OAUTH, WL), () => service);
    expect(vendorCredential(OAUTH, signIn)).toEqual({ bearer: 'user-token', source: 'user-sign-in' });
    service.token = null;
    let error: unknown;
    try {
      vendorCredential(OAUTH, signIn);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problem).toBe('not-signed-in');
  });
});

describe('VendorSignIn.status', () => {
  it('reports a missing library as a problem instead of throwing', () => {
    const signIn = new VendorSignIn(authModeOf(OAUTH, WL), () => {
      throw new Error('the OAuth2 library is missing from the manifest');
    });
    expect(signIn.status()).toEqual({
      mode: 'invalid',
      signedIn: false,
      problem: 'Sign-in is not available: the OAuth2 library is missing from the manifest',
    });
    expect(signIn.accessToken()).toBeNull();
  });
});

describe('readOnce', () => {
  it('reads the store once until something is written', () => {
    const store = new MemoryStore();
    store.data = { a: '1' };
    const once = readOnce(store);
    once.getAll();
    once.getAll();
    expect(once.get('a')).toBe('1');
    expect(store.reads).toBe(1);
    once.set('a', '2');
    expect(once.getAll()).toEqual({ a: '2' });
    expect(store.reads).toBe(2);
  });
});
