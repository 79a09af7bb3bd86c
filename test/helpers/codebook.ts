import { parseCodebook } from '../../src/codebook/load.js';
import type { Codebook } from '../../src/codebook/schema.js';

/** A small codebook for unit tests: one paradigm (NG) plus the actors and codes given as YAML. */
export function testCodebook(actorsAndCodes: string): Codebook {
  return parseCodebook(
    `name: t\nversion: 1\nlanguage: nl\nparadigms: [{ id: NG, label: NG }]\n${actorsAndCodes}`,
    't.yaml',
  ).codebook;
}
