/**
 * Whether a signer is the party the document's profile requires, where the signer's own
 * certificate cannot tell (ParsedSignature.signerUnconfirmed says when it can: a tax code that
 * matches, or one that proves another party). Two rules, each here and nowhere else:
 *
 * - A government signer (ParsedSignature.governmentSigner, e.g. the tax authority's DSCKS/CQT
 *   signature) is that body only when its validated path ends at a root of the Government PKI
 *   (Ban Cơ yếu Chính phủ) that kyso bundles, compared by the root certificate's SHA-256, never
 *   by name: any CA — an auditor's own, added with `--trust` — can write "CỤC THUẾ, BỘ TÀI CHÍNH"
 *   into a certificate. Another anchor proves no forgery either, so that is INDETERMINATE
 *   (SIG_CONSTRAINTS_FAILURE), not failed.
 * - A signer vouched for by other signatures (ParsedSignature.signerVouchedBy) is confirmed when
 *   one of them passes in full (TOTAL_PASSED, which for a government signer includes the rule
 *   above). Those are judged first; a vouched-for signature vouches for nothing, so there is no cycle.
 */
import type { ParsedSignature } from '../formats/types.js';
import { certificateFingerprint, describeCertificate } from '../pki/describe.js';
import type { PathResult } from '../pki/types.js';
import type { Message } from '../report/messages.js';
import type { SignatureReport } from '../report/types.js';
import type { ValidationContext } from './context.js';
import { VALIDATION_MESSAGES } from './messages.js';

let governmentRoots: Promise<ReadonlySet<string>> | undefined;

/**
 * SHA-256 fingerprints (upper-case hex) of the Government PKI roots in certs/ (G1 and G2), loaded
 * on first use: whichever store made them anchors, these bytes are the Government Cipher Committee's.
 */
function bundledGovernmentRoots(): Promise<ReadonlySet<string>> {
  governmentRoots ??= import('../pki/bundled-certs.js').then(
    ({ BUNDLED_CERTIFICATES }) => new Set(BUNDLED_CERTIFICATES.filter((c) => c.pki === 'government' && c.role === 'root').map((c) => c.sha256.toUpperCase())),
  );
  return governmentRoots;
}

/** Whether a valid path's anchor is a bundled Government PKI root, with the message that says so. */
export async function governmentSignerConfirmation(
  id: string,
  party: { readonly vi: string; readonly en: string },
  path: PathResult,
): Promise<{ readonly confirmed: boolean; readonly message: Message }> {
  const anchor = path.path[path.path.length - 1];
  let name = '?';
  if (anchor) {
    try {
      const info = describeCertificate(anchor.der);
      name = info.commonName ?? info.subject;
    } catch {
      name = certificateFingerprint(anchor.der);
    }
  }
  const confirmed = anchor !== undefined && anchor.role === 'anchor' && (await bundledGovernmentRoots()).has(certificateFingerprint(anchor.der).toUpperCase());
  const render = confirmed ? VALIDATION_MESSAGES.VALIDATION_GOVERNMENT_SIGNER_CONFIRMED : VALIDATION_MESSAGES.VALIDATION_GOVERNMENT_SIGNER_UNCONFIRMED;
  return { confirmed, message: render({ id, anchor: name, party_vi: party.vi, party_en: party.en }) };
}

type Evaluate = (parsed: ParsedSignature, context: ValidationContext, vouched?: boolean) => Promise<SignatureReport>;

/**
 * Judges a document's signatures, in document order in the result: those vouched for by others
 * after the rest, so that whether a voucher passed is known.
 */
export async function evaluateVouched(signatures: readonly ParsedSignature[], context: ValidationContext, evaluate: Evaluate): Promise<SignatureReport[]> {
  const reports: (SignatureReport | undefined)[] = [];
  const passed = new Set<number>();
  let deferred = false;
  for (const signature of signatures) {
    if (signature.signerVouchedBy) {
      reports.push(undefined);
      deferred = true;
      continue;
    }
    const report = await evaluate(signature, context);
    if (report.indication === 'TOTAL_PASSED') passed.add(reports.length);
    reports.push(report);
  }
  if (deferred) {
    for (let i = 0; i < signatures.length; i++) {
      const signature = signatures[i]!;
      if (!signature.signerVouchedBy) continue;
      reports[i] = await evaluate(signature, context, signature.signerVouchedBy.by.some((index) => passed.has(index)));
    }
  }
  return reports as SignatureReport[];
}
