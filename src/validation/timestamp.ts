/**
 * A timestamp is a signature in its own right: its token must be intact and valid,
 * its imprint must match what it covers, and its TSA certificate must chain to an
 * anchor with id-kp-timeStamping.
 */
import { computedImprintAlgorithm, imprintIntegrity, type TimestampIntegrity } from '../cms/types.js';
import { describeCertificate } from '../pki/describe.js';
import { deriveIndication } from './derive.js';
import { judgeAlgorithms, revocationSignerUses } from './algorithm-policy.js';
import type { CertificateInfo, TimestampReport } from '../report/types.js';
import type { PathCertificate } from '../pki/types.js';
import type { AlgorithmUse } from './algorithm-policy.js';
import type { ValidationContext } from './context.js';
import { isoTime } from '../report/iso-time.js';

/*
 * Arrays built by pushing, not by map: V8's optimised `map` returns arrays of another
 * elements kind than the unoptimised one, and their readers' compiled code was thrown
 * away when the second kind arrived.
 */
function intermediateUses(path: readonly PathCertificate[]): AlgorithmUse[] {
  const out: AlgorithmUse[] = [];
  for (const c of path) {
    if (c.role !== 'intermediate') continue;
    const info = describeCertificate(c.der);
    out.push({ what: { vi: `Chứng thư ${info.subject}`, en: `Certificate ${info.subject}` }, publicKey: info.publicKey });
  }
  return out;
}

function describeChain(path: readonly PathCertificate[]): CertificateInfo[] {
  const out: CertificateInfo[] = [];
  for (const c of path) out.push(describeCertificate(c.der, c.source === 'anchor' ? 'trust-store' : 'document'));
  return out;
}

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
  const imprint = imprintIntegrity(timestamp);
  const imprintAlgorithm = computedImprintAlgorithm(timestamp);
  const algorithms = timestamp.genTime
    ? judgeAlgorithms(
        [
          { what: { vi: 'Dấu thời gian', en: 'The timestamp' }, ...(token.digestAlgorithm ? { digest: token.digestAlgorithm } : {}), ...(tsa ? { publicKey: tsa.publicKey } : {}) },
          // The imprint is what binds the token to the signature it dates: a weak hash there is a weak timestamp.
          ...(imprintAlgorithm ? [{ what: { vi: 'Dấu thời gian', en: 'The timestamp' }, digest: imprintAlgorithm }] : []),
          ...(token.signatureAlgorithm ? [{ what: { vi: 'Dấu thời gian', en: 'The timestamp' }, digest: token.signatureAlgorithm }] : []),
          // The TSA's CAs below the anchor, and who signed the revocation data for them: key sizes.
          ...(path?.status === 'valid' ? intermediateUses(path.path) : []),
          ...revocationSignerUses(path),
        ],
        timestamp.genTime,
        context.algorithmPolicy,
      )
    : { judgement: 'acceptable' as const, messages: [] };
  const verdict = deriveIndication({
    wellFormed: token.wellFormed && timestamp.genTime !== undefined,
    intact: imprint.intact,
    valid: token.valid,
    ...(imprint.unknownReason ? { unknownReason: imprint.unknownReason } : {}),
    signerIdentification: token.signerIdentification,
    ...(path ? { path: { status: path.status, ...(path.subIndication ? { subIndication: path.subIndication } : {}) } } : {}),
    algorithms: algorithms.judgement,
  });
  return {
    kind: timestamp.kind,
    genTime: timestamp.genTime ? isoTime(timestamp.genTime) : '',
    indication: verdict.indication,
    ...(verdict.subIndication ? { subIndication: verdict.subIndication } : {}),
    intact: imprint.intact,
    valid: token.valid,
    trusted: path ? (path.status === 'valid' ? 'passed' : 'failed') : 'unknown',
    ...(tsa ? { tsa } : {}),
    chain: path && path.status === 'valid' ? describeChain(path.path) : [],
    ...(token.digestAlgorithm ? { digestAlgorithm: token.digestAlgorithm } : {}),
    messages: [...timestamp.messages, ...token.messages, ...(path?.messages ?? []), ...algorithms.messages],
  };
}
