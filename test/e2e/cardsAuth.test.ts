import { cardActions, cardText } from '../../emulator/cards/inspect';
import { callbackRequest } from '../../emulator/oauth2/oauth2';
import { at, CAL, type CardsWorld, createCardsWorld, KEY } from './cardsWorld';

/** Vendor sign-in with the OAuth2 library (emulated), end to end on the bundle. */

let world: CardsWorld;
afterEach(() => world?.close());

const text = (card: unknown) => cardText(card as never);

function addConference(w: CardsWorld) {
  const eventId = w.emu.ui.newEventId();
  return { eventId, result: w.emu.ui.addConference({ calendarId: CAL, eventId, solutionId: 'acme-web' }) };
}

/** The user follows the sign-in link, approves at the vendor, and Apps Script calls back. */
function signIn(w: CardsWorld, authorizationUrl: string) {
  const { redirectUrl } = w.oauth.approve(authorizationUrl);
  const { functionName, request } = callbackRequest(redirectUrl);
  expect(functionName).toBe('authCallback');
  return w.emu.script!.callWith({ kind: 'addon' }, functionName, request);
}

describe('vendor sign-in (OAuth)', () => {
  it('create before sign-in: AUTHENTICATION with a sign-in URL, no vendor call; after sign-in it succeeds', () => {
    world = createCardsWorld({ oauth: true });
    const first = addConference(world);
    expect(first.result.ok).toBe(false);
    if (first.result.ok) return;
    expect(first.result.error.conferenceErrorType).toBe('AUTHENTICATION');
    const url = first.result.error.authenticationUrl as string;
    expect(url.startsWith('https://conference.example.com/oauth/authorize?')).toBe(true);
    expect(url).toContain('client_id=addon-client');
    expect(url).toContain(encodeURIComponent('https://script.google.com/macros/d/'));
    expect(url.length).toBeLessThanOrEqual(1800);
    expect(world.vendorCalls()).toEqual([]);

    expect(signIn(world, url)).toContain('You are signed in');
    expect(world.oauth.tokenRequests).toEqual([{ grantType: 'authorization_code', ok: true }]);
    // The token is stored in the user's properties (the OAuth2 library's key).
    expect(world.emu.properties.stores.user.get('oauth2.vendor')).toContain('access_token');

    const second = addConference(world);
    expect(second.result.ok).toBe(true);
    expect(world.vendorCalls()[0]).toBe('POST /conferences 201');
    // The conference is synced like any other once the event is saved.
    world.emu.ui.saveEvent(CAL, second.eventId, {
      summary: 'Signed in',
      start: at('2026-11-24T10:00:00Z'),
      end: at('2026-11-24T11:00:00Z'),
    });
    world.emu.settle();
    expect(world.vendorCalls().some((c) => c.startsWith('PATCH /conferences/'))).toBe(true);
  });

  it('a token the vendor refuses (401) is forgotten and the user is asked to sign in again', () => {
    world = createCardsWorld({ oauth: true });
    const first = addConference(world);
    if (first.result.ok) throw new Error('expected a sign-in request');
    signIn(world, first.result.error.authenticationUrl as string);
    // The vendor revokes it: simulate by replacing the stored token with one it does not know.
    const stored = JSON.parse(world.emu.properties.stores.user.get('oauth2.vendor') as string);
    world.emu.properties.stores.user.set(
      'oauth2.vendor',
      JSON.stringify({ ...stored, access_token: 'revoked' }),
    );
    world.emu.cache.stores.user.entries.clear(); // the library also caches the token
    const again = addConference(world);
    expect(again.result.ok).toBe(false);
    if (again.result.ok) return;
    expect(again.result.error.conferenceErrorType).toBe('AUTHENTICATION');
    expect(again.result.error.authenticationUrl).toContain('/oauth/authorize?');
    expect(world.vendorCalls()).toEqual(['POST /conferences 401']);
    expect(world.emu.properties.stores.user.get('oauth2.vendor')).toBeUndefined();
  });

  it('a token refused during a background sync is forgotten too; after signing in, "Try again" sends it', () => {
    world = createCardsWorld({ oauth: true });
    const first = addConference(world);
    if (first.result.ok) throw new Error('expected a sign-in request');
    signIn(world, first.result.error.authenticationUrl as string);
    const created = addConference(world);
    if (!created.result.ok) throw new Error('expected a conference');
    world.emu.ui.saveEvent(CAL, created.eventId, {
      summary: 'a',
      start: at('2026-11-24T10:00:00Z'),
      end: at('2026-11-24T11:00:00Z'),
    });
    world.emu.settle();
    const stored = JSON.parse(world.emu.properties.stores.user.get('oauth2.vendor') as string);
    world.emu.properties.stores.user.set(
      'oauth2.vendor',
      JSON.stringify({ ...stored, access_token: 'revoked' }),
    );
    world.emu.cache.stores.user.entries.clear();
    world.vendorCalls();
    world.emu.calendar.editEvent(CAL, created.eventId, { summary: 'renamed while signed out' });
    world.emu.settle();
    expect(world.vendorCalls()).toEqual([
      `PATCH /conferences/${created.result.conferenceData.conferenceId} 401`,
    ]);
    expect(world.emu.properties.stores.user.get('oauth2.vendor')).toBeUndefined();
    const home = world.call('onHomepage');
    expect(text(home)).toContain('Sign in to Acme');
    signIn(world, cardActions(home as never).find((a) => a.text === 'Sign in')?.url as string);
    world.click(world.syncDetails(), 'Try again');
    expect(world.vendorCalls()).toEqual([
      `PATCH /conferences/${created.result.conferenceData.conferenceId} 200`,
    ]);
  });

  it('an expired token is refreshed without asking the user', () => {
    world = createCardsWorld({ oauth: true });
    const first = addConference(world);
    if (first.result.ok) throw new Error('expected a sign-in request');
    signIn(world, first.result.error.authenticationUrl as string);
    world.emu.clock.advance(2 * 3600_000);
    expect(addConference(world).result.ok).toBe(true);
    expect(world.oauth.tokenRequests.map((r) => r.grantType)).toEqual([
      'authorization_code',
      'refresh_token',
    ]);
  });

  it('the homepage and settings cards offer sign-in, and sign-out forgets the token', () => {
    world = createCardsWorld({ oauth: true });
    const home = world.call('onHomepage');
    expect(text(home)).toContain('Sign in to Acme');
    const button = cardActions(home as never).find((a) => a.text === 'Sign in');
    expect(button?.url).toContain('/oauth/authorize?');
    signIn(world, button?.url as string);

    const after = world.call('onHomepage');
    expect(text(after)).not.toContain('Sign in to Acme');
    const settings = world.call('onShowSettings');
    expect(text(settings)).toContain('You are signed in.');
    expect(JSON.stringify(settings)).not.toContain(KEY); // the access token is never shown
    const tested = world.click(settings, 'Test connection');
    expect(text(tested)).toContain('Connected.');
    const out = world.click(settings, 'Sign out');
    expect(text(out)).toContain('You are not signed in.');
    expect(world.emu.properties.stores.user.get('oauth2.vendor')).toBeUndefined();
  });

  it('a denied sign-in stores nothing', () => {
    world = createCardsWorld({ oauth: true });
    const first = addConference(world);
    if (first.result.ok) throw new Error('expected a sign-in request');
    const { redirectUrl } = world.oauth.approve(first.result.error.authenticationUrl as string, 'deny');
    const { functionName, request } = callbackRequest(redirectUrl);
    expect(world.emu.script!.callWith({ kind: 'addon' }, functionName, request)).toContain('cancelled');
    expect(world.emu.properties.stores.user.get('oauth2.vendor')).toBeUndefined();
  });

  it('with an API key nothing about sign-in shows up', () => {
    world = createCardsWorld();
    expect(text(world.call('onHomepage'))).not.toContain('Sign in');
    expect(text(world.call('onShowSettings'))).toContain('With a key set by your administrator (not shown)');
  });

  it('a half-configured OAuth setup is a clear PERMANENT error naming the missing property', () => {
    world = createCardsWorld({
      scriptProperties: {
        CONFERENCE_API_BASE_URL: 'https://conference.example.com/',
        CONFERENCE_OAUTH_CLIENT_ID: 'x',
      },
    });
    const r = addConference(world).result;
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.conferenceErrorType).toBe('PERMANENT');
    expect(world.vendorCalls()).toEqual([]);
    expect(text(world.call('onShowSettings'))).toContain(
      'Missing Script Property: CONFERENCE_OAUTH_CLIENT_SECRET',
    );
  });
});
