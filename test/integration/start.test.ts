import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { checkConsistency } from '../../scripts/story/consistency';
import { makeStyle, renderConsistency, renderStep } from '../../scripts/story/render';
import { runStory, type StepReport, type StoryResult } from '../../scripts/story/story';

/**
 * `npm start` end to end: the built bundle in the emulator, the reference vendor server in a worker
 * thread, real HTTP on 127.0.0.1 in between. Loopback only, so it runs in CI.
 */

const START_JS = 'build/scripts/start.js';
const VENDOR_CLI = 'build/vendor-server/cli.js';

beforeAll(() => {
  // jest's globalSetup builds these; build here too when run with another setup.
  if (!existsSync(START_JS) || !existsSync(VENDOR_CLI) || !existsSync('dist/Code.js')) {
    execFileSync(process.execPath, ['esbuild.config.mjs', '--tools'], { stdio: 'inherit' });
  }
});

describe('runStory over real HTTP (the npm start code path)', () => {
  const apiKey = `itest-key-${process.pid}-not-printed`;
  const dataFile = `.vendor-data/itest-story-${process.pid}.json`;
  let result: StoryResult;
  const printed: StepReport[] = [];

  beforeAll(async () => {
    result = await runStory({ port: 0, dataFile, apiKey, onStep: (s) => void printed.push(s) });
  });
  afterAll(() => rmSync(dataFile, { force: true }));

  /** A step's calls with conference ids replaced by the story's labels (A = "Design review", ...). */
  const calls = (id: string): string[] => {
    const step = result.steps.find((s) => s.id === id);
    if (!step) throw new Error(`no step ${id}`);
    const label = new Map<string, string>();
    for (const s of result.steps) for (const v of s.vendor) label.set(v.id, v.label);
    return step.sent
      .map((c) => {
        const m = /^\/conferences\/(.+)$/.exec(c.path);
        const path = m ? `/conferences/{${label.get(decodeURIComponent(m[1])) ?? m[1]}}` : c.path;
        return `${c.method} ${path} ${c.status}`;
      })
      .sort();
  };
  const A = 'Design review';

  it('ends consistent: the vendor holds exactly what Calendar says', () => {
    expect(result.consistency).toEqual({ ok: true, events: 2, conferences: 2, differences: [] });
    expect(result.ok).toBe(true);
  });

  it('plays every step, reporting each one as it happens', () => {
    expect(result.steps.map((s) => s.id)).toEqual([
      'create',
      'save',
      'move',
      'invite',
      'describe',
      'series',
      'cancel-occurrence',
      'book',
      'delete',
      'vendor-down',
      'vendor-back',
      'sync-token',
    ]);
    expect(printed).toEqual(result.steps);
    for (const s of result.steps)
      expect({ step: s.id, asExpected: s.asExpected }).toEqual({ step: s.id, asExpected: true });
  });

  it('the vendor received exactly the expected calls per step', () => {
    expect(calls('create')).toEqual(['POST /conferences 201']);
    expect(calls('save')).toEqual([`PATCH /conferences/{${A}} 200`]);
    expect(calls('move')).toEqual([`PATCH /conferences/{${A}} 200`]);
    expect(calls('invite')).toEqual([`PATCH /conferences/{${A}} 200`]);
    expect(calls('describe')).toEqual([]);
    expect(calls('series')).toEqual(['PATCH /conferences/{Team standup} 200', 'POST /conferences 201']);
    expect(calls('cancel-occurrence')).toEqual([]);
    expect(calls('book')).toEqual([
      'PATCH /conferences/{1:1 with Sam} 200',
      'PATCH /conferences/{Quarterly planning} 200',
      'POST /conferences 201',
      'POST /conferences 201',
    ]);
    // Deletions wait 10 minutes (a deleted event may have moved), then the hourly run, which also reads
    // upcoming meetings (its audit against the vendor, issue 17), deletes the conference.
    const writes = (id: string) => calls(id).filter((c) => !c.startsWith('GET'));
    expect(writes('delete')).toEqual(['DELETE /conferences/{1:1 with Sam} 204']);
    // Down: the PATCH is attempted once (refused, status 0), not retried inside the run, and queued.
    const down = calls('vendor-down');
    expect(down.length).toBeGreaterThanOrEqual(1);
    expect(new Set(down)).toEqual(new Set([`PATCH /conferences/{${A}} 0`]));
    // The hourly run also reads the upcoming meetings (its audit against the vendor, issue 17).
    expect(calls('vendor-back').filter((c) => !c.startsWith('GET'))).toEqual([
      `PATCH /conferences/{${A}} 200`,
    ]);
    expect(writes('sync-token')).toEqual(['DELETE /conferences/{Quarterly planning} 204']);
  });

  it('shows what the vendor holds after each step', () => {
    const view = (stepId: string, label: string) =>
      result.steps.find((s) => s.id === stepId)?.vendor.find((v) => v.label === label);
    expect(view('create', A)).toMatchObject({ state: 'live', title: null, start: null, version: 1 });
    expect(view('save', A)).toMatchObject({
      title: A,
      start: { dateTime: '2026-11-24T10:00:00Z', timeZone: 'UTC' },
    });
    expect(view('invite', A)?.attendees).toEqual(['bob@example.com', 'carol@example.com']);
    expect(view('describe', A)?.version).toBe(view('invite', A)?.version);
    expect(view('cancel-occurrence', 'Team standup')).toMatchObject({
      state: 'live',
      recurrence: ['RRULE:FREQ=WEEKLY;COUNT=8'],
    });
    expect(view('vendor-down', A)?.title).toBe(A);
    expect(view('vendor-back', A)?.title).toBe('Design review (final)');
    expect(view('delete', '1:1 with Sam')?.state).toBe('deleted');
    expect(view('sync-token', 'Quarterly planning')?.state).toBe('deleted');
    const down = result.steps.find((s) => s.id === 'vendor-down');
    expect(down?.addOn.join('\n')).toMatch(/queued: 1/);
    // No sub-hour timer: the queued change goes out on the hourly run once the vendor is back.
    const back = result.steps.find((s) => s.id === 'vendor-back');
    expect(back?.addOn.join('\n')).toMatch(/trigger safetyNetSync: ok/);
  });

  it('the vendor kept its conferences in the data file; the API key appears nowhere', () => {
    const data = JSON.parse(readFileSync(dataFile, 'utf8')) as { conferences: Array<{ deleted?: boolean }> };
    expect(data.conferences).toHaveLength(4);
    expect(data.conferences.filter((c) => !c.deleted)).toHaveLength(2);
    expect(JSON.stringify(result)).not.toContain(apiKey);
    expect(readFileSync(dataFile, 'utf8')).not.toContain(apiKey);
  });
});

describe('runStory --vendor zoom: the same story against the Zoom-shaped server', () => {
  const dataFile = `.vendor-data/itest-story-zoom-${process.pid}.json`;
  let result: StoryResult;

  beforeAll(async () => {
    result = await runStory({ vendor: 'zoom', port: 0, dataFile, apiKey: `itest-zoom-${process.pid}` });
  });
  afterAll(() => rmSync(dataFile, { force: true }));

  /** A step's calls with meeting ids replaced by the story's labels. */
  const calls = (id: string): string[] => {
    const label = new Map(result.steps.flatMap((s) => s.vendor.map((v) => [v.id, v.label] as const)));
    const step = result.steps.find((s) => s.id === id);
    return (step?.sent ?? [])
      .map(
        (c) =>
          `${c.method} ${c.path.replace(/^\/meetings\/(\d+)$/, (_, m) => `/meetings/{${label.get(m)}}`)} ${c.status}`,
      )
      .sort();
  };

  it("creates through Zoom's API: a numeric meeting id, made for the user", () => {
    expect(calls('create')).toEqual(['POST /users/me/meetings 201']);
    const held = result.steps[0]?.vendor[0];
    expect(held).toMatchObject({ label: 'Design review', state: 'live' });
    expect(held?.id).toMatch(/^\d+$/);
    expect(held?.version).toBeUndefined();
  });

  it("every step sends Zoom's calls and the end is consistent", () => {
    expect(result.steps.filter((s) => !s.asExpected).map((s) => s.id)).toEqual([]);
    expect(calls('save')).toEqual(['PATCH /meetings/{Design review} 204']);
    expect(calls('describe')).toEqual([]);
    const writes = (id: string) => calls(id).filter((c) => !c.startsWith('GET')); // the hourly audit's reads
    expect(writes('delete')).toEqual(['DELETE /meetings/{1:1 with Sam} 204']);
    expect(new Set(calls('vendor-down'))).toEqual(new Set(['PATCH /meetings/{Design review} 0']));
    expect(calls('vendor-back').filter((c) => !c.startsWith('GET'))).toEqual([
      'PATCH /meetings/{Design review} 204',
    ]);
    expect(writes('sync-token')).toEqual(['DELETE /meetings/{Quarterly planning} 204']);
    expect(result.consistency).toEqual({ ok: true, events: 2, conferences: 2, differences: [] });
    expect(result.ok).toBe(true);
  });
});

describe('checkConsistency', () => {
  const ev = {
    id: 'e1',
    summary: 'Sync',
    start: { dateTime: '2026-11-24T10:00:00Z', timeZone: 'UTC' },
    end: { dateTime: '2026-11-24T11:00:00Z', timeZone: 'UTC' },
    attendees: [{ email: 'B@x.com' }, { email: 'a@x.com' }],
    conferenceData: { conferenceId: 'c1', conferenceSolution: { key: { type: 'addOn' } } },
  };
  const conf = {
    id: 'c1',
    joinUrl: 'https://conference.example.com/j/c1',
    solutionId: 'acme-web',
    calendarId: 'cal',
    eventId: 'e1',
    title: 'Sync',
    start: ev.start,
    end: ev.end,
    attendees: ['a@x.com', 'b@x.com'],
    recurrence: [],
    recorded: false,
    createdAt: '',
    updatedAt: '',
    version: 2,
  };

  it('holds when fields match (attendees compared as a set, case-insensitively)', () => {
    expect(checkConsistency({ cal: [ev] }, [conf]).ok).toBe(true);
  });

  it('reports each difference: a field, a missing conference, an orphan conference', () => {
    const moved = { ...ev, end: { dateTime: '2026-11-24T12:00:00Z', timeZone: 'UTC' } };
    expect(checkConsistency({ cal: [moved] }, [conf]).differences).toEqual([
      expect.objectContaining({ conferenceId: 'c1', field: 'end', kind: 'fieldDiffers' }),
    ]);
    expect(checkConsistency({ cal: [ev] }, []).differences).toEqual([
      expect.objectContaining({ conferenceId: 'c1', kind: 'carriedNotLive', vendorState: 'unknown' }),
    ]);
    expect(checkConsistency({ cal: [] }, [conf]).differences).toEqual([
      expect.objectContaining({ conferenceId: 'c1', kind: 'orphan' }),
    ]);
    // Someone else's conference on an event is not ours to check.
    const meet = {
      ...ev,
      conferenceData: { conferenceId: 'abc', conferenceSolution: { key: { type: 'hangoutsMeet' } } },
    };
    expect(checkConsistency({ cal: [meet] }, []).ok).toBe(true);
  });
});

describe('narration', () => {
  const plain = makeStyle(false);

  it('a step that sent the wrong calls shows what was expected and what came', () => {
    const text = renderStep(
      {
        n: 7,
        id: 'cancel-occurrence',
        title: 'Cancel one occurrence',
        calendar: ['cancelled one'],
        addOn: [],
        sent: [{ method: 'DELETE', path: '/conferences/c1', status: 204 }],
        expected: [],
        asExpected: false,
        vendor: [{ id: 'c1', label: 'Team standup', state: 'deleted' }],
      },
      plain,
    );
    expect(text).toContain('── 7. Cancel one occurrence ✗ not as expected');
    expect(text).toContain('DELETE /conferences/c1 → 204');
    expect(text).toMatch(/Expected +no vendor call/);
    expect(text).toMatch(/Got +DELETE \/conferences\/c1 204/);
    expect(text).toContain('c1 (Team standup): deleted');
    expect(text).not.toContain('\u001b[');
  });

  it('an inconsistent end prints every difference', () => {
    const text = renderConsistency(
      {
        ok: false,
        events: 1,
        conferences: 1,
        differences: [
          {
            kind: 'fieldDiffers',
            conferenceId: 'c1',
            calendarId: 'cal',
            eventId: 'e1',
            field: 'title',
            calendar: 'New',
            vendor: 'Old',
          },
        ],
      },
      plain,
    );
    expect(text).toContain('1 difference(s)');
    expect(text).toContain('conference c1 of event e1 in cal is stale: title vendor "Old" != calendar "New"');
  });
});

describe('build/scripts/start.js as a child process', () => {
  const run = (args: string[]) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
      const child = execFile(
        process.execPath,
        [START_JS, ...args],
        { timeout: 60_000 },
        (error, stdout, stderr) =>
          done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
      child.stdin?.end(); // not a TTY: --step must not wait
    });

  it('--json --step: exit 0, one parseable JSON object per line, no colours', async () => {
    const dataFile = `.vendor-data/itest-child-${process.pid}.json`;
    try {
      const { code, stdout, stderr } = await run(['--json', '--step', '--data', dataFile]);
      expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
      expect(stdout).not.toContain('\u001b[');
      const lines = stdout.trimEnd().split('\n');
      const objects = lines.map((l) => JSON.parse(l) as { type: string; ok?: boolean; asExpected?: boolean });
      expect(objects[0]).toMatchObject({
        type: 'start',
        vendorUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      });
      const steps = objects.filter((o) => o.type === 'step');
      expect(steps).toHaveLength(12);
      expect(steps.every((s) => s.asExpected === true)).toBe(true);
      expect(objects.at(-1)).toMatchObject({ type: 'result', ok: true, consistency: { ok: true } });
    } finally {
      rmSync(dataFile, { force: true });
    }
  });

  it('--help exits 0; an unknown flag exits 2 with the usage', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--keep-running/);
    const bad = await run(['--nope']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Usage:/);
  });

  it('--vendor zoom --json: the story on the Zoom adapter, exit 0, every step as expected', async () => {
    const dataFile = `.vendor-data/itest-child-zoom-${process.pid}.json`;
    try {
      const { code, stdout, stderr } = await run(['--vendor', 'zoom', '--json', '--data', dataFile]);
      expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
      const objects = stdout
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as { type: string; vendor?: string; asExpected?: boolean });
      expect(objects[0]).toMatchObject({ type: 'start', vendor: 'zoom' });
      expect(objects.filter((o) => o.type === 'step' && o.asExpected !== true)).toEqual([]);
      expect(objects.at(-1)).toMatchObject({ type: 'result', ok: true, consistency: { ok: true } });
    } finally {
      rmSync(dataFile, { force: true });
    }
  });

  it('--vendor: listed in --help; a vendor other than acme or zoom exits 2 and names the choices', async () => {
    const help = await run(['--help']);
    expect(help.stdout).toMatch(/--vendor acme\|zoom/);
    const bad = await run(['--vendor', 'webex']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--vendor must be one of acme, zoom, got webex/);
  });
});
