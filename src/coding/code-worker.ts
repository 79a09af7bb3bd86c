import { parentPort, workerData } from 'node:worker_threads';
import { parseCodebook } from '../codebook/load.js';
import type { Segment } from '../corpus/segments.js';
import { serveWorker } from '../io/pool.js';
import { AutoCoder } from './auto.js';
import { Matcher } from './matcher.js';

// A worker of `llo code --jobs N`: compiles the codebook once, then codes batches of segments,
// each primed with the segment before it so that context gives the same codings as one job.
const { codebookText, codebookFile, coder, minConfidence } = workerData as {
  codebookText: string;
  codebookFile: string;
  coder: string;
  minConfidence: number;
};
const auto = new AutoCoder(new Matcher(parseCodebook(codebookText, codebookFile).codebook), minConfidence);
serveWorker(parentPort!, (batch: { previous?: Segment; segments: Segment[] }) => {
  auto.prime(batch.previous);
  return batch.segments.map((s) => auto.code(s, coder));
});
