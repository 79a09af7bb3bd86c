import { readFile } from 'node:fs/promises';
import { Document, isMap, isScalar, isSeq, parseDocument, type YAMLSeq } from 'yaml';
import { LloError } from '../errors.js';
import { writeFileAtomic } from '../io/atomic.js';

/** What llo fetch records of a document in corpus.yaml (the keys of the corpus manifest). */
export interface FetchedEntry {
  id: string;
  file: string;
  title?: string;
  type?: string;
  date?: string;
  dossier?: string;
  identifier: string;
  cite: string;
  source: string;
}

const NEW_MANIFEST = `# The corpus manifest: one entry per document (see "The corpus manifest" in llo's README).
# llo fetch adds the documents it downloads here. Edit titles, types and citation keys as you
# like: llo never changes an entry that is already here, and keeps these comments.
name: corpus
documents: []
`;

/**
 * The corpus manifest, taking new entries without touching a byte of what a person wrote: an entry
 * is serialised on its own and spliced in after the last one, at the place yaml's document API
 * reports, with the same indentation and spacing as the entries before it. (Serialising the whole
 * document again would keep the comments but re-wrap folded text and re-space them.) Only a list
 * that is empty or written inline is rebuilt through the document API.
 */
export class CorpusYaml {
  private document: Document.Parsed;

  private constructor(
    readonly file: string,
    private source: string,
    private readonly existed: boolean,
  ) {
    this.document = CorpusYaml.parse(source, file);
  }

  static async open(file: string): Promise<CorpusYaml> {
    const source = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return undefined;
      throw new LloError('LLO_NOT_FOUND', `cannot read the corpus manifest (${err.code ?? err.message})`, { file });
    });
    return new CorpusYaml(file, source ?? NEW_MANIFEST, source !== undefined);
  }

  private static parse(source: string, file: string): Document.Parsed {
    const document = parseDocument(source, { uniqueKeys: true });
    if (document.errors.length > 0)
      throw new LloError('LLO_YAML_SYNTAX', `invalid YAML in the corpus manifest: ${document.errors[0]!.message}`, {
        file,
      });
    const list = document.get('documents', true);
    const contents = document.contents;
    // A manifest of comments only (as llo init writes it), or without a documents list yet, is fine.
    if (
      (contents !== null && !isMap(contents)) ||
      (list !== undefined && list !== null && !isSeq(list) && !isScalar(list))
    )
      throw new LloError('LLO_MANIFEST', 'the corpus manifest has no documents list', { file });
    return document;
  }

  private get sequence(): YAMLSeq | undefined {
    const list = this.document.get('documents', true);
    return isSeq(list) ? list : undefined;
  }

  private get entries() {
    return (this.sequence?.items ?? []).filter(isMap);
  }

  /** Document ids already in the manifest. */
  ids(): Set<string> {
    return new Set(this.entries.map((e) => String(e.get('id'))));
  }

  /** Citation keys already in the manifest. */
  cites(): string[] {
    return this.entries.map((e) => e.get('cite')).filter((c): c is string => typeof c === 'string');
  }

  /** Adds an entry unless the id is there; true when it was added. Written by `save`. */
  add(entry: FetchedEntry | { id: string; file: string }): boolean {
    if (this.ids().has(entry.id)) return false;
    const clean = Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== undefined && v !== ''));
    const seq = this.sequence;
    const items = (seq?.items ?? []) as { range?: [number, number, number] }[];
    const first = items[0]?.range;
    const last = items[items.length - 1]?.range;
    const entryText = (dash: string) =>
      new Document(clean)
        .toString({ lineWidth: 0 })
        .trimEnd()
        .split('\n')
        .map((l, i) => (i === 0 ? dash : ' '.repeat(dash.length)) + l)
        .join('\n') + '\n';
    const withNewline = (text: string) => (text === '' || text.endsWith('\n') ? text : `${text}\n`);
    if (seq && !seq.flow && first && last) {
      const lineStart = this.source.lastIndexOf('\n', first[0] - 1) + 1;
      const dash = this.source.slice(lineStart, first[0]);
      const second = items[1]?.range;
      const blank = second !== undefined && /\n[ \t]*\r?\n/u.test(this.source.slice(first[1] - 1, second[0]));
      const at = last[1];
      this.source =
        withNewline(this.source.slice(0, at)) + (blank ? '\n' : '') + entryText(dash) + this.source.slice(at);
    } else if (!this.document.has('documents')) {
      // Comments only, or other keys: the list starts at the end, after everything written there.
      this.source = `${withNewline(this.source)}documents:\n${entryText('  - ')}`;
    } else {
      // `documents: []` or an empty `documents:`: nothing hand-written in the list to keep.
      if (seq) {
        seq.flow = false;
        seq.add(this.document.createNode(clean));
      } else this.document.set('documents', this.document.createNode([clean]));
      this.source = this.document.toString({ lineWidth: 0, flowCollectionPadding: false });
    }
    this.document = CorpusYaml.parse(this.source, this.file);
    return true;
  }

  async save(): Promise<void> {
    await writeFileAtomic(this.file, this.source);
  }

  /** Whether the manifest file was there before (else `save` creates it). */
  get isNew(): boolean {
    return !this.existed;
  }
}
