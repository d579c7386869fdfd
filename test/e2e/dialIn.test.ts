import type { VendorApp } from '../../vendor-server/app';
import type { ZoomApp } from '../../vendor-server/zoomApp';
import { createWorld, type World } from './world';

/**
 * Dial-in from anywhere (issue 23): a new conference carries the vendor's dial-in numbers as PHONE
 * entry points with their region code and PIN, and one MORE entry point linking to the full list,
 * within the limits Google documents (EntryPointType: "zero or one VIDEO", "zero or more PHONE",
 * "zero or one MORE", "A conference with only a MORE entry point is not valid"; EntryPoint: pin at
 * most 128 characters, regionCode "The CLDR/ISO 3166 region code"). The emulator's
 * ConferenceDataService refuses anything outside them, so a passing create is within them.
 */

const CAL = 'alice@example.com';

describe.each(['acme', 'zoom'] as const)('%s: dial-in on a new conference (built bundle)', (kind) => {
  let world: World<VendorApp | ZoomApp>;
  afterEach(() => world.close());

  it('PHONE entry points with region codes and PINs, toll and toll-free marked, and one MORE link', async () => {
    world = kind === 'zoom' ? await createWorld({ vendor: 'zoom' }) : await createWorld();
    const result = world.emu.ui.addConference({
      calendarId: CAL,
      eventId: world.emu.ui.newEventId(),
      solutionId: 'acme-web',
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const points = result.conferenceData.entryPoints ?? [];
    const byType = (t: string) => points.filter((e) => e.entryPointType === t);
    expect(byType('video')).toHaveLength(1);
    expect(byType('more')).toHaveLength(1);
    const phones = byType('phone');
    expect(phones.map((p) => p.regionCode)).toEqual(['US', 'DE', 'US']);
    expect(phones.map((p) => p.entryPointFeatures)).toEqual([['toll'], ['toll'], ['toll_free']]);
    for (const p of phones) {
      expect(p.uri).toMatch(/^tel:\+\d+$/);
      expect(p.pin).toMatch(/^\d{1,128}$/);
    }
    const id = result.conferenceData.conferenceId!;
    if (kind === 'zoom') {
      // Zoom's dial-in asks for the meeting ID.
      expect(phones.every((p) => p.pin === id)).toBe(true);
      expect(byType('more')[0]!.uri).toBe(`https://zoom.example.com/zoomconference?m=${id}`);
    } else {
      const held = (world.vendor as VendorApp).conference(id)!;
      expect(phones.every((p) => p.pin === held.phone!.pin)).toBe(true);
      expect(byType('more')[0]!.uri).toBe(held.dialInUrl);
    }
  });
});
