/**
 * Metadata counts as signed only if a signature that covers it passed in full
 * (what is reported as signed is exactly what the signature covers).
 * The edXML parser says which signatures' references contain each field; here a field
 * stays `covered` only if one of those signatures is TOTAL_PASSED, trust included. The same
 * holds for the manifest that lists attachments the package does not carry.
 */
import type { DocumentDetails, EdxmlMetadata, EdxmlMetadataField } from '../report/details.js';
import type { SignatureReport } from '../report/types.js';

export function confirmSignedMetadata(details: DocumentDetails | undefined, signatures: readonly SignatureReport[]): DocumentDetails | undefined {
  if (details?.kind !== 'edxml') return details;
  const passed = new Set(signatures.filter((s) => s.indication === 'TOTAL_PASSED').map((s) => s.id));
  const confirm = <T>(facts: EdxmlMetadataField<T>): EdxmlMetadataField<T> => {
    const signedBy = facts.insideReferenceOf.filter((id) => passed.has(id));
    return { ...facts, covered: facts.covered && signedBy.length > 0, signedBy };
  };
  const m = details.metadata;
  const metadata: EdxmlMetadata = {
    senderOrganId: confirm(m.senderOrganId),
    promulgationDate: confirm(m.promulgationDate),
    documentType: confirm(m.documentType),
    codeNumber: confirm(m.codeNumber),
    codeNotation: confirm(m.codeNotation),
    subject: confirm(m.subject),
  };
  return { ...details, metadata, ...(details.missingAttachments ? { missingAttachments: confirm(details.missingAttachments) } : {}) };
}
