/**
 * kyso: verify Vietnamese electronic official documents. This entry runs in Node and
 * in browsers (Uint8Array + WebCrypto, no fs); files, folders and the network are in
 * `kyso/node`.
 *
 * @module kyso
 */
export { verify } from './verify.js';
export type { VerifyOptions, TrustSource } from './options.js';
export { TrustStore } from './pki/trust-store.js';
export { validateCertificatePath } from './pki/validate-path.js';
export type {
  PathResult,
  PathStatus,
  ValidatePathInput,
  RevocationMode,
  RevocationFetcher,
  RevocationData,
  PolicyInputs,
  PathBudget,
  CertificateUsage,
  AnchorConstraintMode,
  CertificateBytes,
  PathCertificate,
} from './pki/types.js';
export type { BundledCertificateInfo, TrustStoreEntry } from './pki/trust-store.js';
export { detectFormat } from './formats/detect.js';
export type { ByteSource } from './io/byte-source.js';
export { bytesSource } from './io/byte-source.js';
export type { HashFactory, IncrementalHash, DigestAlgorithm } from './io/hash.js';
export { DEFAULT_LIMITS } from './formats/limits.js';
export type { ParseLimits } from './formats/types.js';
export { DEFAULT_ALGORITHM_POLICY } from './validation/algorithm-policy.js';
export type { AlgorithmPolicy } from './validation/algorithm-policy.js';
export { defaultRoleRule, describeCertificate } from './pki/describe.js';
export type { RoleRule } from './pki/describe.js';
export { messageCatalogue, messageText } from './report/messages.js';
export { describe, summarize, verdictText } from './report/summary.js';
export type { DescribeOptions, DocumentSummary, Lang, SignatureSummary, SummaryOptions } from './report/summary.js';
export type { Message, MessageCode, MessageParams, MessageText, Severity } from './report/messages.js';
export { FAILED_SUB_INDICATIONS, INDETERMINATE_SUB_INDICATIONS, mainIndicationOf, worseIndication } from './report/indications.js';
export type * from './report/indications.js';
export type * from './report/types.js';
export type * from './report/cli-output.js';
export { KysoError, KysoOptionsError } from './errors.js';
export type {
  AgencyFact,
  AgencyScheme,
  AgencySource,
  DateFact,
  DateSource,
  DocumentFacts,
  EinvoiceFacts,
  EinvoiceRole,
  PackageSignatureFact,
  Pki,
  ProvinceFact,
  ProvinceSource,
  SignatureFacts,
  SignatureKind,
} from './report/facts.js';
export type { PackageSignaturePolicy, PackageSignatureReport } from './formats/edxml/package-signature.js';
export type { RebuildNamespace, RebuildWhitespace, SignatureRebuild } from './formats/edxml/rebuild.js';
