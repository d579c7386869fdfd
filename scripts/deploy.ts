/**
 * `npm run deploy`: pushes the built add-on (dist/Code.js + dist/appsscript.json) to the Apps Script
 * project named in .clasp.json, with `clasp push -f`. Before anything reaches Google it checks what
 * would make clasp fail or push to nowhere (the placeholder script id, no clasp login) and says the
 * exact command to run next. clasp itself exits 0 on several failures, so these checks are ours.
 */
import { readFileSync } from 'node:fs';
import { claspLogin, LOGIN_ADVICE, placeholderAdvice, readProjectFile, runClasp } from './clasp';
import { type CommandSpec, type FlagSpec, parseOrExplain } from './cli';
import { checkProjectOrExit } from './config/contract';

export const DEPLOY_COMMAND = {
  name: 'deploy',
  usage: 'npm run deploy -- [options]   (or: node build/scripts/deploy.js [options] after a build)',
  summary: `Builds dist/ (npm run deploy does that first), checks .clasp.json and the clasp login, then runs
clasp push -f: the Apps Script project then holds exactly dist/Code.js and dist/appsscript.json.`,
  flags: {
    project: { type: 'string', value: 'FILE', help: 'the clasp project file (default .clasp.json)' },
    'dry-run': {
      type: 'boolean',
      help: 'check, list what would be pushed (clasp show-file-status, offline), push nothing',
    },
  },
  examples: ['npm run deploy', 'npm run deploy -- --dry-run'],
} satisfies CommandSpec<Record<string, FlagSpec>>;

/** Whitelist entries still pointing at the example vendor: pushing works, but no real vendor answers. */
function exampleWhitelist(manifestPath = 'dist/appsscript.json'): string[] {
  try {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { urlFetchWhitelist?: string[] };
    return (manifest.urlFetchWhitelist ?? []).filter((url) => /\.example(\.com)?\//.test(url));
  } catch {
    return [];
  }
}

function main(argv: string[]): number {
  const parsed = parseOrExplain(DEPLOY_COMMAND, argv, ({ values }) => ({
    project: values.project ?? '.clasp.json',
    dryRun: values['dry-run'] ?? false,
  }));
  if (parsed.kind === 'exit') return parsed.exitCode;
  const { project, dryRun } = parsed.options;
  // What is pushed is dist/: its manifest must follow the same rules as the one it was built from.
  const { config } = checkProjectOrExit('.', 'dist/appsscript.json');

  const file = readProjectFile(project);
  if (file.kind !== 'project') {
    console.error(`deploy: ${placeholderAdvice(file)}`);
    return 1;
  }
  // Listing what would be pushed is local (clasp show-file-status): only a push needs the login.
  const login = dryRun ? undefined : claspLogin(project);
  if (login?.kind === 'logged-out') {
    console.error(`deploy: ${LOGIN_ADVICE}`);
    return 1;
  }
  if (login?.kind === 'unknown')
    console.error(`deploy: could not tell whether clasp is logged in:\n${login.detail}`);
  for (const url of exampleWhitelist())
    console.error(
      `deploy: note: urlFetchWhitelist still has the example ${url}; put your vendor's API base URL in appsscript.json`,
    );

  if (dryRun) {
    const status = runClasp(['-P', project, 'show-file-status', '--json']);
    process.stdout.write(status.stdout);
    process.stderr.write(status.stderr);
    return status.status ?? 1;
  }
  console.error(`deploy: pushing to https://script.google.com/d/${file.scriptId}/edit`);
  const push = runClasp(['-P', project, 'push', '-f'], { inherit: true });
  if (push.status !== 0) return push.status ?? 1;
  console.error(
    `deploy: pushed. Set the Script Property CONFERENCE_API_BASE_URL to ${config.apiBaseUrl} (vendor.config.json),\n` +
      'then a test deployment (Apps Script editor > Deploy > Test deployments > Install),\n' +
      'or a versioned one: npx clasp create-version "<what changed>" && npx clasp create-deployment (see README)',
  );
  return 0;
}

process.exitCode = main(process.argv.slice(2));
