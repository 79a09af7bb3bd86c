import { describe, expect, it } from 'vitest';
import { readOfficialHtml } from '../../src/corpus/formats/html.js';
import { readOfficialXml } from '../../src/corpus/formats/xml.js';

// Issue 10, item 6: XML and HTML nested about 5,000 deep crashed the tree walk with "Maximum call
// stack size exceeded". The parsers keep their own stacks and the walk is iterative; 10,000 levels
// are read like 2.
const DEPTH = 10_000;

describe('deeply nested markup', () => {
  it('XML sections nested 10,000 deep give their paragraph', () => {
    const xml = `<officiele-publicatie><kamerstuk>${'<divisie>'.repeat(DEPTH)}<al>Diep in de tekst.</al>${'</divisie>'.repeat(DEPTH)}</kamerstuk></officiele-publicatie>`;
    expect(readOfficialXml(xml, 'deep.xml').blocks).toEqual([{ kind: 'paragraph', text: 'Diep in de tekst.' }]);
  });

  it('XML inline markup nested 10,000 deep is one paragraph; notes nested in notes each become a note', () => {
    const inline = `<officiele-publicatie><kamerstuk><al>Begin ${'<nadruk>'.repeat(DEPTH)}midden${'</nadruk>'.repeat(DEPTH)} eind.</al></kamerstuk></officiele-publicatie>`;
    expect(readOfficialXml(inline, 'deep.xml').blocks).toEqual([{ kind: 'paragraph', text: 'Begin midden eind.' }]);
    const notes = `<officiele-publicatie><kamerstuk><al>Tekst${'<noot>n'.repeat(DEPTH)}${'</noot>'.repeat(DEPTH)}</al></kamerstuk></officiele-publicatie>`;
    const blocks = readOfficialXml(notes, 'deep.xml').blocks;
    expect(blocks.length).toBe(DEPTH + 1);
    expect(blocks[DEPTH]).toEqual({ kind: 'note', text: 'n' });
  });

  it('HTML nested 10,000 deep gives its paragraph', () => {
    const html = `<html><body><div id="broodtekst">${'<div>'.repeat(DEPTH)}<p>Diep in de tekst.</p>${'</div>'.repeat(DEPTH)}</div></body></html>`;
    expect(readOfficialHtml(html, 'deep.html')).toEqual({
      blocks: [{ kind: 'paragraph', text: 'Diep in de tekst.' }],
      warnings: [],
    });
  });
});
