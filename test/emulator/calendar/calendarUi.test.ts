import { type AddOnManifest, CalendarUi } from '../../../emulator/calendar/calendarUi';
import { createCardService } from '../../../emulator/cards/cardService';
import {
  type ConferenceDataError,
  createConferenceDataService,
} from '../../../emulator/conferencing/conferenceDataService';
import { addOnConference, CAL, setup, timed } from './helpers';

const CDS = createConferenceDataService();
const manifest: AddOnManifest = {
  addOns: {
    calendar: {
      conferenceSolution: [
        {
          id: 'acme-web',
          name: 'Acme Meeting',
          logoUrl: 'https://www.gstatic.com/a.png',
          onCreateFunction: 'createWeb',
        },
        {
          id: 'acme-broken',
          name: 'Broken',
          logoUrl: 'https://www.gstatic.com/b.png',
          onCreateFunction: 'createBroken',
        },
      ],
    },
  },
};

function harness(withManifest: AddOnManifest = manifest) {
  const base = setup();
  const calls: Array<[string, unknown]> = [];
  const ui = new CalendarUi({
    calendar: base.emu,
    manifest: withManifest,
    invoke: (fn, arg) => {
      calls.push([fn, arg]);
      if (fn === 'createBroken') {
        return CDS.newConferenceDataBuilder()
          .setError(
            CDS.newConferenceError()
              .setConferenceErrorType(CDS.ConferenceErrorType.AUTHENTICATION)
              .setAuthenticationUrl('https://auth.example.com/x'),
          )
          .build();
      }
      const { eventId } = (arg as { eventData: { eventId: string } }).eventData;
      return CDS.newConferenceDataBuilder()
        .setConferenceSolutionId('acme-web')
        .setConferenceId(`conf-${eventId.slice(0, 6)}`)
        .addEntryPoint(
          CDS.newEntryPoint()
            .setEntryPointType(CDS.EntryPointType.VIDEO)
            .setUri('https://conference.example.com/j/1'),
        )
        .addConferenceParameter(CDS.newConferenceParameter().setKey('solution').setValue('acme-web'))
        .build();
    },
  });
  return { ...base, ui, calls };
}

describe('CalendarUi harness', () => {
  it("calls the solution's onCreateFunction with eventData, commonEventObject and hostApp", () => {
    const { ui, calls } = harness();
    const eventId = ui.newEventId();
    ui.addConference({ calendarId: CAL, eventId, solutionId: 'acme-web' });
    expect(calls).toEqual([
      [
        'createWeb',
        {
          eventData: { calendarId: CAL, eventId },
          commonEventObject: { hostApp: 'CALENDAR', platform: 'WEB' },
          hostApp: 'calendar',
        },
      ],
    ]);
  });

  it('a conference added to an unsaved event is attached when the event is saved', () => {
    const { ui, emu } = harness();
    const eventId = ui.newEventId();
    const r = ui.addConference({ calendarId: CAL, eventId, solutionId: 'acme-web' });
    expect(r.ok).toBe(true);
    expect(emu.peek(CAL, eventId)).toBeUndefined();
    expect(ui.pendingConference(CAL, eventId)?.conferenceId).toBe(`conf-${eventId.slice(0, 6)}`);
    const saved = ui.saveEvent(CAL, eventId, timed('2026-11-24T10:00:00Z', 60, { summary: 'Kickoff' }));
    expect(saved.id).toBe(eventId);
    expect(saved.conferenceData).toMatchObject({
      conferenceId: `conf-${eventId.slice(0, 6)}`,
      conferenceSolution: {
        key: { type: 'addOn' },
        name: 'Acme Meeting',
        iconUri: 'https://www.gstatic.com/a.png',
      },
      entryPoints: [{ entryPointType: 'video', uri: 'https://conference.example.com/j/1' }],
      parameters: { addOnParameters: { parameters: { solution: 'acme-web' } } },
    });
    expect(ui.pendingConference(CAL, eventId)).toBeUndefined();
  });

  it('a conference added to an existing event is attached at once and fires onChange', () => {
    const { ui, emu } = harness();
    const ev = emu.putEvent(CAL, timed('2026-11-24T10:00:00Z'));
    const changes: string[] = [];
    emu.onChange((id) => changes.push(id));
    const r = ui.addConference({ calendarId: 'primary', eventId: ev.id!, solutionId: 'acme-web' });
    expect(r.ok).toBe(true);
    expect(emu.peek(CAL, ev.id!)?.conferenceData?.conferenceSolution?.key?.type).toBe('addOn');
    expect(changes).toEqual([CAL]);
  });

  it('a handler returning a conference error yields {ok:false, error} and attaches nothing', () => {
    const { ui, emu } = harness();
    const ev = emu.putEvent(CAL, timed('2026-11-24T10:00:00Z'));
    const r = ui.addConference({ calendarId: CAL, eventId: ev.id!, solutionId: 'acme-broken' });
    expect(r).toEqual({
      ok: false,
      error: { conferenceErrorType: 'AUTHENTICATION', authenticationUrl: 'https://auth.example.com/x' },
    });
    expect(emu.peek(CAL, ev.id!)?.conferenceData).toBeUndefined();
  });

  it('a handler that throws or returns something else yields an UNKNOWN error', () => {
    const base = setup();
    const ui = new CalendarUi({
      calendar: base.emu,
      manifest,
      invoke: (fn) => {
        if (fn === 'createWeb') throw new Error('boom');
        return { conferenceId: 'plain object' };
      },
    });
    const a = ui.addConference({ calendarId: CAL, eventId: ui.newEventId(), solutionId: 'acme-web' });
    const b = ui.addConference({ calendarId: CAL, eventId: ui.newEventId(), solutionId: 'acme-broken' });
    expect([a.ok, b.ok]).toEqual([false, false]);
    expect(!a.ok && a.error.conferenceErrorType).toBe('UNKNOWN');
  });

  // developers.google.com/apps-script/reference/conference-data/conference-data-builder#setConferenceSolutionId:
  // "The value must be specified and populates conference's name and iconUrl values."
  it("setConferenceSolutionId populates the conference's name and icon: from the id the add-on set, not the solution picked", () => {
    const base = setup();
    const built = (solutionId?: string) => {
      const b = CDS.newConferenceDataBuilder()
        .setConferenceId('conf-1')
        .addEntryPoint(
          CDS.newEntryPoint()
            .setEntryPointType(CDS.EntryPointType.VIDEO)
            .setUri('https://conference.example.com/j/1'),
        );
      return solutionId === undefined ? b.build() : b.setConferenceSolutionId(solutionId).build();
    };
    let returned: unknown;
    const ui = new CalendarUi({ calendar: base.emu, manifest, invoke: () => returned });
    returned = built('acme-broken');
    const r = ui.addConference({ calendarId: CAL, eventId: ui.newEventId(), solutionId: 'acme-web' });
    expect(r.ok && r.conferenceData.conferenceSolution).toEqual({
      key: { type: 'addOn' },
      name: 'Broken',
      iconUri: 'https://www.gstatic.com/b.png',
    });
    // Without the id (or with one the manifest does not declare) there is no usable conference.
    for (const [id, problem] of [
      [undefined, 'missing-solution-id'],
      ['acme-nope', 'unknown-solution-id'],
    ] as const) {
      returned = built(id);
      const eventId = ui.newEventId();
      const failed = ui.addConference({ calendarId: CAL, eventId, solutionId: 'acme-web' });
      expect(failed).toMatchObject({ ok: false, error: { conferenceErrorType: 'UNKNOWN' } });
      expect(!failed.ok && (failed.thrown as ConferenceDataError).problem).toBe(problem);
      expect(ui.pendingConference(CAL, eventId)).toBeUndefined();
    }
  });

  it('an unknown solution id is a harness error', () => {
    const { ui } = harness();
    expect(() => ui.addConference({ calendarId: CAL, eventId: ui.newEventId(), solutionId: 'nope' })).toThrow(
      /nope/,
    );
  });

  it('removeConference removes the conference from a saved event', () => {
    const { ui, emu } = harness();
    const ev = emu.putEvent(CAL, { ...timed('2026-11-24T10:00:00Z'), conferenceData: addOnConference });
    const after = ui.removeConference(CAL, ev.id!);
    expect(after?.conferenceData).toBeUndefined();
    expect(emu.peek(CAL, ev.id!)?.conferenceData).toBeUndefined();
  });

  it('switchToMeet replaces the add-on conference with a hangoutsMeet one', () => {
    const { ui, emu } = harness();
    const ev = emu.putEvent(CAL, { ...timed('2026-11-24T10:00:00Z'), conferenceData: addOnConference });
    ui.switchToMeet(CAL, ev.id!);
    const stored = emu.peek(CAL, ev.id!)!;
    expect(stored.conferenceData?.conferenceSolution?.key?.type).toBe('hangoutsMeet');
    expect(stored.conferenceData?.entryPoints?.[0].uri).toMatch(/^https:\/\/meet\.google\.com\//);
    expect(stored.hangoutLink).toBe(stored.conferenceData?.entryPoints?.[0].uri);
  });

  it('saving an existing event updates it and keeps its conference', () => {
    const { ui, emu } = harness();
    const eventId = ui.newEventId();
    ui.addConference({ calendarId: CAL, eventId, solutionId: 'acme-web' });
    ui.saveEvent(CAL, eventId, timed('2026-11-24T10:00:00Z'));
    const again = ui.saveEvent(CAL, eventId, { summary: 'Renamed' });
    expect(again.summary).toBe('Renamed');
    expect(again.conferenceData?.conferenceSolution?.key?.type).toBe('addOn');
    expect(emu.liveEvents(CAL)).toHaveLength(1);
  });

  it('discarding an unsaved event drops its pending conference', () => {
    const { ui } = harness();
    const eventId = ui.newEventId();
    ui.addConference({ calendarId: CAL, eventId, solutionId: 'acme-web' });
    ui.discardEvent(CAL, eventId);
    expect(ui.pendingConference(CAL, eventId)).toBeUndefined();
  });

  // CalendarEventActionResponseBuilder.setConferenceData: "Specifies that the response should set the
  // indicated conference data to the Calendar event when the associated UI action is taken"; changing
  // the open event needs currentEventAccess WRITE or READ_WRITE and calendar.addons.current.event.write
  // (manifest reference, calendar-addons).
  describe("a card action that sets the open event's conference data", () => {
    const WRITE = 'https://www.googleapis.com/auth/calendar.addons.current.event.write';
    const writable: AddOnManifest = {
      oauthScopes: [WRITE],
      addOns: { calendar: { ...manifest.addOns!.calendar, currentEventAccess: 'READ_WRITE' } },
    };
    const passcodeResponse = () => {
      const data = CDS.newConferenceDataBuilder()
        .setConferenceSolutionId('acme-web')
        .setConferenceId('conf-1')
        .addEntryPoint(
          CDS.newEntryPoint()
            .setEntryPointType(CDS.EntryPointType.VIDEO)
            .setUri('https://conference.example.com/j/1')
            .setPasscode('new-code'),
        )
        .build();
      return createCardService().newCalendarEventActionResponseBuilder().setConferenceData(data).build();
    };

    it('is applied to the event with READ_WRITE access and the write scope', () => {
      const { ui, emu } = harness(writable);
      const ev = emu.putEvent(CAL, timed('2026-11-24T10:00:00Z'));
      const applied = ui.applyEventAction(CAL, ev.id!, passcodeResponse());
      expect(applied).toMatchObject({ ok: true });
      expect(emu.peek(CAL, ev.id!)!.conferenceData).toMatchObject({
        conferenceId: 'conf-1',
        conferenceSolution: { name: 'Acme Meeting' },
        entryPoints: [{ entryPointType: 'video', passcode: 'new-code' }],
      });
    });

    it('is refused without WRITE access or without the scope', () => {
      const readOnly: AddOnManifest = {
        oauthScopes: [WRITE],
        addOns: { calendar: { ...manifest.addOns!.calendar, currentEventAccess: 'READ' } },
      };
      const noScope: AddOnManifest = { addOns: writable.addOns! };
      for (const m of [readOnly, noScope]) {
        const { ui, emu } = harness(m);
        const ev = emu.putEvent(CAL, timed('2026-11-24T10:00:00Z'));
        expect(ui.applyEventAction(CAL, ev.id!, passcodeResponse())).toEqual({
          ok: false,
          refused: 'no-write-access',
        });
        expect(emu.peek(CAL, ev.id!)!.conferenceData).toBeUndefined();
      }
    });
  });
});
