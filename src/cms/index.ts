export type { IntegrityResult, TimestampIntegrity, SignerIdentification, CertificateBinding } from './types.js';
export { verifyDetachedCms, verifyCmsWithContent, verifyEncapsulatedDigestCms, verifyTimestampToken } from './verify.js';
export type { CmsOptions, RangedContent } from './verify.js';
export { checkSignatureValue } from './signature-value.js';
