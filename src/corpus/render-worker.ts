import { parentPort } from 'node:worker_threads';
import { serveWorker } from '../io/pool.js';
import { ingestDocument } from './ingest.js';
import type { CorpusEntry } from './manifest.js';
import { renderDocument } from './render.js';
import type { Unit } from './segments.js';

// A worker of `llo ingest`: reads, segments and renders one document per message (render.ts).
serveWorker(parentPort!, async ({ entry, unit }: { entry: CorpusEntry; unit: Unit }) => renderDocument(await ingestDocument(entry, unit)));
