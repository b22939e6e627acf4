/**
 * Metadata counts as signed only if a signature that covers it passed in full
 * (what is reported as signed is exactly what the signature covers).
 * The edXML parser says which signatures verified, sign each field whole and (for a header
 * field) bind every attachment; here a field stays `covered` only if one of those very
 * signatures is TOTAL_PASSED, trust included. The same
 * holds for the manifest that lists attachments the package does not carry.
 */
import type { DocumentDetails, EdxmlMetadata, EdxmlMetadataField } from '../report/details.js';
import type { SignatureReport } from '../report/types.js';

export function confirmSignedMetadata(details: DocumentDetails | undefined, signatures: readonly SignatureReport[]): DocumentDetails | undefined {
  if (details?.kind !== 'edxml') return details;
  // By position: the signature that binds the field must be the one that passed, not another with its Id.
  const confirm = <T>(facts: EdxmlMetadataField<T>): EdxmlMetadataField<T> => {
    const passing = facts.bindingSignatures.filter((position) => signatures[position]?.indication === 'TOTAL_PASSED');
    const signedBy = [...new Set(passing.map((position) => signatures[position]!.id))];
    return { ...facts, covered: facts.covered && passing.length > 0, signedBy };
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
