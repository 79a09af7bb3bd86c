/**
 * Text from documents, memos, coder names and codebooks is data, and data must not act on the
 * screen or the spreadsheet that shows it. Two edges, two rules:
 *
 * - a terminal interprets C0/C1 control characters (ESC starts sequences that move the cursor,
 *   retitle the window or — OSC 52 — write the clipboard), so they are shown as visible escapes;
 * - a spreadsheet evaluates a cell that starts with = + - @ (and tab or carriage return before
 *   them) as a formula (OWASP "CSV injection"), so such a cell gets a leading apostrophe, which
 *   Excel and LibreOffice show as text and hide.
 *
 * The data files themselves (segments, codings) stay exact; these apply only where people look.
 */

// C0 controls except tab and newline, DEL, C1 controls, and the bidirectional overrides that can
// make a line read differently from its bytes (Trojan Source, CVE-2021-42574).
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/gu;

/** Text safe to print on a terminal: control characters become visible `\x1b`-style escapes. */
export function terminalSafe(text: string, options: { newlines?: boolean } = {}): string {
  const out = text.replace(UNSAFE, (c) => `\\x${c.codePointAt(0)!.toString(16).padStart(2, '0')}`);
  return options.newlines === false ? out.replace(/\n/gu, '\\n').replace(/\t/gu, '\\t') : out;
}

/** True when text holds a character `terminalSafe` would escape. */
export function hasControlCharacters(text: string): boolean {
  UNSAFE.lastIndex = 0;
  return UNSAFE.test(text);
}

/** A cell value a spreadsheet will show as text, never evaluate: a leading = + - @ gets an apostrophe. */
export function spreadsheetSafe(cell: string): string {
  return /^[=+\-@\t\r]/u.test(cell) ? `'${cell}` : cell;
}
