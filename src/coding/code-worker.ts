import { parentPort, workerData } from 'node:worker_threads';
import { parseCodebook } from '../codebook/load.js';
import type { Segment } from '../corpus/segments.js';
import { serveWorker } from '../io/pool.js';
import { autoCode } from './auto.js';
import { Matcher } from './matcher.js';

// A worker of `llo code --jobs N`: compiles the codebook once, then codes batches of segments.
const { codebookText, codebookFile, coder } = workerData as {
  codebookText: string;
  codebookFile: string;
  coder: string;
};
const matcher = new Matcher(parseCodebook(codebookText, codebookFile).codebook);
serveWorker(parentPort!, (batch: Segment[]) => batch.map((s) => autoCode(s, matcher, coder)));
