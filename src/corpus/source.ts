import { ingest } from './ingest.js';
import { openCorpus } from './manifest.js';
import { readSegments } from './read-segments.js';
import type { Segment, Unit } from './segments.js';

/**
 * The segments a command works on: read from a segments file when one is given, otherwise made by
 * ingesting the corpus on the fly (as `llo ingest` would, without writing a file).
 */
export async function* segmentSource(options: { segments?: string; corpus: string; unit: Unit; allowOutside?: boolean }): AsyncGenerator<Segment> {
  if (options.segments) {
    yield* readSegments(options.segments);
    return;
  }
  const corpus = await openCorpus(options.corpus, { allowOutside: options.allowOutside === true });
  for await (const doc of ingest(corpus, options.unit)) yield* doc.segments;
}
