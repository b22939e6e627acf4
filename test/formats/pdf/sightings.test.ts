/**
 * The signatures of each revision are looked for among the fields that may sign and the
 * widgets no listed field owns. A revision whose fields and pages are the revision
 * before's takes those lists over (signatures.ts, candidatesOf) instead of looking
 * through a large form again; these updates hit what the take-over must notice, and
 * helpers.parse holds each result to the revision read in full (PdfTuning.takeOver false).
 */
import { describe, expect, test } from 'vitest';
import { PdfBuilder } from './builder.js';
import { codes, parse, signedBase, updates } from './helpers.js';

const PAGE_WITH_9 = '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 8 0 R >> >> /Contents 4 0 R /Annots [5 0 R 9 0 R] >>';

const unusedObject = (b: PdfBuilder): void => {
  b.object(31, '<< /Unused true >>');
};

describe('signatures of a revision whose fields and pages are taken over', () => {
  test('an annotation redefined into a signature widget no field lists is found in that revision', async () => {
    const base = signedBase({
      extra: (b) => {
        b.object(3, PAGE_WITH_9);
        b.object(9, '<< /Type /Annot /Subtype /Text /Rect [0 0 0 0] /Contents (note) >>');
      },
    }).bytes();
    const bytes = updates(base, 60, unusedObject, (b) => {
      b.object(9, '<< /Type /Annot /Subtype /Widget /FT /Sig /T (Loose) /Rect [0 0 0 0] /P 3 0 R /V 10 0 R >>');
      b.signature(10);
    });
    const document = await parse(bytes);
    expect(document.signatures.map((signature) => signature.id)).toEqual(['Sig1', 'Loose']);
  });

  test('a signature widget an existing page starts listing is found in that revision', async () => {
    const base = signedBase({
      extra: (b) => {
        b.object(9, '<< /Type /Annot /Subtype /Widget /FT /Sig /T (Loose) /Rect [0 0 0 0] /P 3 0 R /V 10 0 R >>');
        b.signature(10);
      },
    }).bytes();
    const bytes = updates(base, 60, unusedObject, (b) => {
      b.object(3, PAGE_WITH_9);
    });
    const document = await parse(bytes);
    expect(document.signatures.map((signature) => signature.id)).toEqual(['Sig1', 'Loose']);
  });

  test('a widget no field listed, that a new field takes as its kid, is no longer one of its own', async () => {
    // 9 is signed in revision 1 as a widget of 11, which /Fields does not list; revision 3
    // lists 11 with 9 as its kid (11 has no value): 9's signature is gone from revision 3.
    const base = signedBase({
      extra: (b) => {
        b.object(3, PAGE_WITH_9);
        b.object(9, '<< /Type /Annot /Subtype /Widget /Parent 11 0 R /Rect [0 0 0 0] /P 3 0 R /V 10 0 R >>');
        b.signature(10);
        b.object(11, '<< /FT /Sig /T (Loose) >>');
      },
    }).bytes();
    const listed = updates(base, 60, unusedObject, (b) => {
      b.object(11, '<< /FT /Sig /T (Loose) /Kids [9 0 R] >>');
      b.object(6, '<< /Fields [5 0 R 11 0 R] /SigFlags 3 >>');
    });
    const left = updates(base, 60, unusedObject, unusedObject);
    const removed = await parse(listed);
    const kept = await parse(left);
    expect(removed.signatures.map((signature) => signature.id)).toEqual(['Sig1', 'Loose']);
    expect(kept.signatures.map((signature) => signature.id)).toEqual(['Sig1', 'Loose']);
    const loose = (document: typeof removed) => codes(document.signatures.find((signature) => signature.id === 'Loose')!.messages);
    expect(loose(removed)).not.toEqual(loose(kept));
  });
});
