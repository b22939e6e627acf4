import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { DEFAULT_LIMITS } from '../../../src/formats/limits.js';
import { InflateBudget } from '../../../src/formats/pdf/decode.js';
import { PdfFile } from '../../../src/formats/pdf/file.js';
import { parsePdf } from '../../../src/formats/pdf/index.js';
import { ObjectStore } from '../../../src/formats/pdf/objects.js';
import { ObjectBudget, readStructure } from '../../../src/formats/pdf/xref.js';
import type { ParseLimits, ParsedDocument, ParsedSignature } from '../../../src/formats/types.js';
import { bytesSource } from '../../../src/io/byte-source.js';
import { portableHashFactory } from '../../../src/io/hash.js';
import type { Message } from '../../../src/report/messages.js';
import { SHARED } from '../../helpers.js';
import { PdfBuilder } from './builder.js';


const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export function sample(name: string): Uint8Array {
  return new Uint8Array(readFileSync(`${ROOT}samples/pdf/${name}`));
}

export function conformance(name: string): Uint8Array {
  return new Uint8Array(readFileSync(`${SHARED}conformance/pdf-coverage/${name}`));
}

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(`${ROOT}test/formats/pdf/fixtures/${name}`));
}

/**
 * Parses the document, and again with every revision read in full (PdfTuning.takeOver
 * false): what a revision takes over from the one before must never change a result, so
 * every test that parses through here also holds the incremental analysis to the full one.
 */
export async function parse(bytes: Uint8Array, limits: Partial<ParseLimits> = {}): Promise<ParsedDocument> {
  const ctx = { hashFactory: portableHashFactory, limits: { ...DEFAULT_LIMITS, ...limits } };
  const document = await parsePdf(bytesSource(bytes), ctx);
  expect(await parsePdf(bytesSource(bytes), ctx, { takeOver: false })).toEqual(document);
  return document;
}

export function codes(messages: readonly Message[]): string[] {
  return messages.map((message) => message.code);
}

export function only(document: ParsedDocument): ParsedSignature {
  expect(document.signatures).toHaveLength(1);
  return document.signatures[0]!;
}

export function byId(document: ParsedDocument, id: string): ParsedSignature {
  const found = document.signatures.find((signature) => signature.id === id);
  if (!found) throw new Error(`no signature ${id} among ${document.signatures.map((s) => s.id).join(', ')}`);
  return found;
}

/** Asserts a signature's coverage level, formatFailure and that its messages include `expectedCodes`. */
export function expectCoverage(signature: ParsedSignature, level: string, formatFailure: boolean, expectedCodes: readonly string[] = []): void {
  expect(signature.coverage?.level).toBe(level);
  expect(signature.formatFailure).toBe(formatFailure);
  expect(codes(signature.messages)).toEqual(expect.arrayContaining([...expectedCodes]));
}

/**
 * A one-page document signed in revision 1 (with a fake, non-CMS /Contents unless
 * given): 1 catalog, 2 pages, 3 page, 4 content, 5 signature field and widget,
 * 6 AcroForm, 7 signature dictionary, 8 font.
 */
export function signedBase(
  options: { signature?: (builder: PdfBuilder) => void; pageExtra?: string; catalogExtra?: string; /** More objects signed in revision 1 (may redefine the ones above). */ extra?: (builder: PdfBuilder) => void } = {},
): PdfBuilder {
  const builder = new PdfBuilder();
  builder.object(1, `<< /Type /Catalog /Pages 2 0 R /AcroForm 6 0 R${options.catalogExtra ?? ''} >>`);
  builder.object(2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>');
  builder.object(
    3,
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 8 0 R >> >> /Contents 4 0 R /Annots [5 0 R]${options.pageExtra ?? ''} >>`,
  );
  builder.stream(4, '', 'BT /F1 12 Tf 72 770 Td (Cong van so 123/UBND-VP) Tj ET');
  builder.object(5, '<< /Type /Annot /Subtype /Widget /FT /Sig /T (Sig1) /Rect [10 20 110 60] /F 132 /P 3 0 R /V 7 0 R >>');
  builder.object(6, '<< /Fields [5 0 R] /SigFlags 3 >>');
  if (options.signature) options.signature(builder);
  else builder.signature(7, { extra: ' /Name (Tester) /Reason (Ky duyet) /Location (Ha Noi) /M (D:20250301160000+07\'00\')' });
  builder.object(8, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  options.extra?.(builder);
  builder.xrefTable(`/Size ${options.extra ? 40 : 9} /Root 1 0 R`);
  return builder;
}

/** The object store parsePdf reads a document through, with the default limits (and a cache bound, when given). */
export async function openStore(bytes: Uint8Array, maxCachedObjectBytes?: number): Promise<ObjectStore> {
  const file = new PdfFile(bytesSource(bytes));
  const limits = DEFAULT_LIMITS;
  const budget = new ObjectBudget(limits.maxPdfObjects);
  const inflateBudget = new InflateBudget(limits.maxInflatedBytes);
  const maxObjectBytes = 2 * limits.maxCmsBytes + (1 << 20);
  const structure = await readStructure(file, { limits, budget, maxObjectBytes, inflateBudget });
  return new ObjectStore(file, structure.revisions, {
    maxObjectBytes,
    maxInflatedBytes: limits.maxInflatedBytes,
    budget,
    hashFactory: portableHashFactory,
    encrypted: false,
    inflateBudget,
    ...(maxCachedObjectBytes === undefined ? {} : { maxCachedObjectBytes }),
  });
}

/** Applies each step as its own incremental update (one xref table each). */
export function updates(base: Uint8Array, size: number, ...steps: readonly ((builder: PdfBuilder) => void)[]): Uint8Array {
  const builder = new PdfBuilder(base);
  for (const step of steps) {
    step(builder);
    builder.xrefTable(`/Root 1 0 R /Size ${size}`);
  }
  return builder.bytes();
}
