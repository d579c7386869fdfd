/**
 * `npm run create-project`: creates a standalone Apps Script project for the add-on and writes its id
 * into .clasp.json, keeping `rootDir: "dist"` and the rest of the file.
 *
 * Why not `clasp create` here: clasp 3 refuses when a .clasp.json exists ("Project file already
 * exists.", and exits 0), and without one it writes a new .clasp.json without our rootDir and pulls the
 * new project's default Code.gs and appsscript.json. So clasp creates the project in an empty temporary
 * folder, and only the id it reports is copied over.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BRAND } from '../src/config/brand';
import { claspLogin, LOGIN_ADVICE, readProjectFile, runClasp, writeScriptId } from './clasp';
import { type CommandSpec, type FlagSpec, parseOrExplain } from './cli';
import { checkProjectOrExit } from './config/contract';

export const CREATE_PROJECT_COMMAND = {
  name: 'create-project',
  usage: 'npm run create-project -- [options]',
  summary: `Creates a standalone Apps Script project (clasp create-script) and puts its id into .clasp.json;
rootDir stays "dist". Needs a clasp login (npx clasp login).`,
  flags: {
    title: {
      type: 'string',
      value: 'TITLE',
      help: `the project title (default: the add-on's name in vendor.config.json, now "${BRAND.addOn.name}")`,
    },
    project: {
      type: 'string',
      value: 'FILE',
      help: 'the clasp project file to update (default .clasp.json)',
    },
    force: { type: 'boolean', help: 'replace a script id that is already set' },
  },
} satisfies CommandSpec<Record<string, FlagSpec>>;

/** The id clasp reports with --json, or the one it wrote into its own .clasp.json. */
function createdScriptId(stdout: string, folder: string): string | undefined {
  const json = stdout.slice(stdout.indexOf('{'));
  try {
    const id = (JSON.parse(json) as { scriptId?: unknown }).scriptId;
    if (typeof id === 'string' && id) return id;
  } catch {
    // fall through to the file clasp writes
  }
  try {
    const id = (JSON.parse(readFileSync(join(folder, '.clasp.json'), 'utf8')) as { scriptId?: unknown })
      .scriptId;
    return typeof id === 'string' && id ? id : undefined;
  } catch {
    return undefined;
  }
}

function main(argv: string[]): number {
  const parsed = parseOrExplain(CREATE_PROJECT_COMMAND, argv, ({ values }) => ({
    title: values.title ?? BRAND.addOn.name,
    project: values.project ?? '.clasp.json',
    force: values.force ?? false,
  }));
  if (parsed.kind === 'exit') return parsed.exitCode;
  const { title, project, force } = parsed.options;
  checkProjectOrExit();

  const file = readProjectFile(project);
  if (file.kind === 'missing' || file.kind === 'unreadable') {
    console.error(`create-project: ${project} is ${file.kind}; restore it with: git checkout -- ${project}`);
    return 1;
  }
  if (file.kind === 'project' && !force) {
    console.error(
      `create-project: ${project} already names a project: https://script.google.com/d/${file.scriptId}/edit\n` +
        'Next: npm run deploy   (or, to create another project instead: npm run create-project -- --force)',
    );
    return 1;
  }
  if (claspLogin(project).kind === 'logged-out') {
    console.error(`create-project: ${LOGIN_ADVICE}`);
    return 1;
  }
  const folder = mkdtempSync(join(tmpdir(), 'clasp-create-'));
  try {
    const run = runClasp(['create-script', '--type', 'standalone', '--title', title, '--json'], {
      cwd: folder,
    });
    const scriptId = run.status === 0 ? createdScriptId(run.stdout, folder) : undefined;
    if (!scriptId) {
      console.error(
        `create-project: clasp did not create a project:\n${`${run.stdout}${run.stderr}`.trim()}`,
      );
      return 1;
    }
    writeScriptId(project, file.config, scriptId);
    console.log(
      `Created "${title}": https://script.google.com/d/${scriptId}/edit\n` +
        `${project}: scriptId set; rootDir stays "${String(file.config.rootDir ?? '.')}".\n` +
        "Next: put your vendor's API base URL in appsscript.json (urlFetchWhitelist), then: npm run deploy",
    );
    return 0;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

process.exitCode = main(process.argv.slice(2));
