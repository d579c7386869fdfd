import { fromZoom } from '../../test/oracle/vendors';
import type { Conference } from '../../vendor-server/app';
import type { VendorHandle } from '../../vendor-server/worker';
import type { ZoomMeeting } from '../../vendor-server/zoomApp';
import { neutralMeeting, VENDOR_TARGETS, type VendorKind } from '../../vendor-server/zoomWorker';
import {
  type CalendarSnapshot,
  type ConsistencyReport,
  checkConsistency,
  checkNormalised,
} from './consistency';

/**
 * What differs when the story plays against one reference vendor or the other: the API calls each
 * step should cause (the wire of that vendor's API), how its conferences read in the narration, and
 * its normaliser for the shared oracle. The story itself, and the add-on's behaviour, are the same.
 */
export type { VendorKind } from '../../vendor-server/zoomWorker';

export const VENDOR_KINDS: readonly VendorKind[] = ['acme', 'zoom'];

/** What a vendor holds for one conference, in the story's neutral terms. */
export interface HeldConference {
  id: string;
  title: string | null;
  start: Conference['start'];
  end: Conference['end'];
  attendees: string[];
  recurrence: string[];
  /** Only vendors that count versions (Acme). */
  version?: number;
}

export interface StoryVendor {
  kind: VendorKind;
  /** How the narration names the vendor's API. */
  apiName: string;
  /** The built server and the add-on bundle built on this vendor's adapter. */
  cliPath: string;
  bundlePath: string;
  defaultDataFile: string;
  /** "METHOD /path STATUS" of each applied call. */
  createCall: string;
  updateCall(conferenceId: string, status?: number): string;
  deleteCall(conferenceId: string): string;
  /** Live conferences as the vendor's admin endpoint lists them. */
  held(vendor: VendorHandle): Promise<HeldConference[]>;
  consistency(calendars: CalendarSnapshot, vendor: VendorHandle): Promise<ConsistencyReport>;
}

const idPath = (prefix: string, id: string) => `${prefix}/${encodeURIComponent(id)}`;

/** The Acme contract (docs/vendor-api.openapi.json): PATCH answers 200 with the conference. */
const ACME: StoryVendor = {
  kind: 'acme',
  apiName: 'Acme API',
  ...VENDOR_TARGETS.acme,
  defaultDataFile: '.vendor-data/start.json',
  createCall: 'POST /conferences 201',
  updateCall: (id, status = 200) => `PATCH ${idPath('/conferences', id)} ${status}`,
  deleteCall: (id) => `DELETE ${idPath('/conferences', id)} 204`,
  held: (vendor) => vendor.conferences(),
  consistency: async (calendars, vendor) => checkConsistency(calendars, await vendor.conferences()),
};

/** The admin endpoint of the Zoom-shaped server lists Zoom meetings, not Acme conferences. */
async function zoomMeetings(vendor: VendorHandle): Promise<ZoomMeeting[]> {
  return (await vendor.conferences()) as unknown as ZoomMeeting[];
}

/** Zoom's Meetings API v2: create for the user, PATCH and DELETE answer 204 with no body. */
const ZOOM: StoryVendor = {
  kind: 'zoom',
  apiName: 'Zoom Meetings API',
  ...VENDOR_TARGETS.zoom,
  defaultDataFile: '.vendor-data/start-zoom.json',
  createCall: 'POST /users/me/meetings 201',
  updateCall: (id, status = 204) => `PATCH ${idPath('/meetings', id)} ${status}`,
  deleteCall: (id) => `DELETE ${idPath('/meetings', id)} 204`,
  held: async (vendor) => (await zoomMeetings(vendor)).map(neutralMeeting),
  consistency: async (calendars, vendor) =>
    checkNormalised(calendars, (await zoomMeetings(vendor)).map(fromZoom)),
};

export const STORY_VENDORS: Record<VendorKind, StoryVendor> = { acme: ACME, zoom: ZOOM };
