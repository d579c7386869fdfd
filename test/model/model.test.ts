import fc from 'fast-check';
import { formatOps, sequenceArb } from './ops';
import { runSequence } from './runner';

/**
 * Model-based randomized test (issue 4, "Proof"): random sequences of calendar edits, vendor faults,
 * overlapping and cut-off runs and time passing, on the built bundle; then faults stop, the add-on
 * gets its runs, and the vendor must match the calendar (see oracle.ts). Fixed seed by default so CI
 * is reproducible; MODEL_SEED / MODEL_RUNS override it.
 */
const seed = Number(process.env.MODEL_SEED ?? 20261123);
const numRuns = Number(process.env.MODEL_RUNS ?? 200);

describe('model-based: the vendor converges to the calendar', () => {
  it(`${numRuns} random sequences (seed ${seed})`, () => {
    fc.assert(
      fc.property(sequenceArb(40), fc.integer({ min: 1, max: 1_000_000 }), (ops, worldSeed) => {
        const { violations } = runSequence(ops, worldSeed);
        if (violations.length > 0) {
          throw new Error(
            `${violations.slice(0, 8).join('\n')}\nworld seed ${worldSeed}; ops:\n${formatOps(ops)}`,
          );
        }
      }),
      { seed, numRuns, endOnFailure: false },
    );
  });
});
