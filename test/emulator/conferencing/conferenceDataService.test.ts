import {
  ConferenceDataError,
  conferenceDataToResource,
  createConferenceDataService,
} from '../../../emulator/conferencing/conferenceDataService';

const CDS = createConferenceDataService();
const solution = { id: 'acme-web', name: 'Acme Meeting', logoUrl: 'https://www.gstatic.com/acme.png' };
const recorded = { id: 'acme-recorded', name: 'Acme (recorded)', logoUrl: 'https://www.gstatic.com/rec.png' };
const manifestSolutions = [solution, recorded];
const video = (uri = 'https://conference.example.com/j/1') =>
  CDS.newEntryPoint().setEntryPointType(CDS.EntryPointType.VIDEO).setUri(uri);

describe('ConferenceDataService emulation', () => {
  it('builds a conference that converts to the Calendar conferenceData resource', () => {
    const built = CDS.newConferenceDataBuilder()
      .setConferenceId('conf-1')
      .setConferenceSolutionId('acme-web')
      .addEntryPoint(video().setPasscode('1234').setMeetingCode('987'))
      .addEntryPoint(
        CDS.newEntryPoint()
          .setEntryPointType(CDS.EntryPointType.PHONE)
          .setUri('tel:+15551234567')
          .setPin('42')
          .setRegionCode('US')
          .addFeature(CDS.EntryPointFeature.TOLL_FREE),
      )
      .addEntryPoint(
        CDS.newEntryPoint()
          .setEntryPointType(CDS.EntryPointType.SIP)
          .setUri('sip:1@x.com')
          .setAccessCode('7'),
      )
      .addEntryPoint(
        CDS.newEntryPoint().setEntryPointType(CDS.EntryPointType.MORE).setUri('https://x.com/more'),
      )
      .addConferenceParameter(CDS.newConferenceParameter().setKey('meetingId').setValue('m-1'))
      .setNotes('<b>Hi</b>')
      .build();
    expect(conferenceDataToResource(built, manifestSolutions)).toEqual({
      conferenceId: 'conf-1',
      conferenceSolution: {
        key: { type: 'addOn' },
        name: 'Acme Meeting',
        iconUri: 'https://www.gstatic.com/acme.png',
      },
      entryPoints: [
        {
          entryPointType: 'video',
          uri: 'https://conference.example.com/j/1',
          passcode: '1234',
          meetingCode: '987',
        },
        {
          entryPointType: 'phone',
          uri: 'tel:+15551234567',
          pin: '42',
          regionCode: 'US',
          entryPointFeatures: ['toll_free'],
        },
        { entryPointType: 'sip', uri: 'sip:1@x.com', accessCode: '7' },
        { entryPointType: 'more', uri: 'https://x.com/more' },
      ],
      parameters: { addOnParameters: { parameters: { meetingId: 'm-1' } } },
      notes: '<b>Hi</b>',
      createRequest: { status: { statusCode: 'success' } },
    });
    expect(JSON.parse(built.printJson())).toMatchObject({ conferenceId: 'conf-1', notes: '<b>Hi</b>' });
  });

  it('a ConferenceData carrying an error converts to {error}', () => {
    const built = CDS.newConferenceDataBuilder()
      .setError(
        CDS.newConferenceError()
          .setConferenceErrorType(CDS.ConferenceErrorType.AUTHENTICATION)
          .setAuthenticationUrl('https://script.google.com/macros/d/x/usercallback?state=s'),
      )
      .build();
    expect(conferenceDataToResource(built, manifestSolutions)).toEqual({
      error: {
        conferenceErrorType: 'AUTHENTICATION',
        authenticationUrl: 'https://script.google.com/macros/d/x/usercallback?state=s',
      },
    });
    expect(JSON.parse(built.printJson())).toEqual({
      conferenceError: expect.objectContaining({ conferenceErrorType: 'AUTHENTICATION' }),
    });
  });

  it('exposes the documented enums', () => {
    expect(Object.keys(CDS.EntryPointType).sort()).toEqual(['MORE', 'PHONE', 'SIP', 'VIDEO']);
    expect(Object.keys(CDS.ConferenceErrorType).sort()).toEqual([
      'AUTHENTICATION',
      'CONFERENCE_SOLUTION_FORBIDDEN',
      'PERMANENT',
      'PERMISSION_DENIED',
      'TEMPORARY',
      'UNKNOWN',
    ]);
    expect(CDS.EntryPointFeature.TOLL).toBe('TOLL');
  });

  it('conference id is limited to 512 characters', () => {
    expect(() => CDS.newConferenceDataBuilder().setConferenceId('x'.repeat(512))).not.toThrow();
    expect(() => CDS.newConferenceDataBuilder().setConferenceId('x'.repeat(513))).toThrow(
      ConferenceDataError,
    );
  });

  it('entry point URI is limited to 1300 characters and codes to 128', () => {
    expect(() => video(`https://x.com/${'a'.repeat(1300)}`)).toThrow(/too long/);
    expect(() => video().setPin('1'.repeat(129))).toThrow(/at most 128/);
    expect(() => video().setPasscode('1'.repeat(128))).not.toThrow();
  });

  it.each([
    ['PHONE', 'https://x.com/p', /tel:/],
    ['SIP', 'tel:+1555', /sip:/],
    ['VIDEO', 'ftp://x.com/v', /http/],
    ['MORE', 'tel:+1555', /http/],
  ])('a %s entry point needs the right URI scheme', (type, uri, message) => {
    const b = CDS.newConferenceDataBuilder()
      .setConferenceId('c')
      .addEntryPoint(CDS.newEntryPoint().setEntryPointType(type).setUri(uri));
    if (type === 'MORE') b.addEntryPoint(video());
    expect(() => b.build()).toThrow(message);
  });

  it('at most one VIDEO, SIP and MORE entry point; any number of PHONE ones', () => {
    const two = CDS.newConferenceDataBuilder()
      .setConferenceId('c')
      .addEntryPoint(video())
      .addEntryPoint(video());
    expect(() => two.build()).toThrow(/At most one VIDEO/);
    const phones = CDS.newConferenceDataBuilder().setConferenceId('c').addEntryPoint(video());
    for (let i = 0; i < 5; i++) {
      phones.addEntryPoint(
        CDS.newEntryPoint().setEntryPointType(CDS.EntryPointType.PHONE).setUri(`tel:+1555${i}`),
      );
    }
    expect(() => phones.build()).not.toThrow();
  });

  it('a MORE entry point alone is invalid', () => {
    const b = CDS.newConferenceDataBuilder()
      .setConferenceId('c')
      .addEntryPoint(
        CDS.newEntryPoint().setEntryPointType(CDS.EntryPointType.MORE).setUri('https://x.com/m'),
      );
    expect(() => b.build()).toThrow(/MORE/);
  });

  it('a conference without an error needs a conference id and an entry point', () => {
    expect(() => CDS.newConferenceDataBuilder().addEntryPoint(video()).build()).toThrow(/conference ID/);
    expect(() => CDS.newConferenceDataBuilder().setConferenceId('c').build()).toThrow(/entry point/);
  });

  it('parameter key is limited to 50 characters, value to 1024, and at most 300 parameters', () => {
    expect(() => CDS.newConferenceParameter().setKey('k'.repeat(51))).toThrow(/at most 50/);
    expect(() => CDS.newConferenceParameter().setValue('v'.repeat(1025))).toThrow(/at most 1024/);
    const b = CDS.newConferenceDataBuilder();
    for (let i = 0; i < 300; i++)
      b.addConferenceParameter(CDS.newConferenceParameter().setKey(`k${i}`).setValue('v'));
    expect(() =>
      b.addConferenceParameter(CDS.newConferenceParameter().setKey('one-more').setValue('v')),
    ).toThrow(/at most 300/);
  });

  it('at most 300 entry points', () => {
    const b = CDS.newConferenceDataBuilder();
    for (let i = 0; i < 300; i++) {
      b.addEntryPoint(CDS.newEntryPoint().setEntryPointType(CDS.EntryPointType.PHONE).setUri(`tel:+1${i}`));
    }
    expect(() => b.addEntryPoint(video())).toThrow(/at most 300/);
  });

  it('notes are limited to 2048 characters', () => {
    expect(() => CDS.newConferenceDataBuilder().setNotes('n'.repeat(2048))).not.toThrow();
    expect(() => CDS.newConferenceDataBuilder().setNotes('n'.repeat(2049))).toThrow(/at most 2048/);
  });

  it('the authentication URL is limited to 1800 characters and only goes with AUTHENTICATION', () => {
    expect(() => CDS.newConferenceError().setAuthenticationUrl(`https://x.com/${'a'.repeat(1800)}`)).toThrow(
      /at most 1800/,
    );
    const err = CDS.newConferenceError()
      .setConferenceErrorType(CDS.ConferenceErrorType.TEMPORARY)
      .setAuthenticationUrl('https://x.com/a');
    expect(() => CDS.newConferenceDataBuilder().setError(err).build()).toThrow(/AUTHENTICATION/);
  });

  it('invalid enum values are rejected by the setters', () => {
    expect(() => CDS.newEntryPoint().setEntryPointType('AUDIO')).toThrow(/entry point type/);
    expect(() => CDS.newConferenceError().setConferenceErrorType('OOPS')).toThrow(/conference error type/);
  });

  it('conferenceDataToResource refuses anything not built by the service', () => {
    expect(() => conferenceDataToResource({ conferenceId: 'x' }, manifestSolutions)).toThrow(
      /ConferenceDataService/,
    );
  });

  it('a built ConferenceData is immutable: later builder calls do not change it', () => {
    const b = CDS.newConferenceDataBuilder().setConferenceId('c').addEntryPoint(video());
    const built = b.build();
    b.setConferenceId('changed');
    expect(JSON.parse(built.printJson()).conferenceId).toBe('c');
  });

  // developers.google.com/apps-script/reference/conference-data/conference-data-builder#setConferenceSolutionId
  describe('setConferenceSolutionId: "must be specified and populates conference\'s name and iconUrl values"', () => {
    const conference = () => CDS.newConferenceDataBuilder().setConferenceId('conf-1').addEntryPoint(video());

    it("name and icon come from the manifest's conferenceSolution with that id", () => {
      const resource = conferenceDataToResource(
        conference().setConferenceSolutionId('acme-recorded').build(),
        manifestSolutions,
      );
      expect(resource).toMatchObject({
        conferenceSolution: {
          key: { type: 'addOn' },
          name: 'Acme (recorded)',
          iconUri: 'https://www.gstatic.com/rec.png',
        },
      });
    });

    it('a successful ConferenceData without a solution id is not a usable conference', () => {
      const built = conference().build();
      expect(() => conferenceDataToResource(built, manifestSolutions)).toThrow(
        expect.objectContaining({ problem: 'missing-solution-id' }),
      );
    });

    it('a solution id the manifest does not declare is refused', () => {
      const built = conference().setConferenceSolutionId('acme-unknown').build();
      expect(() => conferenceDataToResource(built, manifestSolutions)).toThrow(
        expect.objectContaining({ problem: 'unknown-solution-id' }),
      );
    });

    it('the solution id is limited to 512 characters', () => {
      expect(() => conference().setConferenceSolutionId('x'.repeat(513))).toThrow(/at most 512/);
    });
  });

  // developers.google.com/apps-script/reference/conference-data/conference-error#setAuthenticationUrl
  it('"If the error type is AUTHENTICATION, the add-on must provide a URL": AUTHENTICATION without one is refused', () => {
    const noUrl = CDS.newConferenceError().setConferenceErrorType(CDS.ConferenceErrorType.AUTHENTICATION);
    expect(() => CDS.newConferenceDataBuilder().setError(noUrl).build()).toThrow(/authentication URL/);
    noUrl.setAuthenticationUrl('https://script.google.com/macros/d/x/usercallback?state=s');
    expect(() => CDS.newConferenceDataBuilder().setError(noUrl).build()).not.toThrow();
  });

  it('setAuthenticationUrl throws "if the provided URL is not a valid http/https URL"', () => {
    expect(() => CDS.newConferenceError().setAuthenticationUrl('javascript:alert(1)')).toThrow(/http\/https/);
    expect(() => CDS.newConferenceError().setAuthenticationUrl('not a url')).toThrow(/http\/https/);
  });

  // developers.google.com/apps-script/reference/conference-data/entry-point-type and
  // .../entry-point-feature; developers.google.com/workspace/calendar/api/v3/reference/events (EntryPoint)
  describe('entry points as Google documents them (dial-in: PHONE with region and PIN, one MORE)', () => {
    const phone = (uri = 'tel:+15550100') =>
      CDS.newEntryPoint().setEntryPointType(CDS.EntryPointType.PHONE).setUri(uri);
    const more = () =>
      CDS.newEntryPoint().setEntryPointType(CDS.EntryPointType.MORE).setUri('https://x.com/dial-in');
    const conference = () =>
      CDS.newConferenceDataBuilder().setConferenceId('c').setConferenceSolutionId('acme-web');

    it('one VIDEO, several PHONE with region codes and PINs, and one MORE is a valid conference', () => {
      const built = conference()
        .addEntryPoint(video())
        .addEntryPoint(phone().setRegionCode('US').setPin('123456').addFeature(CDS.EntryPointFeature.TOLL))
        .addEntryPoint(phone('tel:+49305550100').setRegionCode('DE').setPin('123456'))
        .addEntryPoint(more())
        .build();
      const resource = conferenceDataToResource(built, manifestSolutions);
      expect(
        'entryPoints' in resource && resource.entryPoints?.map((e) => e.regionCode ?? e.entryPointType),
      ).toEqual(['video', 'US', 'DE', 'more']);
    });

    it('"zero or one MORE entry points": a second MORE is refused', () => {
      const b = conference().addEntryPoint(video()).addEntryPoint(more()).addEntryPoint(more());
      expect(() => b.build()).toThrow(/At most one MORE/);
    });

    it('"A conference with only a MORE entry point is not valid", also with PHONE ones it is fine', () => {
      expect(() => conference().addEntryPoint(more()).build()).toThrow(/only entry point/);
      expect(() => conference().addEntryPoint(phone()).addEntryPoint(more()).build()).not.toThrow();
    });

    it('"The CLDR/ISO 3166 region code ... Example: "SE" for Sweden": anything else is refused', () => {
      for (const ok of ['SE', 'US', '419'])
        expect(() => conference().addEntryPoint(phone().setRegionCode(ok)).build()).not.toThrow();
      for (const bad of ['Sweden', 'se', 'USA', '+1'])
        expect(() => conference().addEntryPoint(phone().setRegionCode(bad)).build()).toThrow(/CLDR/);
    });

    it('"A number can\'t be toll and toll-free at the same time"', () => {
      const both = phone().addFeature(CDS.EntryPointFeature.TOLL).addFeature(CDS.EntryPointFeature.TOLL_FREE);
      expect(() => conference().addEntryPoint(both).build()).toThrow(/toll and toll-free/);
    });

    it('a PIN is at most 128 characters, and region codes and features are for PHONE only', () => {
      expect(() => phone().setPin('1'.repeat(129))).toThrow(/at most 128/);
      expect(() => conference().addEntryPoint(video().setRegionCode('US')).build()).toThrow(/only to PHONE/);
    });
  });
});
