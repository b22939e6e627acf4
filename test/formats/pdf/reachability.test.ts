/**
 * Who refers to a revision's new and freed objects is asked of every revision after the
 * signed one. After a complete walk of one revision, the next is answered from it and from
 * what its update redefined (modifications.ts, reachabilityFrom), where that is the walk's
 * answer; elsewhere the walk runs. Each case here has revision 2 add an unused object (the
 * walk runs and is kept) and revision 3 hit one of the conditions, in a document the walk
 * and the shortcut would judge differently; helpers.parse also holds every result to the
 * revision read in full (PdfTuning.takeOver false), which always walks.
 */
import { describe, expect, test } from 'vitest';
import { PdfBuilder } from './builder.js';
import { codes, only, parse, signedBase, updates } from './helpers.js';

/** Revision 2: an object nobody uses, so that revision's diff walks the document. */
const unusedObject = (b: PdfBuilder): void => {
  b.object(31, '<< /Unused true >>');
};

const UNUSED = { revision: 2, object: '31 0 R', kind: 'none', rule: 'unused-object', description: 'new object not used by the document' };

describe('a revision\'s referrers from the walk of the revision before', () => {
  test('an object the signed page referred to before it existed is a filled dangling reference', async () => {
    // The page refers to 50 from revision 1 on; revision 3 defines it. The walk of revision
    // 2 reached 50 (undefined then): no object the update left alone may be passed over.
    const base = signedBase({
      extra: (b) => {
        b.object(3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 8 0 R >> >> /Contents 4 0 R /Annots [5 0 R] /PieceInfo 50 0 R >>');
      },
    }).bytes();
    const bytes = updates(base, 60, unusedObject, (b) => {
      b.object(50, '<< /Filled true >>');
    });
    expect(only(await parse(bytes)).modifications?.changes).toEqual([
      UNUSED,
      { revision: 3, object: '50 0 R', kind: 'other', description: 'new object referenced by 3 0 R' },
    ]);
  });

  test('an object an update stops referring to is no referrer of what it now refers to', async () => {
    // Revision 3 points the page's /PieceInfo at a new 34 instead of 32 and rewrites 32 to
    // refer to a new 33: 32 is reached no more, so 33 is used by nothing (the walk), not
    // referenced by 32.
    const base = signedBase({
      extra: (b) => {
        b.object(3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 8 0 R >> >> /Contents 4 0 R /Annots [5 0 R] /PieceInfo 32 0 R >>');
        b.object(32, '<< /Data (signed) >>');
      },
    }).bytes();
    const bytes = updates(base, 60, unusedObject, (b) => {
      b.object(3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 8 0 R >> >> /Contents 4 0 R /Annots [5 0 R] /PieceInfo 34 0 R >>');
      b.object(34, '<< >>');
      b.object(32, '<< /Data (changed) /More 33 0 R >>');
      b.object(33, '<< /New true >>');
    });
    const changes = only(await parse(bytes)).modifications?.changes ?? [];
    expect(changes.filter((change) => change.object === '33 0 R')).toEqual([
      { revision: 3, object: '33 0 R', kind: 'none', rule: 'unused-object', description: 'new object not used by the document' },
    ]);
  });

  test('a new object that several changed objects refer to is named by the first the walk meets', async () => {
    // The walk meets the font (8, in the page's /Resources) before the content stream (4):
    // both are rewritten to refer to a new 60, which no rule explains; 60 refers to a new 61.
    const bytes = updates(signedBase().bytes(), 70, unusedObject, (b) => {
      b.stream(4, '/Extra 60 0 R', 'BT /F1 12 Tf 72 770 Td (Cong van so 124/UBND-VP) Tj ET');
      b.object(8, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Extra 60 0 R >>');
      b.object(60, '<< /New true /Next 61 0 R >>');
      b.object(61, '<< /New true >>');
    });
    const changes = only(await parse(bytes)).modifications?.changes ?? [];
    expect(changes.filter((change) => change.object === '60 0 R' || change.object === '61 0 R')).toEqual([
      { revision: 3, object: '60 0 R', kind: 'other', description: 'new object referenced by 8 0 R' },
      { revision: 3, object: '61 0 R', kind: 'other', description: 'new object referenced by 60 0 R' },
    ]);
  });

  test('what a redefined object newly reaches is followed, old objects no walk reached included', async () => {
    // 32 exists from revision 1 on, reached by nothing, and refers to 33, which revision 3
    // defines while it makes the content stream refer to 32 (through a new 60): 33 fills
    // a reference 32 held before, so it is no new content of its own.
    const base = signedBase({
      extra: (b) => {
        b.object(32, '<< /Data 33 0 R >>');
      },
    }).bytes();
    const bytes = updates(base, 70, unusedObject, (b) => {
      b.stream(4, '/Extra 60 0 R', 'BT /F1 12 Tf 72 770 Td (Cong van so 124/UBND-VP) Tj ET');
      b.object(60, '<< /Next 32 0 R >>');
      b.object(33, '<< /Filled true >>');
    });
    const changes = only(await parse(bytes)).modifications?.changes ?? [];
    expect(changes.filter((change) => change.revision === 3)).toEqual([
      { revision: 3, object: '4 0 R', kind: 'other', description: '/Contents of page 1 changed' },
      { revision: 3, object: '33 0 R', kind: 'other', description: 'new object referenced by 32 0 R' },
      { revision: 3, object: '60 0 R', kind: 'other', description: 'new object referenced by 4 0 R' },
    ]);
  });

  test('what the walk would visit is charged to the document\'s budget all the same', async () => {
    // /Info reaches 200 objects and each revision appends one more to its list: every
    // revision after the first is answered from the one before, and past the budget the
    // signature fails closed as it does when every revision is walked.
    const manyRevisions = (revisions: number): Uint8Array => {
      const builder = new PdfBuilder(signedBase().bytes());
      const big = Array.from({ length: 200 }, (_, i) => `${100 + i} 0 R`).join(' ');
      builder.object(30, '<< /Producer (v) /Big 31 0 R /Added [] >>');
      builder.object(31, `[${big}]`);
      for (let i = 0; i < 200; i++) builder.object(100 + i, '<< >>');
      builder.xrefTable('/Root 1 0 R /Info 30 0 R /Size 300');
      const added: string[] = [];
      for (let k = 0; k < revisions; k++) {
        builder.object(400 + k, '<< >>');
        added.push(`${400 + k} 0 R`);
        builder.object(30, `<< /Producer (v${k}) /Big 31 0 R /Added [${added.join(' ')}] >>`);
        builder.xrefTable(`/Root 1 0 R /Info 30 0 R /Size ${401 + k}`);
      }
      return builder.bytes();
    };
    const within = only(await parse(manyRevisions(3), { maxPdfObjects: 3000 }));
    expect(within.modifications?.level).toBe('ltv');
    const past = only(await parse(manyRevisions(12), { maxPdfObjects: 3000 }));
    expect(past.modifications?.level).toBe('other');
    expect(codes(past.messages)).toContain('PDF_DIFF_BUDGET');
  });
});
