import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * One owner for a conference's life: records are read-only types, and no file of src/ but the
 * lifecycle module builds or edits one. This is the lint rule that keeps it so: it fails on an
 * assignment to a record field, an object literal that sets a record state or carriers, or a
 * record constructor used outside src/conference/lifecycle.ts (which also holds the stored line format).
 */
const SRC = join(__dirname, '../../../src');
const OWNER = join(SRC, 'conference/lifecycle.ts');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const RECORD_STATES = "'(synced|queued-update|queued-delete|refused|lost|deleted)'";
const FORBIDDEN: [string, RegExp][] = [
  [
    'a record field assigned',
    /\.(vendor|refusedHash|attempts|retryAt|unconfirmed|deletedMin|relinkedMin|checkedMin|checkedFingerprint|carriers)\s*=[^=]/,
  ],
  ['a record state set', new RegExp(`(\\bstate\\s*:|(?<!status)\\.state\\s*=)\\s*${RECORD_STATES}`)],
  ['carriers built', /\bcarriers\s*:\s*\[/],
  ['a carrier role set', /\brole\s*(:|=)\s*'(own|copy|shared|former)'\s*[,;}]/],
  ['a record constructor', /\bnew(Record|Carrier)\(/],
];

describe('the lifecycle module owns every change to a conference record', () => {
  it('no other file of src/ builds or edits a record', () => {
    const offences: string[] = [];
    for (const path of files(SRC)) {
      if (path === OWNER) continue;
      readFileSync(path, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (line.trim().startsWith('//') || line.trim().startsWith('*')) return;
          for (const [what, pattern] of FORBIDDEN)
            if (pattern.test(line))
              offences.push(`${path.slice(SRC.length + 1)}:${i + 1} ${what}: ${line.trim()}`);
        });
    }
    expect(offences).toEqual([]);
  });
});

describe('one gate before every vendor DELETE', () => {
  it('only decideDeletes builds a DELETE call, and only the delete gate asks it', () => {
    const builders: string[] = [];
    const askers: string[] = [];
    for (const path of files(SRC)) {
      const text = readFileSync(path, 'utf8');
      const where = path.slice(SRC.length + 1);
      if (/op: 'delete' as const/.test(text)) builders.push(where);
      if (/\bdecideDeletes\(/.test(text) && !/export function decideDeletes/.test(text)) askers.push(where);
    }
    expect(builders).toEqual(['sync/decide.ts']);
    expect(askers).toEqual(['sync/upkeep.ts']);
  });
});

describe('the drawing of the life of a conference', () => {
  it('docs/architecture.md draws every transition of src/conference/lifecycle.ts, and no other', () => {
    const code = readFileSync(OWNER, 'utf8');
    // Reading a record, and its constructors and stored line (the same module), are no transitions.
    const readers = new Set([
      'vendorHolds',
      'isMeetingEvent',
      'roleOf',
      'waitsForConference',
      'carrierAt',
      'isCarried',
      'isQueued',
      'isOrphaned',
      'isSettling',
    ]);
    const format = new Set(['newCarrier', 'newRecord', 'isStorableId', 'encodeRecord', 'decodeRecord']);
    const transitions = [...code.matchAll(/^export function (\w+)/gm)]
      .map((m) => m[1] as string)
      .filter((name) => !readers.has(name) && !format.has(name));
    const doc = readFileSync(join(SRC, '../docs/architecture.md'), 'utf8');
    const diagram = doc.slice(
      doc.indexOf('stateDiagram-v2'),
      doc.indexOf('```', doc.indexOf('stateDiagram-v2')),
    );
    const drawn = new Set(
      diagram
        .split('\n')
        .flatMap((line) => (line.split(': ')[1] ?? '').split(' / '))
        .map((label) => label.trim().split(/[\s(]/)[0] as string)
        .filter((name) => /^[a-z]\w+$/.test(name) && name !== 'pruned'),
    );
    expect([...drawn].sort()).toEqual([...new Set(transitions)].sort());
  });
});
