import fc from 'fast-check';
import { formatOps, mixSequenceArb, sequenceArb } from './ops';
import { formatViolation, runSequence } from './runner';

/**
 * Model-based randomized test (issue 4, "Proof"): random sequences of calendar edits, vendor faults,
 * overlapping and cut-off runs and time passing, on the built bundle; then faults stop, the add-on
 * gets its runs, and the vendor must match the calendar (see oracle.ts). Fixed seed by default so CI
 * is reproducible; MODEL_SEED / MODEL_RUNS override it.
 *
 * MODEL_MIX=1 plays issue 16's mix instead (copies into calendars the add-on does not watch with
 * nothing run right after, another calendar's trigger firing first, drafts gone before any run saw
 * them). It fails on today's src/ (see README.md, "Issue 16's mix"); once the lifecycle rewrite
 * passes it, make it the default by setting MIX_BY_DEFAULT to true.
 */
const MIX_BY_DEFAULT = false;
const seed = Number(process.env.MODEL_SEED ?? 20261123);
const numRuns = Number(process.env.MODEL_RUNS ?? 200);
const mix = process.env.MODEL_MIX === undefined ? MIX_BY_DEFAULT : process.env.MODEL_MIX === '1';

describe('model-based: the vendor converges to the calendar', () => {
  it(`${numRuns} random sequences (seed ${seed}${mix ? ", issue 16's mix" : ''})`, () => {
    const arb = mix ? mixSequenceArb(40) : sequenceArb(40);
    fc.assert(
      fc.property(arb, fc.integer({ min: 1, max: 1_000_000 }), (ops, worldSeed) => {
        const { violations } = runSequence(ops, worldSeed);
        if (violations.length > 0) {
          throw new Error(
            `${violations.slice(0, 8).map(formatViolation).join('\n')}\nworld seed ${worldSeed}; ops:\n${formatOps(ops)}`,
          );
        }
      }),
      { seed, numRuns, endOnFailure: false },
    );
  });
});
