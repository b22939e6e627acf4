/**
 * Is this certificate allowed to sign revocation data for the path? (RFC 5280 §6.3.3
 * (f), RFC 6960 §4.2.2.2.)
 *
 * The signer must be the path's anchor (with cRLSign when it has a keyUsage, for CRLs),
 * a CA certificate already on the validated path, or a certificate whose own path
 * validates to the same anchor at the validation time `now` — with its revocation
 * checked in turn, at most MAX_NESTING levels deep. Not at the time the data claims
 * (thisUpdate, producedAt): that time is written by the key being judged, so a retired
 * or compromised responder key could date a "good" answer back into its lifetime.
 * A signer already being validated higher up (a CA's CRL signing key whose status is on
 * the CRL it signs) is accepted without recursing again, which ends such cycles.
 */
import { BudgetExhausted } from '../budget.js';
import type { ParsedCertificate } from '../certificate.js';
import { certificatesOf, type PathNode, type ValidationContext } from '../context.js';
import { OID } from '../extensions.js';
import { buildPaths } from '../path-builder.js';
import { processPath } from '../path-processing.js';
import { checkPathRevocation } from './check.js';

/** Nested validations (CRL issuer of a CRL issuer …) followed at most. */
export const MAX_NESTING = 3;

export interface SignerRequirement {
  readonly signer: ParsedCertificate;
  /** The main path, leaf first, anchor last. */
  readonly path: readonly PathNode[];
  readonly purpose: 'crl' | 'ocsp';
  /** When the data says it was issued (CRL thisUpdate, OCSP producedAt): reported, not trusted. */
  readonly issuedAt: Date;
  readonly depth: number;
  readonly inProgress: ReadonlySet<string>;
}

export async function signerAuthorised(req: SignerRequirement, ctx: ValidationContext): Promise<boolean> {
  const { signer, path, purpose } = req;
  const anchor = (path[path.length - 1] as PathNode).cert;
  if (purpose === 'crl' && signer.keyUsage && !signer.keyUsage.has('cRLSign')) return false;
  if (signer.sha256 === anchor.sha256) return true;
  if (purpose === 'ocsp') {
    if (!signer.extKeyUsage?.includes(OID.kpOcspSigning)) return false;
    if (signer.keyUsage && !signer.keyUsage.has('digitalSignature') && !signer.keyUsage.has('nonRepudiation')) return false;
  }
  // CA certificates on the main path are validated by it (their revocation too).
  if (path.slice(1).some((node) => node.cert.sha256 === signer.sha256)) return true;
  if (req.inProgress.has(signer.sha256)) return true;
  if (req.depth >= MAX_NESTING) return false;

  // The signer, and the CAs of the path that asked: their status is being settled by the caller.
  const inProgress = new Set(req.inProgress).add(signer.sha256);
  for (const node of path.slice(1)) inProgress.add(node.cert.sha256);
  const start: PathNode = { cert: signer, source: ctx.pool.get(signer.sha256)?.source ?? 'candidate' };
  const then = ctx.at(ctx.settings.now);
  try {
    return await buildPaths(
      start,
      then,
      async (candidate) => {
        const processed = processPath({
          path: certificatesOf(candidate),
          at: ctx.settings.now,
          policy: {},
          usage: 'any',
          budget: ctx.budget,
          anchorMode: ctx.settings.anchorMode(anchor),
        });
        if (!processed.ok) return false;
        const revocation = await checkPathRevocation(candidate, then, req.depth + 1, inProgress, purpose);
        return revocation.status === 'valid';
      },
      { anchorFilter: (a) => a.sha256 === anchor.sha256, record: () => undefined },
    );
  } catch (error) {
    if (error instanceof BudgetExhausted) throw error;
    return false;
  }
}
