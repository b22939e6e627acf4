/**
 * Each revision's model, object roles and walks are taken over from the revision before
 * wherever the update left what they were read from alone (issue 14: the analysis costs
 * what changed). A revision read in full (PdfTuning.takeOver false) is the oracle: every
 * document must give exactly the same result both ways. helpers.parse already compares
 * the two for every test that parses through it; these add the real documents of the
 * repository and updates written to hit what a take-over must notice.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { DEFAULT_LIMITS } from '../../../src/formats/limits.js';
import type { RevisionModel } from '../../../src/formats/pdf/document.js';
import { buildModel } from '../../../src/formats/pdf/document.js';
import { parsePdf } from '../../../src/formats/pdf/index.js';
import type { PdfTuning } from '../../../src/formats/pdf/index.js';
import type { ParsedDocument } from '../../../src/formats/types.js';
import { bytesSource } from '../../../src/io/byte-source.js';
import { portableHashFactory } from '../../../src/io/hash.js';
import { only, openStore, parse, signedBase, updates } from './helpers.js';
import { REAL_WORLD_ABSENT_REASON, realWorldBytes, realWorldEntries, realWorldPresent } from '../../corpus/manifest.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function pdfsUnder(folder: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.pdf')) found.push(path.slice(ROOT.length));
    }
  };
  walk(join(ROOT, folder));
  return found;
}

function parseWith(bytes: Uint8Array, tuning: PdfTuning): Promise<ParsedDocument> {
  return parsePdf(bytesSource(bytes), { hashFactory: portableHashFactory, limits: DEFAULT_LIMITS }, tuning);
}

const DOCUMENTS = [...pdfsUnder('samples'), ...pdfsUnder('test/fixtures'), ...pdfsUnder('test/formats/pdf/fixtures')];

describe('every PDF of the repository reads the same with and without taking revisions over', () => {
  test('there are documents to compare', () => {
    expect(DOCUMENTS.length).toBeGreaterThan(25);
  });
  test.each(DOCUMENTS)('%s', async (path) => {
    const bytes = new Uint8Array(readFileSync(join(ROOT, path)));
    const incremental = await parseWith(bytes, {});
    expect(await parseWith(bytes, { takeOver: false })).toEqual(incremental);
    // With an object cache that holds nothing, what is taken over is read again the same.
    expect(await parseWith(bytes, { maxCachedObjectBytes: 0 })).toEqual(incremental);
  });
});

describe.skipIf(!realWorldPresent)(`every real-world PDF reads the same with and without taking revisions over${realWorldPresent ? '' : ` (skipped: ${REAL_WORLD_ABSENT_REASON})`}`, () => {
  const entries = realWorldPresent ? realWorldEntries('pdf') : [];
  test.each(entries.map((entry) => [entry.file, entry] as const))('%s', async (_file, entry) => {
    const bytes = realWorldBytes(entry);
    expect(await parseWith(bytes, { takeOver: false })).toEqual(await parseWith(bytes, {}));
    expect(await modelsOf(bytes, true)).toEqual(await modelsOf(bytes, false));
  });
});

/**
 * Signed in revision 1: text fields A (/AP /N 10) and B (its /AP an indirect dictionary,
 * 13, showing 12), both on the page, and the signature field.
 */
function twoTextFields(): Uint8Array {
  return signedBase({
    extra: (b) => {
      b.object(3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 8 0 R >> >> /Contents 4 0 R /Annots [5 0 R 20 0 R 21 0 R] >>');
      b.object(6, '<< /Fields [5 0 R 20 0 R 21 0 R] /SigFlags 3 >>');
      b.object(20, '<< /Type /Annot /Subtype /Widget /FT /Tx /T (A) /V (one) /Rect [10 100 110 120] /P 3 0 R /AP << /N 10 0 R >> >>');
      b.object(21, '<< /Type /Annot /Subtype /Widget /FT /Tx /T (B) /V (two) /Rect [10 130 110 150] /P 3 0 R /AP 13 0 R >>');
      b.stream(10, '/Type /XObject /Subtype /Form /BBox [0 0 100 20]', 'BT /F1 10 Tf 2 5 Td (one) Tj ET');
      b.stream(12, '/Type /XObject /Subtype /Form /BBox [0 0 100 20]', 'BT /F1 10 Tf 2 5 Td (two) Tj ET');
      b.object(13, '<< /N 12 0 R >>');
    },
  }).bytes();
}

describe('what an update redefines is read again', () => {
  test('an appearance dictionary re-pointed at another field\'s appearance makes it shared in that revision', async () => {
    // Revision 2 re-points B's (indirect) appearance dictionary at A's appearance stream:
    // B's widget and field objects stay as they were, only 13 is redefined. Revision 3
    // then rewrites that stream: it belongs to A and B now, so no single filling explains it.
    const bytes = updates(
      twoTextFields(),
      40,
      (b) => {
        b.object(13, '<< /N 10 0 R >>');
      },
      (b) => {
        b.stream(10, '/Type /XObject /Subtype /Form /BBox [0 0 100 20]', 'BT /F1 10 Tf 2 5 Td (ONE) Tj ET');
        b.object(20, '<< /Type /Annot /Subtype /Widget /FT /Tx /T (A) /V (ONE) /Rect [10 100 110 120] /P 3 0 R /AP << /N 10 0 R >> >>');
      },
    );
    const signature = only(await parse(bytes));
    expect(signature.modifications?.changes.filter((c) => c.revision === 3 && c.object === '10 0 R')).toEqual([
      { revision: 3, object: '10 0 R', kind: 'other', description: 'appearance of field A (revision 1) changed, after it became appearance of field A, B (revision 2)' },
    ]);
  });
});

describe('a widget merged with its field and without an appearance owns nothing until it has one', () => {
  test('an appearance given to such a widget belongs to its field in the revisions after', async () => {
    // Text field C (22) has no /AP when signed; revision 2 fills it with an appearance (30),
    // revision 3 redraws that appearance. Revision 1's appearance lists skipped C: revision
    // 2's must not be taken over from them, or 30 would belong to no field.
    const base = signedBase({
      extra: (b) => {
        b.object(3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 8 0 R >> >> /Contents 4 0 R /Annots [5 0 R 22 0 R] >>');
        b.object(6, '<< /Fields [5 0 R 22 0 R] /SigFlags 3 >>');
        b.object(22, '<< /Type /Annot /Subtype /Widget /FT /Tx /T (C) /Rect [10 160 110 180] /P 3 0 R >>');
      },
    }).bytes();
    const bytes = updates(
      base,
      40,
      (b) => {
        b.object(22, '<< /Type /Annot /Subtype /Widget /FT /Tx /T (C) /V (three) /Rect [10 160 110 180] /P 3 0 R /AP << /N 30 0 R >> >>');
        b.stream(30, '/Type /XObject /Subtype /Form /BBox [0 0 100 20]', 'BT /F1 10 Tf 2 5 Td (three) Tj ET');
      },
      (b) => {
        b.stream(30, '/Type /XObject /Subtype /Form /BBox [0 0 100 20]', 'BT /F1 10 Tf 2 5 Td (THREE) Tj ET');
      },
    );
    // Redrawn with the same value: not form filling, but C's appearance all the same.
    expect(only(await parse(bytes)).modifications?.changes.filter((c) => c.revision === 3)).toEqual([
      { revision: 3, object: '30 0 R', kind: 'other', description: 'appearance of field C changed while its value stays the same' },
    ]);
  });
});

describe('what an update redefines in the form and on the pages is read again', () => {
  test('a field renamed in one revision is named so when a later revision changes it', async () => {
    const bytes = updates(
      twoTextFields(),
      40,
      (b) => {
        b.object(20, '<< /Type /Annot /Subtype /Widget /FT /Tx /T (Renamed) /V (one) /Rect [10 100 110 120] /P 3 0 R /AP << /N 10 0 R >> >>');
      },
      (b) => {
        b.object(20, '<< /Type /Annot /Subtype /Widget /FT /Tx /T (Renamed) /V (changed) /Rect [10 100 110 120] /P 3 0 R /AP << /N 10 0 R >> >>');
      },
    );
    const signature = only(await parse(bytes));
    expect(signature.modifications?.changes.filter((c) => c.revision === 3)).toEqual([
      { revision: 3, object: '20 0 R', kind: 'form-filling', rule: 'field-value', description: '/V of field Renamed filled in' },
    ]);
  });

  test('a page\'s indirect /Annots array redefined lists the new annotation in that revision', async () => {
    // Revision 1 lists the page's annotations in object 30; revision 2 adds a text note to
    // it (30 redefined, the page left alone); revision 3 rewrites the note.
    const base = signedBase({
      pageExtra: '',
      extra: (b) => {
        b.object(3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 8 0 R >> >> /Contents 4 0 R /Annots 30 0 R >>');
        b.object(30, '[5 0 R]');
      },
    }).bytes();
    const bytes = updates(
      base,
      40,
      (b) => {
        b.object(31, '<< /Type /Annot /Subtype /Text /Rect [0 0 0 0] /Contents (note) >>');
        b.object(30, '[5 0 R 31 0 R]');
      },
      (b) => {
        b.object(31, '<< /Type /Annot /Subtype /Text /Rect [0 0 0 0] /Contents (another note) >>');
      },
    );
    const signature = only(await parse(bytes));
    expect(signature.modifications?.changes.filter((c) => c.revision === 3)).toEqual([
      { revision: 3, object: '31 0 R', kind: 'other', description: 'annotation (Text) on page 1 changed (annotations after signing are not allowed)' },
    ]);
  });

  test('a page added to the page tree in one revision is a page when a later revision changes it', async () => {
    const bytes = updates(
      signedBase().bytes(),
      40,
      (b) => {
        b.object(2, '<< /Type /Pages /Kids [3 0 R 40 0 R] /Count 2 >>');
        b.object(40, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>');
      },
      (b) => {
        b.object(40, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Rotate 90 >>');
      },
    );
    const signature = only(await parse(bytes));
    expect(signature.modifications?.changes.filter((c) => c.revision === 3)).toEqual([
      { revision: 3, object: '40 0 R', kind: 'other', description: '/Rotate of page 2 added' },
    ]);
  });
});

describe('ObjectStore.changedIn names exactly what unchangedBetween calls changed, or nothing', () => {
  async function expectAgreement(bytes: Uint8Array): Promise<(ReadonlySet<number> | undefined)[]> {
    const store = await openStore(bytes);
    const numbers = new Set<number>();
    for (const revision of store.revisions) for (const num of revision.entries.keys()) numbers.add(num);
    const sets: (ReadonlySet<number> | undefined)[] = [];
    for (let revision = 2; revision <= store.revisions.length; revision++) {
      const changed = store.changedIn(revision);
      sets.push(changed);
      if (!changed) continue;
      for (const num of numbers) expect([num, changed.has(num)]).toEqual([num, !store.unchangedBetween(num, revision - 1, revision)]);
    }
    return sets;
  }

  test.each(DOCUMENTS)('%s', async (path) => {
    await expectAgreement(new Uint8Array(readFileSync(join(ROOT, path))));
  });

  test('an update that redefines an object stream changes its members without entries of their own: nothing is named', async () => {
    const builder = signedBase();
    builder.objectStream(20, [[21, '<< /Producer (kyso test) >>']]);
    builder.xrefStream(22, '/Root 1 0 R /Info 21 0 R /Size 23');
    builder.object(24, '<< /Producer (a plain update) >>');
    builder.xrefStream(23, '/Root 1 0 R /Info 24 0 R /Size 25');
    builder.objectStream(20, [[21, '<< /Producer (someone else) >>']]);
    builder.xrefStream(25, '/Root 1 0 R /Info 21 0 R /Size 26');
    const sets = await expectAgreement(builder.bytes());
    // Revisions 2 and 4 write object stream 20; revision 3 only its own objects.
    expect(sets.map((set) => (set ? [...set].sort((a, b) => a - b) : undefined))).toEqual([undefined, [23, 24], undefined]);
  });
});

/** What a model says, in a form toEqual compares exactly (the annotations map has no order). */
function modelFacts(model: RevisionModel): unknown {
  return {
    revision: model.revision,
    rootNum: model.rootNum,
    catalog: model.catalog,
    pages: model.pages,
    pageByNum: [...model.pageByNum],
    pageTreeNodes: [...model.pageTreeNodes].sort((a, b) => a - b),
    acroFormNum: model.acroFormNum,
    fieldsArrayNum: model.fieldsArrayNum,
    fields: model.fields,
    fieldByNum: [...model.fieldByNum.keys()],
    widgetField: [...model.widgetField].map(([num, field]) => [num, field.num, field.name]),
    annotations: [...model.annotations.values()].sort((a, b) => a.num - b.num),
    dssNum: model.dssNum,
    messages: model.messages,
  };
}

async function modelsOf(bytes: Uint8Array, takeOver: boolean): Promise<unknown[]> {
  const store = await openStore(bytes);
  const models: RevisionModel[] = [];
  for (const revision of store.revisions) {
    models.push(await buildModel(store, revision.number, revision.trailer, takeOver ? models[models.length - 1] : undefined));
  }
  return models.map(modelFacts);
}

describe('each revision\'s model is the one a full walk gives', () => {
  test.each(DOCUMENTS)('%s', async (path) => {
    const bytes = new Uint8Array(readFileSync(join(ROOT, path)));
    expect(await modelsOf(bytes, true)).toEqual(await modelsOf(bytes, false));
  });

  test('annotations moved between pages, removed, added and rewritten over revisions', async () => {
    // Two pages; revision 2 moves the note 31 from page 1 to page 2 and adds 32 to page 1;
    // revision 3 lists 32 on page 2 as well, drops it from page 1 and rewrites it as a square;
    // revision 4 lists 31 on page 1 again.
    const base = signedBase({
      extra: (b) => {
        b.object(2, '<< /Type /Pages /Kids [3 0 R 40 0 R] /Count 2 >>');
        b.object(3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Annots [5 0 R 31 0 R] >>');
        b.object(40, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Annots 41 0 R >>');
        b.object(41, '[]');
        b.object(31, '<< /Type /Annot /Subtype /Text /Rect [0 0 0 0] /Contents (note) >>');
      },
    }).bytes();
    const bytes = updates(
      base,
      50,
      (b) => {
        b.object(32, '<< /Type /Annot /Subtype /Text /Rect [0 0 0 0] /Contents (another) >>');
        b.object(3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Annots [5 0 R 32 0 R] >>');
        b.object(41, '[31 0 R]');
      },
      (b) => {
        b.object(3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Annots [5 0 R] >>');
        b.object(41, '[31 0 R 32 0 R]');
        b.object(32, '<< /Type /Annot /Subtype /Square /Rect [0 0 0 0] >>');
      },
      (b) => {
        b.object(3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Annots [5 0 R 31 0 R] >>');
      },
    );
    const models = await modelsOf(bytes, true);
    expect(models).toEqual(await modelsOf(bytes, false));
    const annotations = (models as { annotations: unknown }[]).map((model) => model.annotations);
    expect(annotations).toEqual([
      [{ num: 5, subtype: 'Widget', page: 0 }, { num: 31, subtype: 'Text', page: 0 }],
      [{ num: 5, subtype: 'Widget', page: 0 }, { num: 31, subtype: 'Text', page: 1 }, { num: 32, subtype: 'Text', page: 0 }],
      [{ num: 5, subtype: 'Widget', page: 0 }, { num: 31, subtype: 'Text', page: 1 }, { num: 32, subtype: 'Square', page: 1 }],
      [{ num: 5, subtype: 'Widget', page: 0 }, { num: 31, subtype: 'Text', page: 0 }, { num: 32, subtype: 'Square', page: 1 }],
    ]);
  });
});
