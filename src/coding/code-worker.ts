import { parentPort, workerData } from 'node:worker_threads';
import { serveWorker } from '../io/pool.js';
import { AutoCoder } from './auto.js';
import { BatchCoder, inputSegments, type BatchResult, type CodeInput, type CodeWorkerSetup } from './batch.js';
import { LearnedModel } from './learn/model.js';
import { Matcher } from './matcher.js';

// A worker of `llo code --jobs N`: compiles the codebook (parsed and checked once, by the main
// thread) once, then parses, codes and renders batches, each primed with the segment before it so
// that context gives the same codings as one job. The rows go back as bytes, without a copy.
const setup = workerData as CodeWorkerSetup;
const coder = new BatchCoder(
  new AutoCoder(
    new Matcher(setup.codebook, setup.origin),
    setup.minConfidence,
    setup.model ? LearnedModel.fromJSON(setup.model) : undefined,
  ),
  setup.coder,
  new Map(setup.manual),
  new Set(setup.decided),
);
serveWorker(
  parentPort!,
  (input: CodeInput) => {
    const { segments, previous } = inputSegments(input, setup.source);
    return coder.code(segments, { segment: previous });
  },
  (result: BatchResult) => [result.codings.buffer as ArrayBuffer, result.hashes.buffer as ArrayBuffer],
);
