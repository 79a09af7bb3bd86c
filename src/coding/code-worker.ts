import { parentPort, workerData } from 'node:worker_threads';
import { parseCodebook } from '../codebook/load.js';
import type { Segment } from '../corpus/segments.js';
import { serveWorker } from '../io/pool.js';
import { AutoCoder } from './auto.js';
import { LearnedModel, type SerializedModel } from './learn/model.js';
import { Matcher } from './matcher.js';

// A worker of `llo code --jobs N`: compiles the codebook once, then codes batches of segments,
// each primed with the segment before it so that context gives the same codings as one job.
const { codebookText, codebookFile, coder, minConfidence, model } = workerData as {
  codebookText: string;
  codebookFile: string;
  coder: string;
  minConfidence: number;
  model?: SerializedModel;
};
const auto = new AutoCoder(
  new Matcher(parseCodebook(codebookText, codebookFile).codebook),
  minConfidence,
  model ? LearnedModel.fromJSON(model) : undefined,
);
serveWorker(parentPort!, (batch: { previous?: Segment; segments: Segment[] }) => {
  auto.prime(batch.previous);
  return batch.segments.map((s) => auto.code(s, coder));
});
