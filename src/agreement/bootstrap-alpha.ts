import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { LloError } from '../errors.js';
import {
  blocks,
  bootstrapBlock,
  Resampler,
  summarise,
  type BootstrapBlock,
  type BootstrapResult,
} from './bootstrap.js';
import type { Level, PreparedAlpha } from './krippendorff-alpha.js';
import { packCounts, type UnitCounts } from './ratings.js';

/** Below this much work (replicates × (patterns + categories)) a second thread costs more than it saves. */
const WORTH_A_THREAD = 2e7;

/**
 * The bootstrap of α (see bootstrap.ts), in this thread and — when there is much to do and a second
 * core — one worker thread that takes every other block. The blocks carry their own seeds, so the
 * interval is the same either way.
 */
export async function bootstrapAlpha(
  counts: UnitCounts,
  level: Level,
  alpha: PreparedAlpha,
  options: { replicates: number; seed: number; minimum?: number },
): Promise<BootstrapResult> {
  const { replicates, seed, minimum } = options;
  const all = blocks(replicates);
  const work = replicates * (counts.rows.length + counts.categories.length);
  const shared = work >= WORTH_A_THREAD && availableParallelism() >= 2 && all.length >= 2;
  const theirs = shared ? all.filter((_, i) => i % 2 === 1) : [];
  const result = theirs.length > 0 ? inWorker(counts, level, seed, theirs) : Promise.resolve([]);
  result.catch(() => undefined); // awaited below, after this thread's share
  const resampler = new Resampler(counts.multiplicity);
  const parts: BootstrapBlock[] = all
    .filter((_, i) => !shared || i % 2 === 0)
    .map(([b, n]) => bootstrapBlock(resampler, (m) => alpha.value(m), seed, b, n));
  return summarise([...parts, ...(await result)], replicates, seed, minimum);
}

function inWorker(counts: UnitCounts, level: Level, seed: number, work: [number, number][]): Promise<BootstrapBlock[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./bootstrap-worker.js', import.meta.url), {
      workerData: { counts: packCounts(counts), level, seed, blocks: work },
    });
    worker.once('message', (parts: BootstrapBlock[]) => {
      resolve(parts);
      void worker.terminate();
    });
    worker.once('error', (err) => reject(new LloError('LLO_INTERNAL', `the bootstrap worker failed: ${err.message}`)));
  });
}
