export type { IntegrityResult, TimestampIntegrity, SignerIdentification, CertificateBinding } from './types.js';
export { verifyDetachedCms, verifyCmsWithContent, verifyEncapsulatedDigestCms, verifyTimestampToken, hasEncapsulatedContent } from './verify.js';
export type { CmsOptions, RangedContent } from './verify.js';
export { checkSignatureValue, ecdsaDerToRaw } from './signature-value.js';
