/**
 * Certificate paths and revocation: the browser-safe part (no Node APIs). The HTTP
 * fetcher is Node-only and lives in ./node.ts.
 */
export { TrustStore } from './trust-store.js';
export type { BundledCertificateInfo, TrustStoreEntry } from './trust-store.js';
export { validateCertificatePath } from './validate-path.js';
export { parseCertificates } from './parse.js';
export { DEFAULT_BUDGET } from './budget.js';
export type * from './types.js';
