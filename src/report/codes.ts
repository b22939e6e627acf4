/**
 * Every message code kyso can put in a report, collected from the message tables
 * themselves (each area's `defineMessages` call), so the list cannot drift from what
 * the code emits. A new table is added here with one line; a table left out shows up
 * as a type error where its messages join a report, and test/report/codes.test.ts
 * checks that every table in src/ is listed.
 */
import type { CMS_MESSAGES } from '../cms/messages.js';
import type { EDXML_MESSAGES } from '../formats/edxml/messages.js';
import type { EINVOICE_MESSAGES } from '../formats/einvoice/messages.js';
import type { PDF_MESSAGES } from '../formats/pdf/messages.js';
import type { XML_MESSAGES } from '../formats/xml/messages.js';
import type { ZIP_MESSAGES } from '../formats/zip/messages.js';
import type { PKI } from '../pki/messages.js';
import type { POLICY_MESSAGES } from '../validation/algorithm-policy.js';
import type { VALIDATION_MESSAGES } from '../validation/messages.js';
import type { DOCUMENT_MESSAGES } from '../verify.js';

/**
 * A stable message code, UPPER_SNAKE (e.g. `CMS_DIGEST_MISMATCH`). Codes never change
 * meaning once released, so they are safe to store, count and `switch` on; a
 * misspelled code does not compile.
 */
export type MessageCode =
  | keyof typeof CMS_MESSAGES
  | keyof typeof EDXML_MESSAGES
  | keyof typeof EINVOICE_MESSAGES
  | keyof typeof PDF_MESSAGES
  | keyof typeof XML_MESSAGES
  | keyof typeof ZIP_MESSAGES
  | keyof typeof PKI
  | keyof typeof POLICY_MESSAGES
  | keyof typeof VALIDATION_MESSAGES
  | keyof typeof DOCUMENT_MESSAGES;
