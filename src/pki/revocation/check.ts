/** Revocation checking of a validated path (placeholder until CRL/OCSP land). */
import type { Message } from '../../report/messages.js';
import type { CertificateRevocation } from '../../report/types.js';
import type { IndeterminateSubIndication, FailedSubIndication } from '../../report/indications.js';
import type { ParsedCertificate } from '../certificate.js';
import type { PathNode, ValidationContext } from '../context.js';

export interface RevocationOutcome {
  readonly status: 'valid' | 'revoked' | 'revocation-unknown' | 'revocation-stale';
  readonly subIndication: FailedSubIndication | IndeterminateSubIndication;
  readonly entries: readonly CertificateRevocation[];
  readonly messages: readonly Message[];
  readonly rejected?: ParsedCertificate;
}

export async function checkPathRevocation(path: readonly PathNode[], ctx: ValidationContext, depth: number): Promise<RevocationOutcome> {
  void ctx;
  void depth;
  const entries: CertificateRevocation[] = path
    .filter((n) => n.source !== 'anchor')
    .map((n) => ({ certificate: n.cert.sha256, subject: n.cert.subjectText, status: 'not-checked' }));
  return { status: 'valid', subIndication: 'TRY_LATER', entries, messages: [] };
}
