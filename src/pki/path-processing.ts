/**
 * RFC 5280 §6.1 basic path processing of one complete candidate path (signatures are
 * checked while the path is built, revocation afterwards).
 *
 * Checked per certificate: validity at `at`, name chaining (§7.1 comparison), name
 * constraints, certificate policies (with the §6.1.1 inputs), policy mappings,
 * policyConstraints, inhibitAnyPolicy, basicConstraints cA and pathLenConstraint,
 * keyUsage keyCertSign for issuers, unknown critical and malformed extensions; at the
 * end entity, the usage asked for (document signing, timestamping, OCSP signing).
 *
 * Deviations, fail-closed: a CA certificate without basicConstraints is refused even
 * when it is v1/v2 (RFC 5280 leaves v1 CAs to local policy).
 *
 * The trust anchor (RFC 5937, as Go crypto/x509, rustls-webpki and pyca/cryptography do):
 * with `anchorMode: 'enforce'` (the default) what the anchor certificate says applies —
 * it must be valid at `at`, carry basicConstraints cA, keyCertSign when it has a
 * keyUsage, and no unknown critical extension; its pathLenConstraint and nameConstraints
 * bound the path. `'name-and-key'` reads it as RFC 5280 §6.1.1 (d) does: a name and a
 * key only, for a caller who trusts an anchor whatever its certificate says.
 */
import type { Message } from '../report/messages.js';
import type { IndeterminateSubIndication, FailedSubIndication } from '../report/indications.js';
import type { AnchorConstraintMode, CertificateUsage, PolicyInputs } from './types.js';
import { certificateLabel, type ParsedCertificate } from './certificate.js';
import { OID } from './extensions.js';
import { PKI } from './messages.js';
import { namesEqual } from './names.js';
import { NameConstraintState } from './name-constraints.js';
import { PolicyTree, PolicyTreeTooLarge } from './policy-tree.js';
import type { WorkBudget } from './budget.js';

export interface ProcessingFailure {
  readonly ok: false;
  readonly kind: 'validity' | 'constraints' | 'name-chaining' | 'usage';
  readonly subIndication: FailedSubIndication | IndeterminateSubIndication;
  readonly message: Message;
  readonly rejected: ParsedCertificate;
}

export type ProcessingResult = { readonly ok: true; readonly policies: readonly string[] } | ProcessingFailure;

function iso(date: Date): string {
  return date.toISOString();
}

function fail(
  kind: ProcessingFailure['kind'],
  subIndication: ProcessingFailure['subIndication'],
  message: Message,
  rejected: ParsedCertificate,
): ProcessingFailure {
  return { ok: false, kind, subIndication, message, rejected };
}

/** Validity at `at` (inclusive bounds, RFC 5280 §4.1.2.5). */
export function checkValidity(cert: ParsedCertificate, at: Date): ProcessingFailure | undefined {
  const subject = certificateLabel(cert);
  if (at < cert.notBefore) {
    return fail('validity', 'OUT_OF_BOUNDS_NO_POE', PKI.PKI_NOT_YET_VALID({ subject, at: iso(at), notBefore: iso(cert.notBefore) }), cert);
  }
  if (at > cert.notAfter) {
    return fail('validity', 'OUT_OF_BOUNDS_NO_POE', PKI.PKI_EXPIRED({ subject, at: iso(at), notAfter: iso(cert.notAfter) }), cert);
  }
  return undefined;
}

/** Extensions that break the certificate whatever its place in the path. */
function checkExtensions(cert: ParsedCertificate): ProcessingFailure | undefined {
  const subject = certificateLabel(cert);
  // Unreadable pointers to revocation data read as no pointer, unless critical: RFC 5280 §4.2
  // rejects a certificate whose critical extension cannot be processed.
  const malformed = cert.malformedExtensions.filter(
    (oid) =>
      (oid !== OID.authorityInfoAccess && oid !== OID.cRLDistributionPoints && oid !== OID.freshestCRL) ||
      cert.extensions.some((e) => e.oid === oid && e.critical),
  );
  if (malformed.length > 0) {
    return fail('constraints', 'CHAIN_CONSTRAINTS_FAILURE', PKI.PKI_MALFORMED_EXTENSION({ subject, oid: malformed.join(', ') }), cert);
  }
  if (cert.unknownCriticalExtensions.length > 0) {
    return fail(
      'constraints',
      'CHAIN_CONSTRAINTS_FAILURE',
      PKI.PKI_UNKNOWN_CRITICAL_EXTENSION({ subject, oid: cert.unknownCriticalExtensions.join(', ') }),
      cert,
    );
  }
  return checkProfile(cert);
}

/**
 * Extensions RFC 5280 requires to be non-critical (§4.2.1.1, §4.2.1.2, §4.2.1.15, §4.2.2.1,
 * §4.2.2.2). OpenSSL processes none of them and refuses them critical; kyso reads no delta CRL,
 * so a critical freshestCRL would be a demand it silently ignores.
 */
const NEVER_CRITICAL: ReadonlySet<string> = new Set([
  OID.authorityKeyIdentifier,
  OID.subjectKeyIdentifier,
  OID.freshestCRL,
  OID.authorityInfoAccess,
  OID.subjectInfoAccess,
]);

/**
 * RFC 5280 profile rules whose breach changes what a certificate means to different
 * readers: refused rather than read one way. (Empty ExtKeyUsage and empty name-constraint
 * subtrees are malformed extensions, refused above.)
 */
function checkProfile(cert: ParsedCertificate): ProcessingFailure | undefined {
  const subject = certificateLabel(cert);
  const critical = cert.extensions.find((e) => e.critical && NEVER_CRITICAL.has(e.oid));
  if (critical) return fail('constraints', 'CHAIN_CONSTRAINTS_FAILURE', PKI.PKI_EXTENSION_MUST_NOT_BE_CRITICAL({ subject, oid: critical.oid }), cert);
  const nameConstraints = cert.extensions.find((e) => e.oid === OID.nameConstraints);
  // §4.2.1.10: only in CA certificates, and always critical.
  if (nameConstraints && (!nameConstraints.critical || cert.basicConstraints?.ca !== true)) {
    return fail('constraints', 'CHAIN_CONSTRAINTS_FAILURE', PKI.PKI_NAME_CONSTRAINTS_PROFILE({ subject }), cert);
  }
  // §4.2.1.6: an rfc822Name is a Mailbox, local-part "@" domain — exactly one "@".
  const badEmail = cert.subjectAltNames?.find((n) => n.kind === 'rfc822' && n.value.split('@').length !== 2);
  if (badEmail && badEmail.kind === 'rfc822') {
    return fail('constraints', 'CHAIN_CONSTRAINTS_FAILURE', PKI.PKI_EMAIL_NAME_INVALID({ subject, name: badEmail.value }), cert);
  }
  return undefined;
}

/** What the end entity must be good for. */
const SERVICE_ONLY_PURPOSES: ReadonlySet<string> = new Set([OID.kpTimeStamping, OID.kpOcspSigning]);

export function checkUsage(cert: ParsedCertificate, usage: CertificateUsage): ProcessingFailure | undefined {
  const subject = certificateLabel(cert);
  const eku = cert.extKeyUsage;
  switch (usage) {
    case 'document-signing':
      if (cert.keyUsage && !cert.keyUsage.has('digitalSignature') && !cert.keyUsage.has('nonRepudiation')) {
        return fail('usage', 'CHAIN_CONSTRAINTS_FAILURE', PKI.PKI_LEAF_KEY_USAGE({ subject }), cert);
      }
      // Vietnamese signer certificates carry client-auth, e-mail and smart-card EKUs, so no
      // document-signing EKU can be required; but a certificate whose EKU allows only time
      // stamping or OCSP signing is a service key, and must not sign documents (else any
      // RFC 3161 token would read as a document signed by the TSA).
      if (eku && eku.length > 0 && eku.every((purpose) => SERVICE_ONLY_PURPOSES.has(purpose))) {
        return fail('usage', 'CHAIN_CONSTRAINTS_FAILURE', PKI.PKI_SERVICE_CERTIFICATE_SIGNS({ subject }), cert);
      }
      return undefined;
    case 'timestamping': {
      const ext = cert.extensions.find((e) => e.oid === OID.extKeyUsage);
      if (!eku || !eku.includes(OID.kpTimeStamping)) {
        return fail('usage', 'CHAIN_CONSTRAINTS_FAILURE', PKI.PKI_LEAF_EXTENDED_KEY_USAGE({ subject, purpose: 'id-kp-timeStamping' }), cert);
      }
      // RFC 3161 §2.3: the TSA certificate MUST have this EKU only, and critical.
      if (!ext?.critical || eku.length !== 1) {
        return fail('usage', 'CHAIN_CONSTRAINTS_FAILURE', PKI.PKI_TIMESTAMPING_EKU_PROFILE({ subject }), cert);
      }
      return undefined;
    }
    case 'ocsp-signing':
      if (!eku || !eku.includes(OID.kpOcspSigning)) {
        return fail('usage', 'CHAIN_CONSTRAINTS_FAILURE', PKI.PKI_LEAF_EXTENDED_KEY_USAGE({ subject, purpose: 'id-kp-OCSPSigning' }), cert);
      }
      return undefined;
    default:
      return undefined;
  }
}

export interface ProcessingInput {
  /** Leaf first, then intermediates; the anchor last. */
  readonly path: readonly ParsedCertificate[];
  readonly at: Date;
  readonly policy: PolicyInputs;
  readonly usage: CertificateUsage;
  readonly budget: WorkBudget;
  /** Default `enforce`. */
  readonly anchorMode?: AnchorConstraintMode;
}

/** RFC 5937: what the anchor's own certificate imposes, before any certificate below it is read. */
function checkAnchor(anchor: ParsedCertificate, at: Date): ProcessingFailure | undefined {
  const subject = certificateLabel(anchor);
  if (at < anchor.notBefore || at > anchor.notAfter) {
    return fail(
      'validity',
      'OUT_OF_BOUNDS_NO_POE',
      PKI.PKI_ANCHOR_EXPIRED({ subject, at: iso(at), notBefore: iso(anchor.notBefore), notAfter: iso(anchor.notAfter) }),
      anchor,
    );
  }
  if (anchor.unknownCriticalExtensions.length > 0) {
    return fail(
      'constraints',
      'CHAIN_CONSTRAINTS_FAILURE',
      PKI.PKI_ANCHOR_UNKNOWN_CRITICAL_EXTENSION({ subject, oid: anchor.unknownCriticalExtensions.join(', ') }),
      anchor,
    );
  }
  const malformed = checkExtensions(anchor);
  if (malformed) return malformed;
  if (anchor.basicConstraints?.ca !== true) return fail('constraints', 'CHAIN_CONSTRAINTS_FAILURE', PKI.PKI_ANCHOR_NOT_CA({ subject }), anchor);
  if (anchor.keyUsage && !anchor.keyUsage.has('keyCertSign')) {
    return fail('constraints', 'CHAIN_CONSTRAINTS_FAILURE', PKI.PKI_KEY_CERT_SIGN({ subject }), anchor);
  }
  return undefined;
}

/** Runs §6.1.2–§6.1.5 over `path`. */
export function processPath(input: ProcessingInput): ProcessingResult {
  const { path, at, usage, budget } = input;
  const anchor = path[path.length - 1] as ParsedCertificate;
  // certs[0] is issued by the anchor, certs[n-1] is the end entity.
  const certs = path.slice(0, -1).reverse();
  const n = certs.length;
  const initialPolicySet = input.policy.initialPolicySet?.length ? input.policy.initialPolicySet : [OID.anyPolicy];

  const tree = new PolicyTree();
  const names = new NameConstraintState();
  let explicitPolicy = input.policy.initialExplicitPolicy ? 0 : n + 1;
  let inhibitAnyPolicy = input.policy.initialAnyPolicyInhibit ? 0 : n + 1;
  let policyMapping = input.policy.initialPolicyMappingInhibit ? 0 : n + 1;
  let maxPathLength = n;
  let workingIssuer = anchor;
  if ((input.anchorMode ?? 'enforce') === 'enforce') {
    const anchorFailure = checkAnchor(anchor, at);
    if (anchorFailure) return anchorFailure;
    const anchorPathLen = anchor.basicConstraints?.pathLen;
    if (anchorPathLen !== undefined && anchorPathLen < maxPathLength) maxPathLength = anchorPathLen;
    names.add(anchor);
  }

  try {
    for (let index = 0; index < n; index++) {
      const cert = certs[index] as ParsedCertificate;
      const i = index + 1;
      const subject = certificateLabel(cert);
      const isLeaf = i === n;

      // §6.1.3 (a)
      if (!namesEqual(cert.issuer, workingIssuer.subject)) {
        return fail('name-chaining', 'NO_CERTIFICATE_CHAIN_FOUND', PKI.PKI_NAME_CHAINING({ subject, issuer: certificateLabel(workingIssuer) }), cert);
      }
      const validity = checkValidity(cert, at);
      if (validity) return validity;
      const extensions = checkExtensions(cert);
      if (extensions) return extensions;

      // §6.1.3 (b)–(c)
      if (!cert.selfIssued || isLeaf) {
        const nameCheck = names.check(cert, budget);
        if (!nameCheck.ok) {
          const message =
            nameCheck.reason === 'excluded'
              ? PKI.PKI_NAME_EXCLUDED({ subject, name: nameCheck.name })
              : PKI.PKI_NAME_NOT_PERMITTED({ subject, name: nameCheck.name });
          return fail('constraints', 'CHAIN_CONSTRAINTS_FAILURE', message, cert);
        }
      }

      // §6.1.3 (d)–(f)
      tree.processCertificate(cert, i, n, inhibitAnyPolicy);
      if (explicitPolicy === 0 && tree.isNull) {
        return fail('constraints', 'CHAIN_CONSTRAINTS_FAILURE', PKI.PKI_POLICY_REQUIRED({ subject }), cert);
      }

      if (isLeaf) break;

      // §6.1.4 (a)–(b)
      if (cert.policyMappings?.some((m) => m.issuerDomainPolicy === OID.anyPolicy || m.subjectDomainPolicy === OID.anyPolicy)) {
        return fail('constraints', 'CHAIN_CONSTRAINTS_FAILURE', PKI.PKI_POLICY_MAPPING_ANY({ subject }), cert);
      }
      tree.applyMappings(cert, i, policyMapping);

      // §6.1.4 (c)–(f)
      workingIssuer = cert;
      // §6.1.4 (g)
      names.add(cert);
      // §6.1.4 (h)–(j)
      if (!cert.selfIssued) {
        if (explicitPolicy > 0) explicitPolicy--;
        if (policyMapping > 0) policyMapping--;
        if (inhibitAnyPolicy > 0) inhibitAnyPolicy--;
      }
      const pc = cert.policyConstraints;
      if (pc?.requireExplicitPolicy !== undefined && pc.requireExplicitPolicy < explicitPolicy) explicitPolicy = pc.requireExplicitPolicy;
      if (pc?.inhibitPolicyMapping !== undefined && pc.inhibitPolicyMapping < policyMapping) policyMapping = pc.inhibitPolicyMapping;
      if (cert.inhibitAnyPolicy !== undefined && cert.inhibitAnyPolicy < inhibitAnyPolicy) inhibitAnyPolicy = cert.inhibitAnyPolicy;

      // §6.1.4 (k)
      if (cert.basicConstraints?.ca !== true) {
        return fail('constraints', 'CHAIN_CONSTRAINTS_FAILURE', PKI.PKI_NOT_A_CA({ subject }), cert);
      }
      // §6.1.4 (l)–(m)
      if (!cert.selfIssued) {
        if (maxPathLength <= 0) return fail('constraints', 'CHAIN_CONSTRAINTS_FAILURE', PKI.PKI_PATH_LENGTH({ subject }), cert);
        maxPathLength--;
      }
      const pathLen = cert.basicConstraints.pathLen;
      if (pathLen !== undefined && pathLen < maxPathLength) maxPathLength = pathLen;
      // §6.1.4 (n)
      if (cert.keyUsage && !cert.keyUsage.has('keyCertSign')) {
        return fail('constraints', 'CHAIN_CONSTRAINTS_FAILURE', PKI.PKI_KEY_CERT_SIGN({ subject }), cert);
      }
    }

    // §6.1.5
    const leaf = certs[n - 1] as ParsedCertificate;
    if (explicitPolicy > 0) explicitPolicy--;
    if (leaf.policyConstraints?.requireExplicitPolicy === 0) explicitPolicy = 0;
    tree.intersect(initialPolicySet, n);
    if (explicitPolicy === 0 && tree.isNull) {
      return fail('constraints', 'CHAIN_CONSTRAINTS_FAILURE', PKI.PKI_POLICY_REQUIRED({ subject: certificateLabel(leaf) }), leaf);
    }
    const usageFailure = checkUsage(leaf, usage);
    if (usageFailure) return usageFailure;
    return { ok: true, policies: tree.leafPolicies() };
  } catch (error) {
    if (error instanceof PolicyTreeTooLarge) {
      const leaf = certs[n - 1] as ParsedCertificate;
      return fail(
        'constraints',
        'CHAIN_CONSTRAINTS_FAILURE',
        PKI.PKI_POLICY_TREE_TOO_LARGE({ subject: certificateLabel(leaf), limit: 10_000 }),
        leaf,
      );
    }
    throw error;
  }
}
