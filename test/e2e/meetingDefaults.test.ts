import {
  type AnyWorld,
  click,
  heldOptions,
  meetingWithGuests,
  openSettings,
  sectionLines,
  worldOf,
  writesSince,
} from './optionsWorld';
import { userProps, type World } from './world';

/**
 * Defaults for new meetings (issue 23), on the built bundle against each reference vendor: the
 * organisation's (`meetingDefaults` of vendor.config.json: waiting room on) where the user chose
 * nothing, the user's own (settings card, user property `o:defaults`) where they did.
 */

const DEFAULTS = 'Defaults for new meetings';

describe.each(['acme', 'zoom'] as const)('%s: defaults for new meetings', (kind) => {
  let world: AnyWorld;
  afterEach(() => world.close());

  it("a user who chose nothing: a new meeting gets the organisation's defaults, sent with the create", async () => {
    world = await worldOf(kind);
    const { conferenceId } = meetingWithGuests(world);
    const create = world.vendor.requests().find((r) => r.method === 'POST')!;
    expect(create.body).toMatchObject(
      kind === 'zoom' ? { settings: { waiting_room: true } } : { options: { waitingRoom: true } },
    );
    expect(heldOptions(world, conferenceId)).toMatchObject({ waitingRoom: true, muteOnEntry: false });
    const lines = sectionLines(openSettings(world), DEFAULTS);
    expect(lines.find((l) => l.label === 'Waiting room')?.text).toBe('On (your organization)');
    expect(lines.find((l) => l.label === 'Mute guests when they join')?.text).toBe('As Acme decides');
  });

  it("the user's own defaults from the settings card win over the organisation's, and reset to them", async () => {
    world = await worldOf(kind);
    const from = world.vendor.requests().length;
    let card = click(world, openSettings(world), DEFAULTS, 'Waiting room');
    card = click(world, card, DEFAULTS, 'Mute guests when they join');
    expect(writesSince(world, from)).toEqual([]); // nothing goes to the vendor until a meeting is made
    expect(JSON.parse(userProps(world as World)['o:defaults']!)).toEqual({
      waitingRoom: false,
      muteOnEntry: true,
    });
    const lines = sectionLines(card, DEFAULTS);
    expect(lines.find((l) => l.label === 'Waiting room')?.text).toBe('Off (your choice)');
    expect(lines.find((l) => l.label === 'Mute guests when they join')?.text).toBe('On (your choice)');
    const mine = meetingWithGuests(world);
    expect(heldOptions(world, mine.conferenceId)).toMatchObject({ waitingRoom: false, muteOnEntry: true });

    // "Use default" (below the lines): the user's choices go, the organisation's apply again.
    const response = world.emu.script!.callWith(
      { kind: 'addon' },
      'onSetDefaultOption',
      world.emu.cardEvent({ parameters: { option: 'all', value: 'default' } }),
    );
    expect(JSON.stringify(response)).toContain('On (your organization)');
    expect(userProps(world as World)['o:defaults']).toBeUndefined();
    const theirs = meetingWithGuests(world);
    expect(heldOptions(world, theirs.conferenceId)).toMatchObject({ waitingRoom: true, muteOnEntry: false });
  });
});
