import { parentPort, workerData } from 'node:worker_threads';
import { bootstrapBlock, Resampler } from './bootstrap.js';
import { prepareAlpha, type Level } from './krippendorff-alpha.js';
import { unpackCounts, type PackedCounts } from './ratings.js';

// The second thread of the α bootstrap: prepares α for the units' counts, runs its blocks, answers once.
const { counts, level, seed, blocks } = workerData as {
  counts: PackedCounts;
  level: Level;
  seed: number;
  blocks: [number, number][];
};
const units = unpackCounts(counts);
const alpha = prepareAlpha(units, level);
const resampler = new Resampler(units.multiplicity);
parentPort!.postMessage(blocks.map(([b, n]) => bootstrapBlock(resampler, (m) => alpha.value(m), seed, b, n)));
