/**
 * A CMS document: a detached .p7s (the content comes from the caller) or an
 * attached one (the content is inside). One ParsedSignature per SignerInfo.
 */
import { verifyCmsWithContent, verifyDetachedCms } from '../../cms/verify.js';
import { CMS_MESSAGES } from '../../cms/messages.js';
import type { IntegrityResult } from '../../cms/types.js';
import type { ByteSource } from '../../io/byte-source.js';
import type { ParseContext, ParsedDocument, ParsedSignature } from '../types.js';

function signatureFormat(result: IntegrityResult): 'cms' | 'cades' {
  return result.certificateBinding === 'none' ? 'cms' : 'cades';
}

/**
 * A SignerInfo and, after it, its CAdES counter-signatures (and theirs), each named under
 * its parent: `signer-1`, `signer-1-counter-1`, `signer-1-counter-1-counter-1`.
 */
function withCounterSignatures(integrity: IntegrityResult, id: string, detached: boolean, parent?: string): ParsedSignature[] {
  const { counterSignatures = [], ...own } = integrity;
  const signature: ParsedSignature = {
    id,
    format: signatureFormat(own),
    integrity: own,
    formatFailure: false,
    details: { kind: 'cms' as const, detached },
    ...(parent !== undefined ? { counterSignatureOf: parent } : {}),
    messages: [],
  };
  return [signature, ...counterSignatures.flatMap((counter, index) => withCounterSignatures(counter, `${id}-counter-${index + 1}`, detached, id))];
}

export async function parseCms(cms: Uint8Array, ctx: ParseContext): Promise<ParsedDocument> {
  const options = {
    hashFactory: ctx.hashFactory,
    maxCmsBytes: ctx.limits.maxCmsBytes,
    maxContentBytes: ctx.limits.maxDocumentBytes,
    ...(ctx.timestampCertificates ? { timestampCertificates: ctx.timestampCertificates } : {}),
  };
  const content: ByteSource | undefined = ctx.content;
  const results = content
    ? await verifyDetachedCms(cms, { source: content, ranges: [{ offset: 0, length: content.size }] }, options)
    : await verifyCmsWithContent(cms, undefined, options);
  const readable = !(results.length === 1 && !results[0]!.wellFormed && results[0]!.signerIdentification === 'not-found' && results[0]!.certificates.length === 0);
  // A SignedData with no SignerInfo is RFC 5652 §5.2's degenerate case: a certificate (and
  // CRL) bundle, as `openssl crl2pkcs7` makes. It signs nothing, so it is a document without
  // a signature, like an unsigned PDF, not a broken signature.
  if (!readable && results[0]!.messages.length === 1 && results[0]!.messages[0]!.code === 'CMS_NO_SIGNER') {
    return { format: 'cms', readable: true, signatures: [], attachments: [], details: { kind: 'cms', detached: content !== undefined }, messages: [CMS_MESSAGES.CMS_CERTIFICATES_ONLY()] };
  }
  return {
    format: 'cms',
    readable,
    signatures: readable ? results.flatMap((integrity, index) => withCounterSignatures(integrity, `signer-${index + 1}`, content !== undefined)) : [],
    attachments: [],
    details: { kind: 'cms', detached: content !== undefined },
    messages: readable ? [] : results[0]!.messages,
  };
}
