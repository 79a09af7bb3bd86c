import type { Codebook, CodeDefinition } from '../codebook/schema.js';
import { LloError } from '../errors.js';

/** Which codes a quote list is about: a code, an actor's codes, a paradigm's codes, or one role across actors. */
export interface CodeSelection {
  code?: string;
  actor?: string;
  paradigm?: string;
  /** A role id, the part of a code id after the actor: `initiatiefnemer` selects burgers.initiatiefnemer and maatschappelijke-organisaties.initiatiefnemer. */
  role?: string;
}

/** The role id of a code: `markt.zelfstandige-actor` → `zelfstandige-actor`. */
export const roleId = (code: string): string => code.slice(code.indexOf('.') + 1);

/**
 * The codes a selection names, in codebook order. The criteria combine (an actor and a paradigm:
 * that actor's codes of that paradigm); none selects every code. An unknown id is an error that
 * lists the known ones, so a typo never yields an empty list that looks like a finding.
 */
export function selectCodes(codebook: Codebook, selection: CodeSelection): CodeDefinition[] {
  const known = (what: string, value: string | undefined, ids: readonly string[]) => {
    if (value !== undefined && !ids.includes(value))
      throw new LloError('LLO_OPTION', `unknown ${what} "${value}" (${what}s: ${[...new Set(ids)].join(', ')})`);
  };
  known(
    'code',
    selection.code,
    codebook.codes.map((c) => c.id),
  );
  known(
    'actor',
    selection.actor,
    codebook.actors.map((a) => a.id),
  );
  known(
    'paradigm',
    selection.paradigm,
    codebook.paradigms.map((p) => p.id),
  );
  known(
    'role',
    selection.role,
    codebook.codes.map((c) => roleId(c.id)),
  );
  const codes = codebook.codes.filter(
    (c) =>
      (selection.code === undefined || c.id === selection.code) &&
      (selection.actor === undefined || c.actor === selection.actor) &&
      (selection.paradigm === undefined || c.paradigms.includes(selection.paradigm)) &&
      (selection.role === undefined || roleId(c.id) === selection.role),
  );
  if (codes.length === 0)
    throw new LloError('LLO_OPTION', `no code of the codebook fits ${describeSelection(selection)} together`);
  return codes;
}

/** The selection in words, for titles and messages: `code overheid.reguleren`, `actor markt and paradigm NPM`. */
export function describeSelection(selection: CodeSelection): string {
  const parts = (['code', 'actor', 'paradigm', 'role'] as const)
    .filter((k) => selection[k] !== undefined)
    .map((k) => `${k} ${selection[k]}`);
  return parts.length === 0 ? 'every code' : parts.join(' and ');
}
