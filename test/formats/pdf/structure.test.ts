/**
 * Hostile structure: truncation, broken cross-reference data, /Prev loops, object
 * stream cycles, deflate bombs, huge object numbers, deep nesting, bytes appended
 * without a valid update. Each gives a report with messages, never a crash or a pass.
 */
import { zlibSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import { MAX_PDF_NESTING } from '../../../src/formats/pdf/syntax.js';
import { ascii, PdfBuilder } from './builder.js';
import { byId, codes, expectCoverage, fixture, only, parse, sample, signedBase } from './helpers.js';
import { detail } from '../../helpers.js';

const encoder = new TextEncoder();

function concat(...parts: (Uint8Array | string)[]): Uint8Array {
  const arrays = parts.map((p) => (typeof p === 'string' ? Uint8Array.from(p, (c) => c.charCodeAt(0)) : p));
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  let offset = 0;
  for (const a of arrays) {
    out.set(a, offset);
    offset += a.length;
  }
  return out;
}

describe('revisions and cross-reference structure', () => {
  test('a file that is not a PDF is unreadable, not unsigned', async () => {
    const document = await parse(encoder.encode('hello, this is not a PDF at all\n'));
    expect(document.readable).toBe(false);
    expect(codes(document.messages)).toEqual(expect.arrayContaining(['PDF_NO_STARTXREF', 'PDF_NOT_PDF']));
  });

  test('an empty file is unreadable', async () => {
    const document = await parse(new Uint8Array(0));
    expect(document.readable).toBe(false);
  });

  test('a truncated signed file still reports its signature, as broken', async () => {
    const bytes = sample('person-signed.pdf');
    // Cut inside revision 2's signature /Contents: revision 1 is intact, the rest is not a valid update.
    const document = await parse(bytes.subarray(0, 9000));
    expect(document.readable).toBe(true);
    expect(codes(document.messages)).toContain('PDF_TRAILING_BYTES');
    const signature = only(document);
    // The signature dictionary is cut: it cannot be read, and the signature is broken, not absent.
    expect(signature.id).toBe('SigPerson');
    expectCoverage(signature, 'unclear', true, ['PDF_OBJECT_UNREADABLE']);
  });

  test('a startxref pointing at garbage falls back to a scan; a signature over the whole file stays entire-file', async () => {
    const bytes = sample('person-signed.pdf');
    const text = ascii(bytes);
    const keyword = text.lastIndexOf('startxref');
    const at = keyword + /^startxref\s+/.exec(text.slice(keyword))![0].length;
    const broken = bytes.slice();
    broken.set(encoder.encode('0009'), at); // 9814 -> 0009: inside the header comment
    const document = await parse(broken);
    expect(codes(document.messages)).toEqual(expect.arrayContaining(['PDF_XREF_UNREADABLE', 'PDF_STRUCTURE_RECOVERED']));
    const signature = only(document);
    expectCoverage(signature, 'entire-file', false);
    // The changed startxref digits are themselves signed bytes.
    expect(signature.integrity.intact).toBe('failed');
  });

  test('after a broken update, an earlier signature cannot be shown to be followed by a valid update', async () => {
    const builder = new PdfBuilder(sample('person-signed.pdf'));
    builder.object(11, '<< /Producer (x) >>');
    builder.raw('xref\n0 1\n0000000000 65535 f \n11 1\nGARBAGE\ntrailer\n<< /Root 1 0 R /Size 12 /Prev 9814 >>\n');
    builder.raw(`startxref\n${builder.size - 80}\n%%EOF\n`);
    const document = await parse(builder.bytes());
    expect(codes(document.messages)).toContain('PDF_STRUCTURE_RECOVERED');
    expectCoverage(only(document), 'contiguous-block', true, ['PDF_COVERAGE_RECOVERED_STRUCTURE']);
  });

  test("a writer's startxref a few bytes off under sound pdfsig updates: only the first revision is rebuilt, both signatures keep their revisions", async () => {
    // samples/make-pdf-variety.sh: the base's startxref is 3 bytes short; pdfsig then signed twice.
    const document = await parse(sample('variety/layout-startxref-off-signed-twice.pdf'));
    expect(codes(document.messages)).toEqual(['PDF_FIRST_REVISION_RECOVERED']);
    expect(detail(document, 'recovered')).toBe(false);
    const person = byId(document, 'SigPerson');
    expectCoverage(person, 'entire-revision', false);
    expect(person.coverage?.revision).toBe(2);
    expect(person.modifications?.level).toBe('form-filling');
    expectCoverage(byId(document, 'SigOrganization'), 'entire-file', false);
  });

  test('junk before a signed file written with object streams: the recovered file still shows its signature, which fails', async () => {
    // qpdf keeps the catalog, the fields and the signature dictionary in object streams; pdfsig
    // signed the file. 200 bytes put before it move every offset: pdfsig still finds the signature
    // ("Digest Mismatch"), and kyso read the recovered file as unsigned (NO_SIGNATURE) while the scan
    // indexed only the objects written outside object streams.
    const signed = sample('variety/qpdf-object-streams-signed.pdf');
    const shifted = new Uint8Array(200 + signed.length);
    shifted.fill(0x4a, 0, 199);
    shifted[199] = 0x0a;
    shifted.set(signed, 200);
    const document = await parse(shifted);
    expect(codes(document.messages)).toEqual(['PDF_XREF_UNREADABLE', 'PDF_STRUCTURE_RECOVERED']);
    expect(detail(document, 'recovered')).toBe(true);
    const person = only(document);
    expect(person.id).toBe('SigPerson');
    expect(person.integrity.intact).toBe('failed');
    expect(person.formatFailure).toBe(true);
    expect(codes(person.messages)).toContain('PDF_BYTERANGE_GAP_MISMATCH');
  });

  test('an object stream whose /Type lies past the recovery scan\'s 1 MiB chunk is still read (its head read again)', async () => {
    // The same signed file with a comment line of about 1 MiB put after its header: every offset
    // moves, so the whole file is recovered by scanning it in 1 MiB chunks. The object stream that
    // holds the catalog, the fields and the signature dictionary (object 1, right after the header)
    // now starts 10 bytes before the first chunk ends, and its dictionary names /Type last, as
    // writers that sort keys do: /ObjStm lies beyond the chunk the scan holds, so the object's
    // head is read again from the file to tell.
    const signed = ascii(sample('variety/qpdf-object-streams-signed.pdf'));
    const dictionary = '1 0 obj\n<< /Type /ObjStm /Length 292 /Filter /FlateDecode /N 7 /First 38 >>';
    const objectStream = signed.indexOf(dictionary);
    expect(objectStream).toBeGreaterThan(0);
    const typeLast = `1 0 obj\n<< /Length 292 /Filter /FlateDecode /N 7 /First 38${' '.repeat(60)}/Type /ObjStm >>`;
    const chunkEnd = 1 << 20;
    const comment = `%${'J'.repeat(chunkEnd - 10 - objectStream - 2)}\n`;
    const text = signed.slice(0, objectStream) + comment + typeLast + signed.slice(objectStream + dictionary.length);
    expect(text.indexOf('1 0 obj')).toBe(chunkEnd - 10);
    expect(text.indexOf('/ObjStm')).toBeGreaterThan(chunkEnd + 64);
    const document = await parse(Uint8Array.from(text, (char) => char.charCodeAt(0)));
    expect(codes(document.messages)).toEqual(['PDF_XREF_UNREADABLE', 'PDF_STRUCTURE_RECOVERED']);
    const person = only(document);
    expect(person.id).toBe('SigPerson');
    expect(person.integrity.intact).toBe('failed');
    expect(person.formatFailure).toBe(true);
  });

  test('an update whose /Prev misses the signed revision leaves that revision rebuilt, never a sound signed revision', async () => {
    const bytes = sample('person-signed.pdf');
    const builder = new PdfBuilder(bytes);
    builder.object(11, '<< /Producer (x) >>');
    const text = ascii(bytes);
    const signedXref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)![1]);
    builder.xrefTable('/Root 1 0 R /Size 12', { prev: signedXref - 3 });
    const document = await parse(builder.bytes());
    expect(codes(document.messages)).toContain('PDF_FIRST_REVISION_RECOVERED');
    expectCoverage(only(document), 'contiguous-block', true, ['PDF_COVERAGE_RECOVERED_STRUCTURE']);
  });

  test('an update that uses bytes before any earlier revision end: the whole file is recovered, as before', async () => {
    const bytes = sample('person-signed.pdf');
    const builder = new PdfBuilder(bytes);
    builder.pointAt(1, 15); // the update lists the catalog where revision 1 wrote it
    builder.xrefTable('/Root 1 0 R /Size 12', { prev: 15 });
    const document = await parse(builder.bytes());
    expect(codes(document.messages)).toEqual(expect.arrayContaining(['PDF_XREF_UNREADABLE', 'PDF_STRUCTURE_RECOVERED']));
    expect(codes(document.messages)).not.toContain('PDF_FIRST_REVISION_RECOVERED');
  });

  test('a /Prev chain that loops is detected and reported', async () => {
    const builder = new PdfBuilder(sample('person-signed.pdf'));
    builder.object(11, '<< /Producer (loop) >>');
    const xrefAt = builder.size;
    builder.xrefTable('/Root 1 0 R /Size 12', { prev: xrefAt });
    const document = await parse(builder.bytes());
    expect(codes(document.messages)).toEqual(expect.arrayContaining(['PDF_XREF_PREV_LOOP', 'PDF_STRUCTURE_RECOVERED']));
    expect(only(document).formatFailure).toBe(true);
  });

  test('an update whose cross-reference section lies inside the previous revision is not a valid update', async () => {
    const bytes = sample('person-signed.pdf');
    // A new update whose /Prev is the real last section but whose own section sits at offset 1003 (revision 1's table).
    const builder = new PdfBuilder(bytes);
    builder.raw('\n');
    builder.raw(`startxref\n1003\n%%EOF\n`);
    const document = await parse(builder.bytes());
    expect(document.readable).toBe(true);
    expect(codes(document.messages)).toContain('PDF_TRAILING_BYTES');
    // Revision 2 is no longer chained: the signature's range ends inside bytes that are not a valid update.
    expectCoverage(only(document), 'contiguous-block', true, ['PDF_COVERAGE_NOT_REVISION_END']);
  });

  test('objects appended after %%EOF without a cross-reference section (incremental saving attack) never pass', async () => {
    const bytes = sample('person-signed.pdf');
    const attacked = concat(bytes, '3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R >>\nendobj\n');
    const document = await parse(attacked);
    expect(codes(document.messages)).toContain('PDF_TRAILING_BYTES');
    const signature = only(document);
    expectCoverage(signature, 'contiguous-block', true, ['PDF_COVERAGE_INVALID_UPDATES']);
    // The appended page is compared like any update: it replaces the signed page.
    expect(signature.modifications?.level).toBe('other');
    expect(signature.modifications?.changes).toContainEqual(expect.objectContaining({ revision: 3, object: '3 0 R', kind: 'other' }));
    const revisions = detail(document, 'revisions') as { unterminated?: boolean }[];
    expect(revisions[2]?.unterminated).toBe(true);
  });

  test('trailing whitespace after the last %%EOF is harmless: entire revision, no failure', async () => {
    const document = await parse(concat(sample('person-signed.pdf'), '\r\n\n  \n'));
    expect(codes(document.messages)).toContain('PDF_TRAILING_WHITESPACE');
    expectCoverage(only(document), 'entire-revision', false);
  });

  test('cross-reference streams and object streams (qpdf) are read like tables', async () => {
    const document = await parse(fixture('unsigned-object-streams.pdf'));
    expect(document.readable).toBe(true);
    expect(detail(document, 'emptySignatureFields')).toEqual(['SigPerson', 'SigOrganization']);
    const revisions = detail(document, 'revisions') as { sections: { kind: string }[] }[];
    expect(revisions).toHaveLength(1);
    expect(revisions[0]!.sections[0]!.kind).toBe('stream');
  });

  test('a linearised file (qpdf) is one revision made of two sections', async () => {
    const document = await parse(fixture('unsigned-linearized.pdf'));
    expect(document.readable).toBe(true);
    const revisions = detail(document, 'revisions') as { sections: unknown[] }[];
    expect(revisions).toHaveLength(1);
    expect(revisions[0]!.sections).toHaveLength(2);
    expect(detail(document, 'emptySignatureFields')).toEqual(['SigPerson', 'SigOrganization']);
  });

  test('an update appended to a linearised file is revision 2', async () => {
    const base = fixture('unsigned-linearized.pdf');
    const builder = new PdfBuilder(base);
    const root = /\/Root (\d+) 0 R/.exec(ascii(base))![1];
    builder.object(40, '<< /Producer (kyso test) >>');
    builder.xrefTable(`/Root ${root} 0 R /Info 40 0 R /Size 41`);
    const document = await parse(builder.bytes());
    expect(codes(document.messages)).toEqual([]);
    const revisions = detail(document, 'revisions') as { sections: unknown[] }[];
    expect(revisions.map((r) => r.sections.length)).toEqual([2, 1]);
    expect(detail(document, 'emptySignatureFields')).toEqual(['SigPerson', 'SigOrganization']);
  });

  test('a hybrid file (table plus /XRefStm) finds the objects only the stream lists', async () => {
    const builder = new PdfBuilder();
    const at = new Map<number, number>();
    at.set(1, builder.object(1, '<< /Type /Catalog /Pages 2 0 R /AcroForm 6 0 R >>'));
    at.set(2, builder.object(2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>'));
    at.set(3, builder.object(3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>'));
    at.set(9, builder.objectStream(9, [[6, '<< /Fields [7 0 R] >>'], [7, '<< /FT /Sig /T (InStream) >>']]));
    // The hidden stream lists only the compressed objects; the table marks them free.
    const streamAt = rawXrefStream(builder, 10, [6, 2], [[2, ...be32(9), 0, 0], [2, ...be32(9), 0, 1]], '');
    const tableAt = builder.size;
    builder.raw('xref\n0 4\n0000000000 65535 f \n');
    for (const num of [1, 2, 3]) builder.raw(`${String(at.get(num)).padStart(10, '0')} 00000 n \n`);
    builder.raw(`6 2\n0000000000 65535 f \n0000000000 65535 f \n9 1\n${String(at.get(9)).padStart(10, '0')} 00000 n \n`);
    builder.raw(`trailer\n<< /Root 1 0 R /Size 11 /XRefStm ${streamAt} >>\nstartxref\n${tableAt}\n%%EOF\n`);
    const document = await parse(builder.bytes());
    expect(document.readable).toBe(true);
    expect(detail(document, 'emptySignatureFields')).toEqual(['InStream']);
  });
});

describe('hostile objects', () => {
  test('object streams that contain each other are a cycle, reported, not followed', async () => {
    const builder = new PdfBuilder();
    const catalogAt = builder.object(1, '<< /Type /Catalog /Pages 2 0 R /AcroForm 20 0 R >>');
    const pagesAt = builder.object(2, '<< /Type /Pages /Kids [] /Count 0 >>');
    // 20 is in object stream 21, and 21 is in object stream 20.
    const rows = [
      [1, ...be32(catalogAt), 0, 0],
      [1, ...be32(pagesAt), 0, 0],
      [2, ...be32(21), 0, 0],
      [2, ...be32(20), 0, 0],
    ];
    const xrefAt = rawXrefStream(builder, 22, [1, 2, 20, 2], rows, ' /Root 1 0 R');
    builder.raw(`startxref\n${xrefAt}\n%%EOF\n`);
    const document = await parse(builder.bytes());
    expect(document.readable).toBe(true);
    expect(codes(document.messages)).toContain('PDF_OBJECT_STREAM_CYCLE');
  });

  test('a stream whose /Length refers to itself is a cycle', async () => {
    const builder = new PdfBuilder();
    builder.object(1, '<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [3 0 R] >> >>');
    builder.object(2, '<< /Type /Pages /Kids [] /Count 0 >>');
    builder.stream(3, '/FT /Sig /T (Loop)', 'data', { length: '3 0 R' });
    builder.xrefTable('/Root 1 0 R /Size 4');
    const document = await parse(builder.bytes());
    expect(document.readable).toBe(true);
    expect(codes(document.messages)).toContain('PDF_OBJECT_STREAM_CYCLE');
  });

  test('a deflate bomb in an object stream is refused at the inflate limit', async () => {
    const limit = 1 << 20;
    const bomb = zlibSync(new Uint8Array(8 << 20), { level: 9 });
    const builder = new PdfBuilder();
    const catalogAt = builder.object(1, '<< /Type /Catalog /Pages 2 0 R /AcroForm 6 0 R >>');
    const pagesAt = builder.object(2, '<< /Type /Pages /Kids [] /Count 0 >>');
    const bombAt = builder.raw(`9 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${bomb.length} >>\nstream\n`);
    builder.raw(bomb);
    builder.raw('\nendstream\nendobj\n');
    const rows = [
      [1, ...be32(catalogAt), 0, 0],
      [1, ...be32(pagesAt), 0, 0],
      [2, ...be32(9), 0, 0],
      [1, ...be32(bombAt), 0, 0],
    ];
    const xrefAt = rawXrefStream(builder, 10, [1, 2, 6, 1, 9, 1], rows, ' /Root 1 0 R');
    builder.raw(`startxref\n${xrefAt}\n%%EOF\n`);
    const document = await parse(builder.bytes(), { maxInflatedBytes: limit });
    expect(document.readable).toBe(true);
    const inflate = document.messages.find((m) => m.code === 'PDF_INFLATE_LIMIT');
    expect(inflate?.params).toEqual({ object: '9 0 R', limit });
  });

  test('huge object numbers in a cross-reference table are refused, and the file is scanned instead', async () => {
    const builder = new PdfBuilder();
    builder.object(1, '<< /Type /Catalog /Pages 2 0 R >>');
    builder.object(2, '<< /Type /Pages /Kids [] /Count 0 >>');
    const xrefAt = builder.size;
    builder.raw('xref\n0 1\n0000000000 65535 f \n4294967294 2\n0000000015 00000 n \n0000000015 00000 n \n');
    builder.raw(`trailer\n<< /Root 1 0 R /Size 3 >>\nstartxref\n${xrefAt}\n%%EOF\n`);
    const document = await parse(builder.bytes());
    expect(document.readable).toBe(true);
    expect(codes(document.messages)).toEqual(expect.arrayContaining(['PDF_XREF_UNREADABLE', 'PDF_STRUCTURE_RECOVERED']));
  });

  test.each([
    [MAX_PDF_NESTING, false],
    [MAX_PDF_NESTING + 1, true],
  ])('an object nested %i levels deep (its own dictionary included): refused = %s', async (depth, refused) => {
    const deep = '['.repeat(depth - 1) + ']'.repeat(depth - 1);
    const builder = signedBase({ catalogExtra: ` /Deep ${deep}` });
    const document = await parse(builder.bytes());
    expect(document.readable).toBe(true);
    expect(codes(document.messages).includes('PDF_NESTING_TOO_DEEP')).toBe(refused);
    // When the catalog cannot be read, the signature field is not reachable: nothing passes.
    if (refused) expect(document.signatures).toHaveLength(0);
    else expect(document.signatures).toHaveLength(1);
  });

  // Was "an encrypted document is reported as such" with its signature listed and its strings
  // unread: kyso now opens the standard security handler (crypt.ts), and one it cannot open (here
  // no /ID to derive the key from) leaves the signed content unread: no signature is judged and
  // the document is INDETERMINATE (test/verify/pdf-encrypted.test.ts has the real ones).
  test('an encrypted document kyso cannot open is reported as such, its signed data unavailable', async () => {
    const builder = signedBase();
    const bytes = builder.bytes();
    const text = ascii(bytes);
    const at = text.lastIndexOf('/Root 1 0 R');
    const encrypted = concat(bytes.subarray(0, at), '/Encrypt << /Filter /Standard /V 2 /R 3 /O <00> /U <00> /P -4 >> ', bytes.subarray(at));
    // The trailer moved by the inserted text; startxref still points at the table, which precedes it.
    const document = await parse(encrypted);
    expect(detail(document, 'encrypted')).toBe(true);
    expect(codes(document.messages)).toContain('PDF_ENCRYPTED_UNSUPPORTED');
    expect(document.signedDataUnavailable).toBe(true);
    expect(document.signatures).toEqual([]);
  });
});

/** Writes a cross-reference stream object by hand (no startxref): /W [1 4 2], uncompressed rows. */
function rawXrefStream(builder: PdfBuilder, num: number, index: readonly number[], rows: readonly number[][], extra: string): number {
  const data = Uint8Array.from(rows.flat());
  const offset = builder.raw(`${num} 0 obj\n<< /Type /XRef /W [1 4 2] /Index [${index.join(' ')}] /Size ${num + 1}${extra} /Length ${data.length} >>\nstream\n`);
  builder.raw(data);
  builder.raw('\nendstream\nendobj\n');
  return offset;
}

function be32(value: number): number[] {
  return [(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
}

describe('bounded work', () => {
  test('thousands of streams without endstream do not each scan to the end of the file', async () => {
    const count = 3000;
    const builder = new PdfBuilder();
    builder.object(1, '<< /Type /Catalog /Pages 2 0 R /AcroForm 6 0 R /Names 10 0 R >>');
    builder.object(2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>');
    builder.object(3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] /Annots [5 0 R] >>');
    builder.object(5, '<< /Type /Annot /Subtype /Widget /FT /Sig /T (Sig1) /Rect [0 0 0 0] /P 3 0 R /V 7 0 R >>');
    builder.object(6, '<< /Fields [5 0 R] >>');
    builder.signature(7);
    // A chain of streams whose /Length is wrong and which never end.
    for (let i = 0; i < count; i++) {
      const at = builder.raw(`${10 + i} 0 obj\n<< /Length 999999999 /Next ${11 + i} 0 R >>\nstream\n${'x'.repeat(200)}\n`);
      builder.pointAt(10 + i, at);
    }
    builder.raw('x'.repeat(1 << 20) + '\n');
    builder.xrefTable(`/Root 1 0 R /Size ${10 + count}`);
    // A later revision with a new object, so that the whole document is walked.
    builder.object(1, '<< /Type /Catalog /Pages 2 0 R /AcroForm 6 0 R /Names 10 0 R /Extra 8 0 R >>');
    builder.object(8, '<< /New true >>');
    builder.xrefTable(`/Root 1 0 R /Size ${10 + count}`);
    const document = await parse(builder.bytes());
    expect(document.readable).toBe(true);
    expect(only(document).modifications?.level).toBe('other');
  });
});
