/**
 * Format detection from bytes, never from file names or declared content types
 * (edXML senders label ZIPs as PDF).
 */
import type { DocumentFormat } from '../report/types.js';

export { decodePem } from '../io/pem.js';

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
/** PDF readers accept the header anywhere in the first 1024 bytes. */
const PDF_HEADER_WINDOW = 1024;

function startsWith(bytes: Uint8Array, magic: readonly number[], at = 0): boolean {
  if (bytes.length < at + magic.length) return false;
  return magic.every((b, i) => bytes[at + i] === b);
}

function findPdfHeader(head: Uint8Array): boolean {
  const end = Math.min(head.length, PDF_HEADER_WINDOW);
  for (let i = 0; i + PDF_MAGIC.length <= end; i++) if (startsWith(head, PDF_MAGIC, i)) return true;
  return false;
}

/** id-signedData, DER-encoded OID content (1.2.840.113549.1.7.2). */
const SIGNED_DATA_OID = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02];

function looksLikeCmsDer(head: Uint8Array): boolean {
  if (head[0] !== 0x30) return false;
  // The OID follows the outer SEQUENCE header (2 to 6 bytes long).
  for (let i = 2; i <= 6; i++) if (startsWith(head, SIGNED_DATA_OID, i)) return true;
  return false;
}

const PEM_CMS = /^-----BEGIN (PKCS7|CMS|PKCS #7 SIGNED DATA)-----/;

/** Base64 text (no armour) whose first decoded bytes are a CMS SignedData header. */
function looksLikeBase64Cms(text: string): boolean {
  const start = text.replace(/\s+/g, '').slice(0, 32);
  if (start.length < 32 || !/^[A-Za-z0-9+/]+$/.test(start)) return false;
  const binary = atob(start);
  return looksLikeCmsDer(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

/** The start of the document as text: UTF-8, or UTF-16 when a byte-order mark or a `<` pattern says so (XML 1.0 Appendix F). */
function textStart(head: Uint8Array): string {
  let start = 0;
  let encoding = 'utf-8';
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) start = 3;
  else if (head[0] === 0xff && head[1] === 0xfe) [start, encoding] = [2, 'utf-16le'];
  else if (head[0] === 0xfe && head[1] === 0xff) [start, encoding] = [2, 'utf-16be'];
  else if (head[0] === 0x3c && head[1] === 0x00 && head[2] === 0x3f && head[3] === 0x00) encoding = 'utf-16le';
  else if (head[0] === 0x00 && head[1] === 0x3c && head[2] === 0x00 && head[3] === 0x3f) encoding = 'utf-16be';
  return decoder(encoding).decode(head.subarray(start, Math.min(head.length, start + 256))).trimStart();
}

/** One decoder per encoding: a decode without `stream` keeps no state between calls. */
const DECODERS = new Map<string, TextDecoder>();

function decoder(encoding: string): TextDecoder {
  let known = DECODERS.get(encoding);
  if (!known) {
    known = new TextDecoder(encoding, { fatal: false });
    DECODERS.set(encoding, known);
  }
  return known;
}

/** Detects a document's format from its first bytes (at least 1 KiB recommended). */
export function detectFormat(head: Uint8Array): DocumentFormat | 'cms-pem' {
  if (head.length === 0) return 'unknown';
  // The common case, decided at once: a file that starts with %PDF- is no ZIP, no DER (0x30),
  // and as text starts with '%', which is neither PEM, base64 nor XML.
  if (startsWith(head, PDF_MAGIC)) return 'pdf';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) return 'zip';
  if (looksLikeCmsDer(head)) return 'cms';
  const text = textStart(head);
  if (PEM_CMS.test(text) || looksLikeBase64Cms(text)) return 'cms-pem';
  if (text.startsWith('<')) return 'xml';
  if (findPdfHeader(head)) return 'pdf';
  return 'unknown';
}
