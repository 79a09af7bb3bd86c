/**
 * The one error class of llo. Every failure a researcher can cause (a missing file, a malformed
 * codebook, an unknown code id) becomes an LloError with a stable code, so tests and scripts can
 * match on `code` while the message stays free to improve.
 */
export interface Place {
  /** The file the problem is in, as the user named it. */
  file?: string;
  /** 1-based line and column, where the format has lines. */
  line?: number;
  column?: number;
  /** Byte offset, for binary and encoding problems. */
  offset?: number;
  /** A segment id, code id or CSV row the problem is about. */
  at?: string;
}

export class LloError extends Error {
  readonly code: string;
  readonly place: Place;
  /** Further problems of the same kind, each already formatted as one line (validators list all). */
  readonly details: readonly string[];

  constructor(code: string, message: string, place: Place = {}, details: readonly string[] = []) {
    super(message);
    this.name = 'LloError';
    this.code = code;
    this.place = place;
    this.details = details;
  }

  /** One line: `file:line:col: message`, the form editors and terminals make clickable. */
  format(): string {
    const { file, line, column, offset, at } = this.place;
    let where = file ?? '';
    if (line !== undefined) where += `:${line}` + (column !== undefined ? `:${column}` : '');
    else if (offset !== undefined) where += ` (byte ${offset})`;
    if (at !== undefined) where += where ? ` [${at}]` : `[${at}]`;
    return where ? `${where}: ${this.message}` : this.message;
  }
}

/** 1-based line and column of a character index in a string. */
export function lineColumn(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: index - lineStart + 1 };
}
