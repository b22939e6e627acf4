/**
 * The package signature as its own typed layer of a package's report
 * (`DocumentReport.packageSignature`). A package is judged by the documents it carries,
 * since the package signature is a transport signature that transit may break; this
 * layer says what became of it, and under `policy.packageSignature: 'require'` it must
 * pass too. Pure data in, data out: no XML here, so verify() can use it without
 * loading the XML stack.
 */
import type { MainIndication, SubIndication } from '../../report/indications.js';
import type { EdxmlPackageSignatureState } from '../../report/details.js';
import type { SignatureRebuild } from './rebuild.js';
import type { Message } from '../../report/messages.js';
import { EDXML_MESSAGES } from './messages.js';

/** `report`: the package signature is reported beside the verdict; `require`: it must pass as well. */
export type PackageSignaturePolicy = 'report' | 'require';

/**
 * An edXML package's own (transport) signature, reported as a layer beside the document's verdict,
 * which rests on the signatures of the carried documents.
 */
export interface PackageSignatureReport {
  /** What became of the package signature: `absent`, `valid`, `content-changed`, `invalid`, `unverifiable`. */
  readonly state: EdxmlPackageSignatureState | 'absent';
  /** The first package signature's own indication (absent when there is none). */
  readonly indication?: MainIndication;
  /** Why the first package signature did not pass; undefined when it passed or is absent. */
  readonly subIndication?: SubIndication;
  /** Its Id in `signatures`. */
  readonly signatureId?: string;
  /** How it was rebuilt after re-serialisation in transit, when it was. */
  readonly rebuild?: SignatureRebuild;
  /** The policy it was judged under: under `require` it is part of the document's verdict. */
  readonly policy: PackageSignaturePolicy;
}

interface PackageFacts {
  readonly kind?: string;
  readonly packageSignature?: { readonly state: EdxmlPackageSignatureState | 'absent'; readonly rebuild?: SignatureRebuild };
}

interface JudgedSignature {
  readonly id: string;
  readonly indication: MainIndication;
  /** Why the first package signature did not pass; undefined when it passed or is absent. */
  readonly subIndication?: SubIndication;
  readonly details?: { readonly kind?: string };
}

/** The package-signature layer of an edXML package's report, or undefined for anything else. */
export function packageSignatureLayer(
  details: PackageFacts | undefined,
  signatures: readonly JudgedSignature[],
  policy: PackageSignaturePolicy,
): PackageSignatureReport | undefined {
  if (details?.kind !== 'edxml' || !details.packageSignature) return undefined;
  const first = signatures.find((signature) => signature.details?.kind === 'edxml');
  return {
    state: details.packageSignature.state,
    ...(first ? { indication: first.indication, signatureId: first.id } : {}),
    ...(first?.subIndication ? { subIndication: first.subIndication } : {}),
    ...(details.packageSignature.rebuild ? { rebuild: details.packageSignature.rebuild } : {}),
    policy,
  };
}

/** What the layer adds to the verdict under `require`: its indication, or INDETERMINATE when absent. */
export function requiredPackageVerdict(layer: PackageSignatureReport): { indication: MainIndication; subIndication?: SubIndication } {
  if (!layer.indication) return { indication: 'INDETERMINATE', subIndication: 'SIG_CONSTRAINTS_FAILURE' };
  return { indication: layer.indication, ...(layer.subIndication ? { subIndication: layer.subIndication } : {}) };
}

interface PackageContentFacts {
  readonly kind?: string;
  readonly edxml?: { readonly kind: 'document' | 'status' };
  /** As confirmed by validation (confirmSignedMetadata): `covered` and `signedBy` speak of signatures that passed in full. */
  readonly missingAttachments?: { readonly value?: readonly string[]; readonly covered: boolean; readonly signedBy?: readonly string[] };
}

/**
 * A document package (not a status message) that carries no attachment at all, not even one
 * left unchecked: it holds no signed document, so its own (transport) signature cannot make it
 * pass. Only a status message is judged on its package signature alone.
 */
export function carriesNoDocument(details: PackageContentFacts | undefined, carried: number): boolean {
  return details?.kind === 'edxml' && details.edxml?.kind === 'document' && carried === 0;
}

/**
 * What the manifest adds to the verdict when it lists attachments the package does not carry.
 * Signed by a package signature that passed in full (trust included) and covers the whole
 * manifest, it is the signer's own list: the package lacks what was signed (removed after
 * signing when the signature leaves the attachments out, or never put in), proven, so
 * TOTAL_FAILED/FORMAT_FAILURE. Otherwise the list is only a claim kyso cannot check (a document
 * that is not there cannot be verified): INDETERMINATE/SIGNED_DATA_NOT_FOUND. Never passed.
 * `details` as confirmed by validation, which judged which signature covers the manifest.
 */
export function missingAttachmentsVerdict(
  details: PackageContentFacts | undefined,
): { verdict: { indication: MainIndication; subIndication: SubIndication }; message: Message } | undefined {
  const missing = details?.kind === 'edxml' ? details.missingAttachments : undefined;
  if (!missing?.value?.length) return undefined;
  const contentIds = missing.value.join(', ');
  const signedBy = missing.covered ? (missing.signedBy ?? []) : [];
  if (signedBy.length > 0) {
    return {
      verdict: { indication: 'TOTAL_FAILED', subIndication: 'FORMAT_FAILURE' },
      message: EDXML_MESSAGES.EDXML_SIGNED_MANIFEST_ATTACHMENT_MISSING({ ids: signedBy.join(', '), contentIds }),
    };
  }
  return { verdict: { indication: 'INDETERMINATE', subIndication: 'SIGNED_DATA_NOT_FOUND' }, message: EDXML_MESSAGES.EDXML_LISTED_ATTACHMENT_UNCHECKED({ contentIds }) };
}
