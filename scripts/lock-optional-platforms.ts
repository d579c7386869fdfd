/**
 * `npm run lock-platforms`: keeps `npm ci` working, and small, behind registries that only serve some
 * platforms' metadata.
 *
 * Packages such as @biomejs/biome and jest's unrs-resolver list one optional dependency per platform.
 * When npm cannot fetch the other platforms' metadata (the registry answers 404), it writes a lock file
 * without them, and `npm ci` then refuses that lock file ("Missing: ... from lock file"). This adds an
 * entry for each missing one, and completes entries an earlier version of this script left bare.
 *
 * An entry must carry the package's `os`, `cpu` and `libc`: that is all `npm ci` looks at to skip another
 * platform's binary. Without them npm installs every platform's Biome (about 800 MB). The fields come from
 * the registry (`npm view <pkg>@<version> --json`, which also gives `integrity` and the tarball URL); when
 * the registry cannot answer, from the package name (`cli-linux-x64-musl`,
 * `resolver-binding-win32-arm64-msvc`), which is how these packages name their platform.
 *
 * Run after changing dependencies: npm install && npm run lock-platforms
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { type CommandSpec, type FlagSpec, parseOrExplain } from './cli';

export const LOCK_PLATFORMS_COMMAND = {
  name: 'lock-platforms',
  usage: 'npm run lock-platforms -- [options]   (or: node build/scripts/lock-optional-platforms.js)',
  summary: `Adds or completes package-lock.json entries for other platforms' optional binaries (os/cpu/libc,
integrity) so that npm ci skips them instead of installing every platform's.`,
  flags: {
    offline: { type: 'boolean', help: 'do not ask the registry; derive os/cpu/libc from the package names' },
    check: { type: 'boolean', help: 'change nothing; exit 1 if an optional platform entry lacks os/cpu' },
  },
} satisfies CommandSpec<Record<string, FlagSpec>>;

interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  os?: string[];
  cpu?: string[];
  libc?: string[];
  optionalDependencies?: Record<string, string>;
  [field: string]: unknown;
}

interface Lock {
  packages: Record<string, LockEntry>;
  [field: string]: unknown;
}

interface Platform {
  os: string[];
  cpu: string[];
  libc?: string[];
}

const OS = [
  'android',
  'darwin',
  'linux',
  'win32',
  'freebsd',
  'openbsd',
  'netbsd',
  'sunos',
  'aix',
  'openharmony',
];
const CPU = ['arm64', 'x64', 'ia32', 'arm', 'loong64', 'ppc64', 's390x', 'riscv64', 'mips64el', 'wasm32'];

/** os/cpu/libc from a platform package's name, or undefined when the name names no platform. */
export function platformFromName(name: string): Platform | undefined {
  const parts = (name.split('/').pop() ?? '').split('-');
  const os = parts.find((p) => OS.includes(p));
  const cpu = parts.find((p) => CPU.includes(p));
  if (!os || !cpu) return undefined;
  if (os !== 'linux') return { os: [os], cpu: [cpu] };
  return { os: [os], cpu: [cpu], libc: [parts.some((p) => p.startsWith('musl')) ? 'musl' : 'glibc'] };
}

/** Lock paths of optional platform packages whose entry is missing or lacks os/cpu, with their version. */
export function incompletePlatformEntries(lock: Lock): Map<string, { name: string; version: string }> {
  const packages = lock.packages;
  const wanted = new Map<string, { name: string; version: string }>();
  for (const [path, entry] of Object.entries(packages)) {
    for (const [name, range] of Object.entries(entry.optionalDependencies ?? {})) {
      if (!platformFromName(name)) continue; // not a platform binary: npm's own entry is right
      const nested = `${path ? `${path}/` : ''}node_modules/${name}`;
      const key = packages[nested] ? nested : `node_modules/${name}`;
      const existing = packages[key];
      if (existing?.os && existing.cpu) continue;
      wanted.set(key, { name, version: existing?.version ?? range.replace(/^[\^~=]/, '') });
    }
  }
  return wanted;
}

interface RegistryMeta extends Partial<Platform> {
  dist?: { tarball?: string; integrity?: string };
  license?: string;
  engines?: Record<string, string>;
}

function fromRegistry(name: string, version: string): RegistryMeta | undefined {
  try {
    const out = execFileSync('npm', ['view', `${name}@${version}`, '--json'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 60_000,
    });
    const meta = JSON.parse(out) as RegistryMeta | RegistryMeta[];
    return Array.isArray(meta) ? meta.at(-1) : meta;
  } catch {
    return undefined;
  }
}

/** The lock entry npm would write for an optional platform package, as far as it can be known. */
function platformEntry(name: string, version: string, offline: boolean, keepResolved: boolean): LockEntry {
  const meta = offline ? undefined : fromRegistry(name, version);
  const guessed = platformFromName(name);
  const platform = (field: keyof Platform) => (meta ? meta[field] : guessed?.[field]);
  // Field order as npm writes it, so that a later `npm install` does not reshuffle the file.
  const entry: LockEntry = {
    version,
    resolved: keepResolved ? meta?.dist?.tarball : undefined,
    integrity: meta?.dist?.integrity,
    cpu: platform('cpu'),
    dev: true,
    libc: platform('libc'),
    license: meta?.license,
    optional: true,
    os: platform('os'),
    engines: meta?.engines,
  };
  return Object.fromEntries(Object.entries(entry).filter(([, value]) => value !== undefined));
}

function main(argv: string[]): number {
  const parsed = parseOrExplain(LOCK_PLATFORMS_COMMAND, argv, ({ values }) => ({
    offline: values.offline ?? false,
    check: values.check ?? false,
  }));
  if (parsed.kind === 'exit') return parsed.exitCode;
  const { offline, check } = parsed.options;
  const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as Lock;
  const wanted = incompletePlatformEntries(lock);
  if (check) {
    for (const key of wanted.keys()) console.error(`lock-platforms: ${key} has no os/cpu`);
    return wanted.size > 0 ? 1 : 0;
  }
  // npm leaves out `resolved` when omit-lockfile-registry-resolved is set; follow the file's own habit.
  const keepResolved = Object.values(lock.packages).some((p) => p.resolved);
  for (const [key, { name, version }] of wanted)
    lock.packages[key] = platformEntry(name, version, offline, keepResolved);
  // npm keeps `packages` sorted by path; so do we, to keep diffs small.
  lock.packages = Object.fromEntries(
    Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
  );
  writeFileSync('package-lock.json', `${JSON.stringify(lock, null, 2)}\n`);
  console.log(
    `package-lock.json: wrote ${wanted.size} optional platform entr${wanted.size === 1 ? 'y' : 'ies'}`,
  );
  return 0;
}

// Run as a tool (the esbuild bundle), not when a test imports platformFromName.
if (require.main === module) process.exitCode = main(process.argv.slice(2));
