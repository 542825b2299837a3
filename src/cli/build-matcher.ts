import { loadConfig } from '../config/load-config.js';
import { loadMatcher, type LoadedMatcher } from '../config/load-matcher.js';

/** The CLI's matcher: from config/default.yml (+ SITREP_CONFIG), as the worker builds it. */
export function buildMatcher(): LoadedMatcher {
  return loadMatcher(loadConfig().match);
}
