/**
 * A timestamp is a signature in its own right: its token must be intact and valid,
 * its imprint must match what it covers, and its TSA certificate must chain to an
 * anchor with id-kp-timeStamping.
 */
import type { TimestampIntegrity } from '../cms/types.js';
import { describeCertificate } from '../pki/describe.js';
import { deriveIndication } from './derive.js';
import { judgeAlgorithms, revocationSignerUses } from './algorithm-policy.js';
import type { TimestampReport } from '../report/types.js';
import type { ValidationContext } from './context.js';
import { isoTime } from '../report/iso-time.js';

export async function evaluateTimestamp(
  timestamp: TimestampIntegrity,
  context: ValidationContext,
  extraCertificates: readonly Uint8Array[] = [],
): Promise<TimestampReport> {
  const token = timestamp.token;
  const path = token.signerCertificate
    ? await context.validatePath({
        leaf: token.signerCertificate,
        intermediates: [...token.certificates, ...extraCertificates, ...context.intermediates],
        trustAnchors: context.anchors,
        anchorConstraints: context.anchorConstraints,
        at: context.at,
        now: context.at,
        revocation: { embedded: token.revocation, supplied: context.supplied },
        revocationMode: context.revocationMode === 'require' ? 'require' : 'if-available',
        usage: 'timestamping',
        ...(context.fetcher ? { fetcher: context.fetcher } : {}),
      })
    : undefined;
  const tsa = token.signerCertificate ? describeCertificate(token.signerCertificate, 'document') : undefined;
  const algorithms = timestamp.genTime
    ? judgeAlgorithms(
        [
          { what: { vi: 'Dấu thời gian', en: 'The timestamp' }, ...(token.digestAlgorithm ? { digest: token.digestAlgorithm } : {}), ...(tsa ? { publicKey: tsa.publicKey } : {}) },
          ...(token.signatureAlgorithm ? [{ what: { vi: 'Dấu thời gian', en: 'The timestamp' }, digest: token.signatureAlgorithm }] : []),
          // The TSA's CAs below the anchor, and who signed the revocation data for them: key sizes.
          ...(path?.status === 'valid'
            ? path.path
                .filter((c) => c.role === 'intermediate')
                .map((c) => describeCertificate(c.der))
                .map((info) => ({ what: { vi: `Chứng thư ${info.subject}`, en: `Certificate ${info.subject}` }, publicKey: info.publicKey }))
            : []),
          ...revocationSignerUses(path),
        ],
        timestamp.genTime,
        context.algorithmPolicy,
      )
    : { judgement: 'acceptable' as const, messages: [] };
  const verdict = deriveIndication({
    wellFormed: token.wellFormed && timestamp.genTime !== undefined,
    intact: timestamp.imprintMatches === 'failed' ? 'failed' : token.intact,
    valid: token.valid,
    ...(token.unknownReason ? { unknownReason: token.unknownReason } : {}),
    signerIdentification: token.signerIdentification,
    ...(path ? { path: { status: path.status, ...(path.subIndication ? { subIndication: path.subIndication } : {}) } } : {}),
    algorithms: algorithms.judgement,
  });
  return {
    kind: timestamp.kind,
    genTime: timestamp.genTime ? isoTime(timestamp.genTime) : '',
    indication: verdict.indication,
    ...(verdict.subIndication ? { subIndication: verdict.subIndication } : {}),
    intact: timestamp.imprintMatches === 'failed' ? 'failed' : token.intact,
    valid: token.valid,
    trusted: path ? (path.status === 'valid' ? 'passed' : 'failed') : 'unknown',
    ...(tsa ? { tsa } : {}),
    chain: path && path.status === 'valid' ? path.path.map((c) => describeCertificate(c.der, c.source === 'anchor' ? 'trust-store' : 'document')) : [],
    ...(token.digestAlgorithm ? { digestAlgorithm: token.digestAlgorithm } : {}),
    messages: [...timestamp.messages, ...token.messages, ...(path?.messages ?? []), ...algorithms.messages],
  };
}
