import { createEmulator, type Emulator, type EmulatorOptions } from '../../emulator';
import { cardActions, cardText } from '../../emulator/cards/inspect';
import { createOAuthServer, type OAuthServer } from '../../emulator/oauth2/oauth2';
import type { InProcessRequest } from '../../emulator/urlfetch/urlFetchApp';
import { createVendorApp, type VendorApp } from '../../vendor-server/app';

/** The built bundle in the emulator with the reference vendor (in process), for the card tests. */

export const HOST = 'conference.example.com';
export const KEY = 'cards-test-key';
export const BASE = `https://${HOST}/`;
export const T0 = Date.UTC(2026, 10, 23, 9, 0, 0);
export const CAL = 'ada@example.com';

export const OAUTH_PROPS = {
  CONFERENCE_API_BASE_URL: BASE,
  CONFERENCE_OAUTH_CLIENT_ID: 'addon-client',
  CONFERENCE_OAUTH_CLIENT_SECRET: 'addon-secret',
  CONFERENCE_OAUTH_AUTHORIZE_URL: `https://${HOST}/oauth/authorize`,
  CONFERENCE_OAUTH_TOKEN_URL: `https://${HOST}/oauth/token`,
};

export interface CardsWorld {
  emu: Emulator;
  vendor: VendorApp;
  oauth: OAuthServer;
  /**
   * Calls an add-on entry point (as Calendar would, an 'addon' execution); without an argument, with
   * the event object Calendar builds (the user's locale and zone in commonEventObject).
   */
  call(name: string, arg?: unknown): unknown;
  /** Opens an event's card (eventOpenTrigger) with Calendar's event object. */
  open(eventId: string): unknown;
  /** Clicks the card button with this text: runs its function with its parameters. */
  click(card: unknown, text: string): unknown;
  /** Opens the homepage and, from it, the sync details card (per-calendar controls). */
  syncDetails(): unknown;
  vendorCalls(): string[];
  close(): void;
}

export function createCardsWorld(
  options: {
    oauth?: boolean;
    scriptProperties?: Record<string, string>;
    userLocale?: string;
    userTimeZone?: string;
    /** Calendar emulator options (e.g. short pages). */
    calendar?: NonNullable<EmulatorOptions['calendar']>;
  } = {},
) {
  const vendor = createVendorApp({ apiKey: KEY, idSeed: 5, now: () => emu.clock.now() });
  const oauth = createOAuthServer({
    clientId: 'addon-client',
    clientSecret: 'addon-secret',
    accessToken: KEY,
  });
  const toVendor = (req: InProcessRequest) =>
    vendor.handle({
      ...req,
      headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), v])),
    });
  const emu: Emulator = createEmulator({
    startTime: T0,
    userEmail: CAL,
    seed: 11,
    scriptProperties:
      options.scriptProperties ??
      (options.oauth ? OAUTH_PROPS : { CONFERENCE_API_BASE_URL: BASE, CONFERENCE_API_KEY: KEY }),
    routes: { [HOST]: oauth.route(toVendor) },
    ...(options.userLocale ? { userLocale: options.userLocale } : {}),
    ...(options.userTimeZone ? { userTimeZone: options.userTimeZone } : {}),
    ...(options.calendar ? { calendar: options.calendar } : {}),
  });
  emu.load('dist/Code.js');
  let seen = 0;
  const world: CardsWorld = {
    emu,
    vendor,
    oauth,
    call: (name, arg) => emu.script!.callWith({ kind: 'addon' }, name, arg ?? emu.cardEvent()),
    open: (eventId) =>
      world.call('onEventOpen', emu.cardEvent({ calendar: { calendarId: CAL, id: eventId } })),
    click(card, text) {
      const found = cardActions(card as never).find((a) => a.text === text);
      if (!found?.functionName) {
        throw new Error(`no button "${text}" on the card:\n${cardText(card as never)}`);
      }
      return world.call(found.functionName, emu.cardEvent({ parameters: found.parameters }));
    },
    syncDetails: () => world.click(world.call('onHomepage'), 'Sync details'),
    vendorCalls() {
      const all = vendor.requests();
      const fresh = all.slice(seen);
      seen = all.length;
      return fresh.map((r) => `${r.method} ${r.path} ${r.status}`);
    },
    close: () => emu.close(),
  };
  return world;
}

export const at = (iso: string) => ({ dateTime: iso, timeZone: 'UTC' });

/** A saved event with our conference, created the way a user does. */
export function meeting(world: CardsWorld, summary = 'Planning') {
  const eventId = world.emu.ui.newEventId();
  const added = world.emu.ui.addConference({ calendarId: CAL, eventId, solutionId: 'acme-web' });
  if (!added.ok) throw new Error(`conference not created: ${JSON.stringify(added.error)}`);
  world.emu.ui.saveEvent(CAL, eventId, {
    summary,
    start: at('2026-11-24T10:00:00Z'),
    end: at('2026-11-24T11:00:00Z'),
    attendees: [{ email: 'bob@example.com' }],
  });
  world.emu.settle();
  return { eventId, conferenceId: added.conferenceData.conferenceId as string };
}
