/** The one seeded generator lives with the model training (src/match/model/seeded-random.ts). */
export { seededRandom, type Random } from '../match/model/seeded-random.js';
