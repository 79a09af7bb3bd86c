/** Where llo looks when a path is not given: the project layout of the README, in one place. */
export const DEFAULT_CODEBOOK = 'codebooks/llo.yaml';
export const DEFAULT_SEGMENTS = 'out/segments.csv';
