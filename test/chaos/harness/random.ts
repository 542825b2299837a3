/** The seeded PRNG shared with the random corpus, so a chaos run can be replayed with `--seed`. */
export { seededRandom } from '../../support/random-corpus.js';
