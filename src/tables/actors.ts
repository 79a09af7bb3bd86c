import type { Codebook } from '../codebook/schema.js';
import { fixed } from './render.js';
import { actorSegments, type CodedSegments } from './counts.js';
import type { Table } from './table.js';

/** Per actor: in how many coded segments it gets any role, that as a share, and how many roles it gets. */
export function actorsTable(counts: CodedSegments, codebook: Codebook): Table {
  const coded = counts.codesOf.size;
  return {
    name: 'actors',
    title: 'Actors',
    columns: ['actor', 'label', 'segments', 'share', 'roles used'],
    align: ['left', 'left', 'right', 'right', 'right'],
    rows: codebook.actors.map((a) => {
      const segments = actorSegments(counts, codebook, a.id).size;
      const roles = codebook.codes.filter((c) => c.actor === a.id);
      const used = roles.filter((c) => (counts.byCode.get(c.id)?.size ?? 0) > 0).length;
      return [
        a.id,
        a.label,
        String(segments),
        fixed(coded === 0 ? null : segments / coded),
        `${used} of ${roles.length}`,
      ];
    }),
    notes: [
      `segments: coded segments in which the actor gets any role; share: of all ${coded} coded segments. One segment can give roles to several actors, so the shares can add up to more than 1.`,
    ],
  };
}
