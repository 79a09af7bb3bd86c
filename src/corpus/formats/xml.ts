import { LloError } from '../../errors.js';
import type { ParsedDocument } from '../document.js';
import { elements } from './tree.js';
import { parseXml } from './xml-tree.js';
import { walk, type Rules } from './walk.js';

/**
 * Official publication XML of the Dutch government (KOOP, root <officiele-publicatie>), as served
 * per identifier (kst-…, stcrt-…, stb-…). Supported structure: kamerstuk and staatscourant
 * documents with headings kop/tussenkop/titel, paragraphs al, lists lijst/li, footnotes noot,
 * CALS tables, signatures; see the README for the full element table.
 */
const SECTIONING = new Set([
  'divisie', 'hoofdstuk', 'afdeling', 'paragraaf', 'sub-paragraaf', 'artikel', 'toelichting', 'algemeen',
  'artikelsgewijs', 'bijlage', 'wijzig-artikel', 'regeling-tekst', 'nota-toelichting', 'circulaire-tekst',
]);
const OP_RULES: Rules = {
  skip: (e) => ['metadata', 'meta', 'nootref', 'plaatje', 'illustratie', 'colspec', 'spanspec', 'kamerstukkop'].includes(e.name),
  heading: (e, depth) => {
    if (e.name === 'kop') return depth + 1;
    if (e.name === 'tussenkop') return depth + 2;
    if (e.name === 'titel') return 1;
    return undefined;
  },
  paragraph: new Set([
    'al', 'tekstregel', 'dossier', 'datumtekst', 'functie', 'naam', 'slotformulering', 'aanhef', 'considerans.al',
    'wij', 'afkondiging', 'dagtekening', 'ondertekening', 'plaats', 'intitule', 'opschrift', 'vraag', 'antwoord',
    'omschr', 'definitie', 'term', 'citaat', 'stuknr', 'lid',
  ]),
  item: new Set(['li']),
  row: new Set(['row']),
  cell: new Set(['entry']),
  note: (e) => e.name === 'noot',
  sectioning: SECTIONING,
  // Numbers and labels (label, nr, li.nr, noot.nr, lidnr) are not inline: they are set off by a space.
  inline: new Set([
    'nadruk', 'extref', 'intref', 'dossierref', 'sup', 'inf', 'sub', 'datum', 'ondernummer', 'dossiernr',
    'dossiernummer', 'achternaam', 'voornaam', 'voorletters', 'unl', 'u', 'b', 'i', 'redactie', 'noot.al', 'aanhaling',
  ]),
  space: new Set(['br', 'tab']),
};

export function readOfficialXml(source: string, file: string): ParsedDocument {
  const tree = parseXml(source, file);
  const root = elements(tree)[0]!;
  const known = ['officiele-publicatie', 'kamerstuk', 'staatscourant', 'staatsblad', 'kamervragen', 'handelingen', 'bijlage'];
  if (!known.includes(root.name)) {
    throw new LloError('LLO_XML_UNSUPPORTED', `root element <${root.name}> is not an official publication (expected <officiele-publicatie>)`, { file, line: 1 });
  }
  return walk(root, OP_RULES);
}
