import type { Codebook } from '../codebook/schema.js';
import { fixed } from './render.js';
import { actorSegments, documentsWith, type CodedSegments } from './counts.js';
import { competitionRanks } from './rank.js';
import type { Table } from './table.js';

/**
 * Which role dominates for one actor: every role of the codebook for that actor, zero-count roles
 * included, with the number of segments it is coded in, its share of the actor's codings, the
 * documents it occurs in, its rank, and whether it is the (or a tied) dominant role.
 */
export function dominanceTable(counts: CodedSegments, codebook: Codebook, actorId: string): Table {
  const actor = codebook.actors.find((a) => a.id === actorId)!;
  const codes = codebook.codes.filter((c) => c.actor === actorId);
  const segments = codes.map((c) => counts.byCode.get(c.id)?.size ?? 0);
  const total = segments.reduce((a, b) => a + b, 0);
  const ranks = competitionRanks(segments);
  const max = Math.max(0, ...segments);
  const n = counts.documents.length;
  return {
    name: `dominance-${actorId}`,
    title: `Roles of ${actor.label} (${actorId})`,
    columns: ['code', 'role', 'segments', 'share', 'documents', 'rank', 'dominant'],
    align: ['left', 'left', 'right', 'right', 'right', 'right', 'left'],
    rows: codes.map((c, i) => [
      c.id,
      c.role,
      String(segments[i]),
      fixed(total === 0 ? null : segments[i]! / total),
      `${documentsWith(counts, c.id).size} of ${n}`,
      String(ranks[i]),
      max > 0 && segments[i] === max ? 'yes' : '',
    ]),
    notes: [
      `segments: coded segments with this role (a segment counts once per role). ${actorSegments(counts, codebook, actorId).size} segments give ${actor.label} a role.`,
      `share: the role's segments / the sum over all roles of ${actor.label} (${total}); the shares add up to 1${total === 0 ? ' (n/a: no codings for this actor)' : ''}.`,
      'rank: standard competition ranking by segments (ties share a rank); dominant: the role(s) with the most segments.',
    ],
  };
}
