/**
 * What `npm run deploy` and `npm run create-project` need to know about clasp before it talks to Google:
 * which Apps Script project `.clasp.json` names (or that it still holds the placeholder), and whether
 * clasp has a login. Both are answered locally, so the checks (and their tests) need no network.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The scriptId the repository ships with: not a project anybody can push to. */
export const PLACEHOLDER_SCRIPT_ID = 'REPLACE_WITH_YOUR_SCRIPT_ID';

export type ProjectFile =
  | { kind: 'missing'; path: string }
  | { kind: 'unreadable'; path: string; reason: string }
  | { kind: 'placeholder'; path: string; config: Record<string, unknown> }
  | { kind: 'project'; path: string; config: Record<string, unknown>; scriptId: string };

export function readProjectFile(path: string): ProjectFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { kind: 'missing', path };
  }
  let config: Record<string, unknown>;
  try {
    config = JSON.parse(text) as Record<string, unknown>;
  } catch (e) {
    return { kind: 'unreadable', path, reason: (e as Error).message };
  }
  const scriptId = config.scriptId;
  if (typeof scriptId !== 'string' || scriptId === '' || scriptId === PLACEHOLDER_SCRIPT_ID)
    return { kind: 'placeholder', path, config };
  return { kind: 'project', path, config, scriptId };
}

/** Writes `scriptId` into the project file and keeps everything else (rootDir "dist" above all). */
export function writeScriptId(path: string, config: Record<string, unknown>, scriptId: string): void {
  writeFileSync(path, `${JSON.stringify({ ...config, scriptId }, null, 2)}\n`);
}

/** clasp's own entry point (its package's `bin`), run with this Node: no shell, no npx download. */
export function claspEntry(cwd = process.cwd()): string {
  return join(cwd, 'node_modules', '@google', 'clasp', 'build', 'src', 'index.js');
}

export interface ClaspRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runClasp(args: string[], options: { cwd?: string; inherit?: boolean } = {}): ClaspRun {
  const result = spawnSync(process.execPath, [claspEntry(), ...args], {
    cwd: options.cwd,
    encoding: 'utf8',
    stdio: options.inherit ? 'inherit' : ['ignore', 'pipe', 'pipe'],
  });
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

export type LoginState = { kind: 'logged-in' } | { kind: 'logged-out' } | { kind: 'unknown'; detail: string };

/**
 * `clasp show-authorized-user --json` reads the saved credentials (~/.clasprc.json); without any it
 * answers `{"loggedIn": false}` offline. With some it asks Google for the user's email, which needs the
 * network, as does everything after this check.
 */
export function claspLogin(projectFile: string): LoginState {
  const run = runClasp(['-P', projectFile, 'show-authorized-user', '--json']);
  try {
    const answer = JSON.parse(run.stdout) as { loggedIn?: boolean };
    return answer.loggedIn ? { kind: 'logged-in' } : { kind: 'logged-out' };
  } catch {
    return { kind: 'unknown', detail: `${run.stdout}${run.stderr}`.trim() };
  }
}

/** What to do when .clasp.json does not name a project yet, as the next commands to run. */
export function placeholderAdvice(file: ProjectFile): string {
  const where =
    file.kind === 'missing'
      ? `${file.path} does not exist`
      : file.kind === 'unreadable'
        ? `${file.path} is not valid JSON (${file.reason})`
        : `${file.path} has no Apps Script project yet (scriptId is "${PLACEHOLDER_SCRIPT_ID}")`;
  return [
    `${where}.`,
    'Next, either create a project (needs a clasp login; keeps rootDir "dist"):',
    '  npm run create-project',
    'or use an existing one: put its id (Apps Script editor > Project Settings > Script ID) into the',
    `"scriptId" of ${file.path}.`,
  ].join('\n');
}

export const LOGIN_ADVICE = [
  'clasp is not logged in to Google.',
  'Next: npx clasp login',
  '(it opens a browser once and saves the credentials in ~/.clasprc.json; then run this command again)',
].join('\n');
