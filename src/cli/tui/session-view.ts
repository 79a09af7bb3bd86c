import chalk from 'chalk';
import { neighbours, progress, visibleSuggestions, type SessionState } from '../../coding/session.js';
import { terminalSafe } from '../../text/safe.js';

/** Text from the data (documents, memos, codebooks, typed input) as the terminal may show it. */
const safe = (text: string) => terminalSafe(text, { newlines: false });

/**
 * The screen of a coding session, drawn for the terminal size (80 × 24 at least). Always on screen:
 * progress, where the segment is (citation, page, section), the segment, the suggestions with their
 * evidence, the coder's own codes and memo, and a help line with the keys. Every piece of text that
 * comes from the data passes through `safe`: a document cannot move the cursor, clear the screen,
 * retitle the terminal or write the clipboard.
 */
export function renderSession(s: SessionState, width: number, height: number, color: boolean): string {
  const w = Math.max(40, width);
  const bold = (t: string) => (color ? chalk.bold(t) : t);
  const dim = (t: string) => (color ? chalk.dim(t) : t);
  const mark = (t: string) => (color ? chalk.bold.underline(t) : `[${t}]`);
  const item = s.items[s.index];
  const p = progress(s);
  const lines: string[] = [];
  const push = (t = '') => lines.push(cut(t, w));
  const rule = () => push(dim('─'.repeat(w)));

  push(
    bold(
      `llo code · ${p.done}/${p.total} coded · this document ${p.documentDone}/${p.documentTotal}${s.blind ? ' · blind' : ''}`,
    ),
  );
  if (!item) {
    push('No segments.');
    return lines.join('\n');
  }
  const seg = item.segment;
  const saved = s.decisions.has(seg.segment) ? ' · saved' : '';
  push(safe(`${item.cite}${seg.page ? `: ${seg.page}` : ''} · ${seg.segment}${saved}`));
  push(dim(safe(seg.section || item.title)));
  rule();

  const footer = footerLines(s, w);
  const suggestions = visibleSuggestions(s);
  const codeLines: string[] = [];
  suggestions.forEach((x, i) =>
    codeLines.push(`${i + 1} ${s.accepted.has(x.code) ? '[✓]' : '[ ]'} ${safe(x.code)}  ${dim(safe(x.evidence))}`),
  );
  s.added.forEach((c, i) => codeLines.push(`+${i + 1} ${safe(c)}`));
  if (codeLines.length === 0)
    codeLines.push(
      dim(
        s.blind
          ? 'Blind coding: no suggestions. / adds a code.'
          : 'No suggestions. / adds a code; Enter saves "no code".',
      ),
    );
  if (s.memo) codeLines.push(`memo: ${safe(s.memo)}`);

  // The segment gets what is left; highlighted words are the evidence of the suggestions.
  const room = Math.max(3, height - lines.length - codeLines.length - footer.length - 2);
  const words = new Set(
    suggestions
      .flatMap((x) => safe(x.evidence).split(/\s*(?:…|\|)\s*/u))
      .map((t) => t.trim())
      .filter(Boolean),
  );
  let text = safe(seg.text);
  if (s.showContext) {
    // Context stays within the document: the first segment of a document has no "before".
    const { before, after } = neighbours(s);
    text = `${before ? `(before) ${safe(before.segment.text)}\n` : ''}▶ ${text}${after ? `\n(after) ${safe(after.segment.text)}` : ''}`;
  }
  const wrapped = text.split('\n').flatMap((t) => wrap(t, w));
  // When the text does not fit, one line of the room goes to saying so.
  const shown = wrapped.length > room ? room - 1 : wrapped.length;
  for (const line of wrapped.slice(0, shown)) push(highlight(line, words, mark));
  if (wrapped.length > shown) push(dim(`… (${wrapped.length - shown} more lines; c shows context)`));
  rule();
  for (const l of codeLines) push(l);
  rule();
  for (const l of footer) push(l);
  return lines.join('\n');
}

function footerLines(s: SessionState, w: number): string[] {
  const msg = s.message ? [safe(s.message)] : [];
  const input = safe(s.input);
  switch (s.mode) {
    case 'search':
      return [
        ...s.results.map((c, i) => `${i === s.selected ? '>' : ' '} ${safe(c.id)}  (${safe(c.label)})`),
        `add code: ${input}_`,
        '↑↓ choose · Enter add · Esc cancel',
        ...msg,
      ];
    case 'memo':
      return [`memo: ${input}_`, 'Enter keep · Esc cancel', ...msg];
    case 'jump':
      return [`jump to document or segment id: ${input}_`, 'Enter go · Esc cancel', ...msg];
    case 'new-code': {
      const d = s.newCode!;
      const question =
        d.step === 'role'
          ? 'new code — role label (e.g. leerplek bieden):'
          : d.step === 'actor'
            ? `new code "${safe(d.role)}" — actor: ${s.actors.map((a, i) => `${i + 1} ${safe(a)}`).join('  ')}:`
            : d.step === 'paradigms'
              ? `new code ${safe(d.actor)}.… — paradigm(s) (${safe(s.paradigms.join(' '))}):`
              : 'new code — one-line definition:';
      return [question, `> ${input}_`, 'Enter next · Esc cancel', ...msg];
    }
    case 'help':
      return [
        '1-9 accept/reject suggestion · a accept all · / add code by search · x remove last added',
        'n new (inductive) code · m memo · c context · Enter save and next · b back · s skip',
        'j jump to document · q quit (everything saved stays saved) · any key closes this help',
      ];
    default: {
      const keys =
        '1-9 accept · a all · / add · n new · m memo · Enter save · b back · s skip · j jump · q quit · ? help';
      return [...msg, keys.length > w ? '1-9 accept · / add · n new · m memo · Enter save · b s j q · ? help' : keys];
    }
  }
}

function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  out.push(line);
  return out;
}

function highlight(line: string, words: ReadonlySet<string>, mark: (t: string) => string): string {
  let out = line;
  for (const w of words) {
    if (w.length < 2) continue;
    out = out.replace(
      new RegExp(`(?<![\\p{L}\\p{N}])${w.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}(?![\\p{L}\\p{N}])`, 'gu'),
      (m) => mark(m),
    );
  }
  return out;
}

/** Cuts a line to the width, counting visible characters (colour codes do not take room). */
function cut(text: string, width: number): string {
  // eslint-disable-next-line no-control-regex
  const visible = text.replace(/\x1b\[[0-9;]*m/gu, '');
  if (visible.length <= width) return text;
  return visible.slice(0, width - 1) + '…';
}
