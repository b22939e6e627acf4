import type { DecompressionBudget, ParseLimits, PasswordWork } from './types.js';

/**
 * Default bounds. Chosen to pass every real document we know of with room to spare
 * while refusing bombs quickly; callers can raise them through `policy.limits`.
 */
export const DEFAULT_LIMITS: ParseLimits = {
  // Real signed PDFs from Vietnamese agencies are a few MB; scanned annexes reach
  // tens of MB. 512 MiB is far beyond that and still streamable.
  maxDocumentBytes: 512 * 1024 * 1024,
  // A CMS with a full chain, timestamps and embedded CRLs stays well under 1 MiB;
  // PDF signers commonly reserve 8–64 KiB for /Contents.
  maxCmsBytes: 16 * 1024 * 1024,
  // domain.md: edXML packages up to 50 MB (attachments base64-encoded inside).
  maxXmlBytes: 100 * 1024 * 1024,
  // libxml2's default maximum depth is 256; real documents nest under 30.
  maxXmlDepth: 256,
  maxXmlNodes: 1_000_000,
  // One seller signature per invoice of a batch message, as many as the e-invoice profile
  // reports; each signature's reference work is bounded by the canonicalisation budget.
  maxXmlSignatures: 1000,
  maxPdfRevisions: 1000,
  maxPdfObjects: 1_000_000,
  maxInflatedBytes: 256 * 1024 * 1024,
  // edXML → ZIP → PDF is three levels; one spare.
  maxAttachmentDepth: 4,
  // Real packages carry a handful of attachments; each is verified as a document of its own.
  maxEdxmlAttachments: 1000,
  maxZipEntries: 10_000,
  maxZipBytes: 1024 * 1024 * 1024,
  // An AES-256 document takes two with the empty password, and two a password given that is
  // not its own: a thousand passwords on one document fit, ten thousand encrypted entries do not.
  maxPasswordHashes: 4096,
};

/**
 * The decompression budget of one top-level document: every archive nested in it (a ZIP in a
 * ZIP, a ZIP carried by an edXML) draws on it, so nesting cannot multiply the work. A ZIP of
 * 17 KB holding eight copies of a 1 MB ZIP of four 256 MiB entries would otherwise inflate
 * 8 GiB under per-archive limits that each copy respects. The per-archive limits are the tree's.
 */
export function decompressionBudget(limits: ParseLimits): DecompressionBudget {
  return { bytes: limits.maxZipBytes, entries: limits.maxZipEntries };
}

/** Most passwords VerifyOptions.passwords takes (each is tried on every encrypted PDF the empty password does not open); the CLI and the web page refuse more in the reader's language. */
export const MAX_PASSWORDS = 1000;

const passwordWorks = new WeakMap<DecompressionBudget, PasswordWork>();

/** The password work of the top-level document whose decompression budget this is (created at first use). */
export function passwordWorkOf(budget: DecompressionBudget, limits: ParseLimits): PasswordWork {
  let work = passwordWorks.get(budget);
  if (!work) {
    work = { hashes: limits.maxPasswordHashes, outcomes: new Map() };
    passwordWorks.set(budget, work);
  }
  return work;
}
