/**
 * The signature maths for each PDF SubFilter, through the CMS layer:
 * - adbe.pkcs7.detached, ETSI.CAdES.detached: a detached CMS over the /ByteRange;
 * - adbe.pkcs7.sha1: a CMS whose encapsulated content is the SHA-1 digest of the
 *   /ByteRange; we compute that digest and verify the CMS against it as content;
 * - ETSI.RFC3161: a document timestamp, an RFC 3161 token over the /ByteRange.
 * Any other SubFilter is reported as a broken signature, never dropped. A /Contents
 * that holds no CMS (a placeholder) is a broken signature, never "unsigned".
 */
import { verifyCmsWithContent, verifyDetachedCms, verifyEncapsulatedDigestCms, verifyTimestampToken } from '../../cms/verify.js';
import type { IntegrityResult, TimestampIntegrity } from '../../cms/types.js';
import { unreadableIntegrity as unreadableCmsIntegrity } from '../../cms/types.js';
import type { ByteSource } from '../../io/byte-source.js';
import type { ByteRange } from '../../io/hash.js';
import { hashRanges } from '../../io/hash.js';
import type { Message } from '../../report/messages.js';
import type { SignatureReport } from '../../report/types.js';
import type { ParseContext } from '../types.js';
import { PDF_MESSAGES } from './messages.js';
import type { FoundSignature } from './signatures.js';
import { nameOf } from './syntax.js';

export const SUPPORTED_SUBFILTERS = ['adbe.pkcs7.detached', 'ETSI.CAdES.detached', 'adbe.pkcs7.sha1', 'ETSI.RFC3161'] as const;
export type SubFilter = (typeof SUPPORTED_SUBFILTERS)[number];

export function subFilterOf(signature: FoundSignature): string | undefined {
  return nameOf(signature.dict.entries.get('SubFilter'));
}

export function isDocumentTimestamp(signature: FoundSignature): boolean {
  return subFilterOf(signature) === 'ETSI.RFC3161' || nameOf(signature.dict.entries.get('Type')) === 'DocTimeStamp';
}

export function reportFormatOf(subFilter: string | undefined): SignatureReport['format'] {
  if (subFilter === 'ETSI.CAdES.detached') return 'pades';
  if (subFilter === 'ETSI.RFC3161') return 'document-timestamp';
  return 'pdf-pkcs7';
}

export interface IntegrityOutcome {
  readonly integrity: IntegrityResult;
  /** For a document timestamp: the token checked against the bytes it covers. */
  readonly timestamp?: TimestampIntegrity;
  readonly formatFailure: boolean;
  readonly messages: readonly Message[];
}

export function unreadableIntegrity(message: Message): IntegrityResult {
  return unreadableCmsIntegrity([message]);
}

export async function checkIntegrity(
  signature: FoundSignature,
  ranges: readonly ByteRange[] | undefined,
  source: ByteSource,
  ctx: ParseContext,
): Promise<IntegrityOutcome> {
  const field = signature.fieldName;
  const subFilter = subFilterOf(signature);
  const broken = (message: Message): IntegrityOutcome => ({ integrity: unreadableIntegrity(message), formatFailure: true, messages: [message] });
  if (signature.unreadable) return broken(signature.unreadable);
  if (!subFilter || !(SUPPORTED_SUBFILTERS as readonly string[]).includes(subFilter)) {
    return broken(PDF_MESSAGES.PDF_UNKNOWN_SUBFILTER({ field, subFilter: subFilter ?? '(none)' }));
  }
  const contents = signature.dict.entries.get('Contents');
  if (contents?.kind !== 'string') return broken(PDF_MESSAGES.PDF_CONTENTS_MISSING({ field }));
  const cms = contents.bytes;
  if (cms.length > ctx.limits.maxCmsBytes) {
    return broken(PDF_MESSAGES.PDF_CMS_TOO_LARGE({ field, size: cms.length, limit: ctx.limits.maxCmsBytes }));
  }
  if (cms.length === 0 || cms[0] !== 0x30) return broken(PDF_MESSAGES.PDF_CONTENTS_NOT_CMS({ field }));
  const options = { hashFactory: ctx.hashFactory, maxCmsBytes: ctx.limits.maxCmsBytes };
  const messages: Message[] = [];

  if (subFilter === 'ETSI.RFC3161') {
    if (!ranges) {
      const [result] = await verifyCmsWithContent(cms, undefined, options);
      return finish(result, undefined);
    }
    const timestamp = await verifyTimestampToken(cms, { source, ranges }, 'document', options);
    // The document's integrity is the imprint: the token's own digest only proves the TSTInfo.
    const intact = timestamp.imprintMatches === 'passed' ? timestamp.token.intact : timestamp.imprintMatches === 'failed' ? 'failed' : 'unknown';
    const integrity: IntegrityResult = {
      ...timestamp.token,
      intact,
      messages: [...timestamp.token.messages, ...timestamp.messages],
    };
    return finish(integrity, timestamp);
  }

  let results: IntegrityResult[];
  if (!ranges) {
    results = await verifyCmsWithContent(cms, undefined, options);
  } else if (subFilter === 'adbe.pkcs7.sha1') {
    const digest = await hashRanges(source, ranges, 'SHA-1', ctx.hashFactory);
    results = await verifyEncapsulatedDigestCms(cms, digest, options);
  } else {
    results = await verifyDetachedCms(cms, { source, ranges }, options);
  }
  const [first] = results;
  if (results.length > 1) {
    messages.push(PDF_MESSAGES.PDF_MULTIPLE_SIGNER_INFOS({ field, count: results.length }));
    return { integrity: { ...first!, wellFormed: false }, formatFailure: true, messages };
  }
  return finish(first, undefined);

  function finish(result: IntegrityResult | undefined, timestamp: TimestampIntegrity | undefined): IntegrityOutcome {
    if (!result || !result.wellFormed) {
      const message = PDF_MESSAGES.PDF_CONTENTS_NOT_CMS({ field });
      return {
        integrity: result ?? unreadableIntegrity(message),
        ...(timestamp ? { timestamp } : {}),
        formatFailure: true,
        messages: [...messages, message],
      };
    }
    return { integrity: result, ...(timestamp ? { timestamp } : {}), formatFailure: false, messages };
  }
}
