import type { Codebook } from '../codebook/schema.js';
import { openCorpus } from '../corpus/manifest.js';
import { segmentSource } from '../corpus/source.js';
import type { Segment, Unit } from '../corpus/segments.js';
import { LloError } from '../errors.js';
import { suggestionSource } from './suggestions.js';
import type { CodeChoice, SessionItem } from './session.js';

/** Everything a coding session starts from: the segments in document order with titles and suggestions. */
export async function sessionItems(options: {
  corpus: string;
  segments?: string;
  unit: Unit;
  documents?: string[];
  codebook: Codebook;
  /** Hand codings to learn a model from (`--learn-from`): its codes join the suggestions. */
  learnFrom?: { files: string[]; segments?: string[] | undefined };
}): Promise<SessionItem[]> {
  const meta = new Map<string, { title: string; cite: string }>();
  try {
    for (const d of (await openCorpus(options.corpus)).documents)
      meta.set(d.id, { title: d.title ?? d.id, cite: d.cite ?? d.id });
  } catch (err) {
    // Without a corpus manifest the session still works, with document ids as titles.
    if (!options.segments) throw err;
  }
  // Suggestions, most confident first: the automatic coder with its context and, with
  // --learn-from, a learnt model (llo issue 11; the hook is suggestionSource in ./suggestions.js).
  const suggest = await suggestionSource(options);
  const wanted = options.documents ? new Set(options.documents) : undefined;
  const items: SessionItem[] = [];
  const seen = new Set<string>();
  for await (const segment of segmentSource({
    corpus: options.corpus,
    unit: options.unit,
    ...(options.segments ? { segments: options.segments } : {}),
  }) as AsyncIterable<Segment>) {
    seen.add(segment.document);
    if (wanted && !wanted.has(segment.document)) continue;
    const m = meta.get(segment.document);
    items.push({
      segment,
      title: m?.title ?? segment.document,
      cite: m?.cite ?? segment.document,
      suggestions: suggest(segment),
    });
  }
  const missing = options.documents?.filter((d) => !seen.has(d)) ?? [];
  if (missing.length > 0)
    throw new LloError(
      'LLO_UNKNOWN_DOCUMENT',
      `no such document: ${missing.join(', ')} (documents: ${[...seen].join(', ')})`,
    );
  if (items.length === 0) throw new LloError('LLO_NO_SEGMENTS', 'there are no segments to code');
  return items;
}

export function codeChoices(codebook: Codebook): CodeChoice[] {
  return codebook.codes.map((c) => ({ id: c.id, label: c.role, actor: c.actor }));
}
