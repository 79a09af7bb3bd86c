import { parentPort } from 'node:worker_threads';
import { serveWorker } from '../io/pool.js';
import { ingestDocument } from './ingest.js';
import type { CorpusEntry } from './manifest.js';
import type { Unit } from './segments.js';

// A worker of `llo ingest --jobs N`: reads and segments one document per message.
serveWorker(parentPort!, async ({ entry, unit }: { entry: CorpusEntry; unit: Unit }) => {
  const doc = await ingestDocument(entry, unit);
  // The assembled text is not needed by the writer; leave it out of the message.
  return { ...doc, text: { ...doc.text, text: '', paragraphs: [] } };
});
