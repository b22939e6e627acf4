/**
 * The verdict on a document kyso refused to read (a parser's refusal, or a bound verify()
 * applies before parsing), from the reasons given. One table, so that "cannot check" and
 * "checked and wrong" are told apart in one place (something kyso does not
 * support is INDETERMINATE, never TOTAL_FAILED):
 *
 * - `malformed`: kyso proved the document broken (not DER, not well-formed XML, a damaged
 *   or ambiguous ZIP, no PDF structure): TOTAL_FAILED/FORMAT_FAILURE.
 * - an INDETERMINATE sub-indication: kyso stopped before it could look at any signature —
 *   a bound was hit (size, depth, count, inflation), an encoding or feature is not
 *   supported, or a construct is refused for safety (DTDs). The signed data was never
 *   obtained: SIGNED_DATA_NOT_FOUND, the sub-indication kyso gives a signature whose signed
 *   data hit a work limit (XML_WORK_LIMIT) or is encrypted (PDF_ENCRYPTED_PASSWORD).
 *
 * A code missing from the table counts as `malformed`: a refusal nobody sorted stays
 * failed, as before this table existed. test/validation/refusals.test.ts pins the table.
 */
import type { IndeterminateSubIndication } from '../report/indications.js';
import type { Message, MessageCode } from '../report/messages.js';

export type RefusalClass = 'malformed' | IndeterminateSubIndication;

export const REFUSALS: Readonly<Partial<Record<MessageCode, RefusalClass>>> = {
  // verify() itself.
  DOC_TOO_LARGE: 'SIGNED_DATA_NOT_FOUND',
  DOC_UNREADABLE: 'malformed',
  // CMS (src/cms/signed-data.ts).
  CMS_TOO_LARGE: 'SIGNED_DATA_NOT_FOUND',
  CMS_TOO_MANY_SIGNERS: 'SIGNED_DATA_NOT_FOUND',
  CMS_TOO_MANY_ELEMENTS: 'SIGNED_DATA_NOT_FOUND',
  // Another CMS content type (EnvelopedData: encrypted; AuthenticatedData ...): not a signature kyso reads.
  CMS_NOT_SIGNED_DATA: 'SIGNED_DATA_NOT_FOUND',
  CMS_NOT_DER: 'malformed',
  CMS_TRAILING_BYTES: 'malformed',
  CMS_CONTENT_CONFLICT: 'malformed',
  // XML (src/formats/xml/parse.ts, prescan.ts).
  XML_TOO_LARGE: 'SIGNED_DATA_NOT_FOUND',
  XML_TOO_DEEP: 'SIGNED_DATA_NOT_FOUND',
  XML_TOO_MANY_NODES: 'SIGNED_DATA_NOT_FOUND',
  XML_TOO_MANY_NAMESPACES: 'SIGNED_DATA_NOT_FOUND',
  // Refused for safety, not shown wrong: a DTD may be harmless, kyso never reads one.
  XML_DOCTYPE_REFUSED: 'SIGNED_DATA_NOT_FOUND',
  // Bytes kyso cannot decode as text: what the signer's software read from them is unknown
  // (a legacy Vietnamese encoding mislabelled as UTF-8 is the usual cause).
  XML_ENCODING_UNSUPPORTED: 'SIGNED_DATA_NOT_FOUND',
  XML_ENCODING_INVALID: 'SIGNED_DATA_NOT_FOUND',
  XML_UTF8_INVALID: 'SIGNED_DATA_NOT_FOUND',
  XML_MALFORMED: 'malformed',
  XML_NOT_ONE_ROOT: 'malformed',
  XML_CONTENT_OUTSIDE_ROOT: 'malformed',
  XML_ILLEGAL_CHARACTER: 'malformed',
  // Outside a DTD (a DOCTYPE is refused before them) these break well-formedness (XML 1.0 WFC: Entity Declared).
  XML_ENTITY_REFUSED: 'malformed',
  XML_DECLARATION_REFUSED: 'malformed',
  // edXML.
  EDXML_NO_HEADER: 'malformed',
  // An attachment with two payloads: which document the package carries cannot be told.
  EDXML_ATTACHMENT_AMBIGUOUS: 'malformed',
  // ZIP (src/formats/zip).
  ZIP_TOO_MANY_ENTRIES: 'SIGNED_DATA_NOT_FOUND',
  ZIP_ENTRY_TOO_LARGE: 'SIGNED_DATA_NOT_FOUND',
  ZIP_TOTAL_TOO_LARGE: 'SIGNED_DATA_NOT_FOUND',
  ZIP_NESTED_TOO_MANY_ENTRIES: 'SIGNED_DATA_NOT_FOUND',
  ZIP_NESTED_TOTAL_TOO_LARGE: 'SIGNED_DATA_NOT_FOUND',
  ZIP_UNSUPPORTED: 'SIGNED_DATA_NOT_FOUND',
  ZIP_UNSUPPORTED_METHOD: 'SIGNED_DATA_NOT_FOUND',
  ZIP_ENCRYPTED_ENTRY: 'SIGNED_DATA_NOT_FOUND',
  ZIP_NO_END_RECORD: 'malformed',
  ZIP_MALFORMED: 'malformed',
  ZIP_ENTRY_CORRUPT: 'malformed',
  // Two readings of one archive: what it carries cannot be told, on purpose of whoever made it.
  ZIP_DUPLICATE_NAME: 'malformed',
  ZIP_UNLISTED_DATA: 'malformed',
  ZIP_LOCAL_HEADER_MISMATCH: 'malformed',
  // PDF (src/formats/pdf: a document refused as a whole).
  PDF_TOO_LARGE: 'SIGNED_DATA_NOT_FOUND',
  PDF_TOO_MANY_REVISIONS: 'SIGNED_DATA_NOT_FOUND',
  PDF_TOO_MANY_OBJECTS: 'SIGNED_DATA_NOT_FOUND',
  PDF_INFLATE_LIMIT: 'SIGNED_DATA_NOT_FOUND',
  PDF_INFLATE_TOTAL_LIMIT: 'SIGNED_DATA_NOT_FOUND',
  PDF_INFLATE_NESTED_TOTAL_LIMIT: 'SIGNED_DATA_NOT_FOUND',
  PDF_INFLATE_WORK_LIMIT: 'SIGNED_DATA_NOT_FOUND',
  PDF_NESTING_TOO_DEEP: 'SIGNED_DATA_NOT_FOUND',
  PDF_UNSUPPORTED_FILTER: 'SIGNED_DATA_NOT_FOUND',
  PDF_ENCRYPTED_UNREADABLE: 'SIGNED_DATA_NOT_FOUND',
  PDF_ENCRYPTED_UNSUPPORTED: 'SIGNED_DATA_NOT_FOUND',
  PDF_ENCRYPTED_PASSWORD: 'SIGNED_DATA_NOT_FOUND',
  PDF_ENCRYPTED_WRONG_PASSWORD: 'SIGNED_DATA_NOT_FOUND',
  PDF_ENCRYPTED_PASSWORD_LIMIT: 'SIGNED_DATA_NOT_FOUND',
  PDF_NOT_PDF: 'malformed',
  PDF_NO_STARTXREF: 'malformed',
  PDF_XREF_UNREADABLE: 'malformed',
  PDF_XREF_PREV_LOOP: 'malformed',
  PDF_STRUCTURE_RECOVERED: 'malformed',
  PDF_OBJECT_UNREADABLE: 'malformed',
  PDF_OBJECT_STREAM_CYCLE: 'malformed',
};

export type RefusalVerdict =
  | { readonly indication: 'TOTAL_FAILED'; readonly subIndication: 'FORMAT_FAILURE' }
  | { readonly indication: 'INDETERMINATE'; readonly subIndication: IndeterminateSubIndication };

const FAILED: RefusalVerdict = { indication: 'TOTAL_FAILED', subIndication: 'FORMAT_FAILURE' };

/**
 * The verdict on a refused document from its messages. Only errors give reasons (warnings
 * and notes leave the verdict alone). One reason that proves the document broken fails it,
 * whatever else stopped the reading; otherwise the first "cannot check" reason decides;
 * with no reason sorted at all, the document fails, as a refusal always did.
 */
export function refusalVerdict(messages: readonly Message[]): RefusalVerdict {
  let cannotCheck: IndeterminateSubIndication | undefined;
  for (const message of messages) {
    if (message.severity !== 'error') continue;
    const sorted = REFUSALS[message.code] ?? 'malformed';
    if (sorted === 'malformed') return FAILED;
    cannotCheck ??= sorted;
  }
  return cannotCheck ? { indication: 'INDETERMINATE', subIndication: cannotCheck } : FAILED;
}
