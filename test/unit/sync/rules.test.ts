import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES, type RuleId } from '../../../src/sync/rules';

/**
 * The plan's rule table is written once, in src/sync/rules.ts, and shown in docs/architecture.md:
 * this fails when the document's table and the code's disagree, or when a rule names no action.
 */
const ROOT = join(__dirname, '../../..');

function documentedRules(): string[][] {
  const doc = readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8');
  const table = doc.slice(doc.indexOf('<!-- rules:start -->'), doc.indexOf('<!-- rules:end -->'));
  return table
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) =>
      line
        .slice(1, -1)
        .split(' | ')
        .map((cell) => cell.trim().replace(/^`|`$/g, '')),
    );
}

describe("the plan's rules", () => {
  it('docs/architecture.md shows exactly the table of src/sync/rules.ts', () => {
    const inCode = Object.entries(RULES).map(([id, r]) => [id, r.when, r.act, r.why]);
    expect(documentedRules()).toEqual(inCode);
  });

  it('every rule names an action or look-up of the plan', () => {
    const decide = readFileSync(join(ROOT, 'src/sync/decide.ts'), 'utf8');
    const named = new Set(
      [...decide.matchAll(/Rule<([^>]+)>/g)].flatMap((m) => m[1]!.match(/[\w-]+/g) ?? []),
    );
    expect([...named].sort()).toEqual((Object.keys(RULES) as RuleId[]).sort());
  });
});
