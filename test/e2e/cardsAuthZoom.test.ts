import { createEmulator, type Emulator } from '../../emulator';
import { cardActions, cardText } from '../../emulator/cards/inspect';
import { callbackRequest, createOAuthServer, type OAuthServer } from '../../emulator/oauth2/oauth2';
import type { InProcessRequest } from '../../emulator/urlfetch/urlFetchApp';
import { createZoomApp, type ZoomApp } from '../../vendor-server/zoomApp';
import { VENDOR_TARGETS } from '../../vendor-server/zoomWorker';

/**
 * The add-on built on the Zoom adapter, with per-user OAuth through the OAuth2 library (emulated):
 * the user's bearer token reaches the Zoom-shaped server explicitly, never via Script Properties;
 * the cards' probes (connection test, event lookup) go through the port.
 */
const HOST = 'conference.example.com';
const TOKEN = 'zoom-user-token';
const CAL = 'ada@example.com';
const PROPS = {
  CONFERENCE_API_BASE_URL: `https://${HOST}/v2/`,
  CONFERENCE_OAUTH_CLIENT_ID: 'zoom-client',
  CONFERENCE_OAUTH_CLIENT_SECRET: 'zoom-secret',
  CONFERENCE_OAUTH_AUTHORIZE_URL: `https://${HOST}/oauth/authorize`,
  CONFERENCE_OAUTH_TOKEN_URL: `https://${HOST}/oauth/token`,
};

interface ZoomWorld {
  emu: Emulator;
  zoom: ZoomApp;
  oauth: OAuthServer;
  call(name: string, arg?: unknown): unknown;
  calls(): string[];
}

function zoomWorld(): ZoomWorld {
  const zoom = createZoomApp({ apiKey: TOKEN, idSeed: 3 });
  const oauth = createOAuthServer({
    clientId: 'zoom-client',
    clientSecret: 'zoom-secret',
    accessToken: TOKEN,
  });
  const toZoom = (req: InProcessRequest) =>
    zoom.handle({
      ...req,
      headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), v])),
    });
  const emu = createEmulator({
    startTime: Date.UTC(2026, 10, 23, 9),
    userEmail: CAL,
    seed: 3,
    scriptProperties: PROPS,
    routes: { [HOST]: oauth.route(toZoom) },
  });
  emu.load(VENDOR_TARGETS.zoom.bundlePath);
  let seen = 0;
  return {
    emu,
    zoom,
    oauth,
    call: (name, arg) => emu.script!.callWith({ kind: 'addon' }, name, arg),
    calls() {
      const fresh = zoom.requests().slice(seen);
      seen += fresh.length;
      return fresh.map((r) => `${r.method} ${r.path} ${r.status}`);
    },
  };
}

let world: ZoomWorld;
afterEach(() => world?.emu.close());

function signIn(w: ZoomWorld, url: string) {
  const { functionName, request } = callbackRequest(w.oauth.approve(url).redirectUrl);
  return w.call(functionName, request);
}

function click(w: ZoomWorld, card: unknown, label: string) {
  const found = cardActions(card as never).find((a) => a.text === label);
  if (!found?.functionName) throw new Error(`no button "${label}":\n${cardText(card as never)}`);
  return w.call(found.functionName, {
    commonEventObject: { parameters: found.parameters },
    parameters: found.parameters,
  });
}

describe('Zoom adapter with per-user sign-in (OAuth2 library), on the built bundle', () => {
  it('asks to sign in (AUTHENTICATION with a URL), then creates the meeting with the user token', () => {
    world = zoomWorld();
    const eventId = world.emu.ui.newEventId();
    const first = world.emu.ui.addConference({ calendarId: CAL, eventId, solutionId: 'acme-recorded' });
    if (first.ok) throw new Error('expected a sign-in request');
    expect(first.error.conferenceErrorType).toBe('AUTHENTICATION');
    expect(world.calls()).toEqual([]);
    expect(String(signIn(world, first.error.authenticationUrl as string))).toContain('You are signed in');

    const second = world.emu.ui.addConference({ calendarId: CAL, eventId, solutionId: 'acme-recorded' });
    expect(second.ok).toBe(true);
    expect(world.calls()[0]).toBe('POST /v2/users/me/meetings 201');
    const [meeting] = world.zoom.conferences();
    expect(meeting?.settings.auto_recording).toBe('cloud'); // the recorded solution
    // Per-user mode never writes a key into Script Properties.
    expect(world.emu.properties.stores.script.get('CONFERENCE_API_KEY')).toBeUndefined();
  });

  it("the settings card's connection test and the event card's lookup go through the Zoom adapter", () => {
    world = zoomWorld();
    const eventId = world.emu.ui.newEventId();
    const first = world.emu.ui.addConference({ calendarId: CAL, eventId, solutionId: 'acme-web' });
    if (!first.ok) signIn(world, first.error.authenticationUrl as string);
    const added = world.emu.ui.addConference({ calendarId: CAL, eventId, solutionId: 'acme-web' });
    if (!added.ok) throw new Error('not created');
    world.emu.ui.saveEvent(CAL, eventId, {
      summary: 'Zoom review',
      start: { dateTime: '2026-11-24T10:00:00Z', timeZone: 'UTC' },
      end: { dateTime: '2026-11-24T11:00:00Z', timeZone: 'UTC' },
    });
    world.calls();
    const tested = click(world, world.call('onShowSettings'), 'Test connection');
    expect(cardText(tested as never)).toMatch(/Connected\./);
    expect(world.calls()).toEqual(['GET /v2/users/me 200']);
    world.call('onEventOpen', { calendar: { calendarId: CAL, id: eventId } });
    expect(world.calls()).toContain(`GET /v2/meetings/${added.conferenceData.conferenceId} 200`);
  });
});
