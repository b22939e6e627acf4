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
