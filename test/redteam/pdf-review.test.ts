/**
 * Holes a review found in the PDF change analysis, each made as an attacker would: byte edits of
 * the pdfsig / openssl cms signed files of test/fixtures/attacks/pdf-suites, written by
 * samples/make-attacks-pdf-review.py into test/fixtures/attacks/pdf-review.
 *
 * - An object stream whose member at the index the xref stream names is not the object asked for
 *   (pdf.js shows what sits at the index: a forged page) leaves the object unreadable.
 * - A new widget or field that runs something (its /AA or /A JavaScript, the /AA of its parent
 *   field) is no form filling, under approval signatures, P=2 and P=3; an annotation whose
 *   /Subtype is a reference is no plain annotation.
 * - A copied signature whose /ByteRange was rewritten to cover the new revision (its hash fails)
 *   does not attest the widget it shows: the earlier signature fails.
 * - A P=3 annotation that already ran JavaScript when certified stays an annotation when only its
 *   border changes.
 * A row reads: file, document verdict, and per signature `id:indication[/subIndication]:modification level`.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TrustStore } from '../../src/pki/trust-store.js';
import type { DocumentReport } from '../../src/report/types.js';
import { verify } from '../../src/verify.js';
import { AT, REPO, sample } from '../helpers.js';

type Row = readonly [file: string, document: string, signatures: readonly string[]];

const trust = TrustStore.from(sample('pki/kyso-test-root.pem'));
const check = (file: string) =>
  verify(new Uint8Array(readFileSync(`${REPO}test/fixtures/attacks/pdf-review/${file}`)), { trust, at: AT });
const verdict = (report: DocumentReport) => `${report.indication}${report.subIndication ? `/${report.subIndication}` : ''}`;
const signatures = (report: DocumentReport) =>
  report.signatures.map((s) => `${s.id}:${s.indication}${s.subIndication ? `/${s.subIndication}` : ''}:${s.modifications?.level ?? '-'}`);

const FORGED = 'TOTAL_FAILED/FORMAT_FAILURE';
const rows: readonly Row[] = [
  ['objstm-index-mismatch.pdf', FORGED, [`SigPerson:${FORGED}:other`]],
  ['objstm-index-right.pdf', 'TOTAL_PASSED', ['SigPerson:TOTAL_PASSED:none']],
  ['shadow-base-signed-w1-empty-sigfield-aa-js.pdf', FORGED, [`SigPerson:${FORGED}:other`]],
  ['shadow-base-signed-w1b-empty-sigfield-a-js-fullpage.pdf', FORGED, [`SigPerson:${FORGED}:other`]],
  ['cert-p2-w1-empty-sigfield-aa-js.pdf', FORGED, [`SigPerson:${FORGED}:other`]],
  ['cert-p2-w1b-empty-sigfield-a-js-fullpage.pdf', FORGED, [`SigPerson:${FORGED}:other`]],
  ['cert-p3-w1-empty-sigfield-aa-js.pdf', FORGED, [`SigPerson:${FORGED}:other`]],
  ['cert-p3-w1b-empty-sigfield-a-js-fullpage.pdf', FORGED, [`SigPerson:${FORGED}:other`]],
  ['cert-p3-a4-indirect-subtype-parent-aa.pdf', FORGED, [`SigPerson:${FORGED}:other`]],
  ['cert-p3-a6-indirect-subtype-screen.pdf', FORGED, [`SigPerson:${FORGED}:other`]],
  ['replay-copy-byterange-fixed.pdf', FORGED, [`SigPerson:${FORGED}:other`, 'SigCopy:TOTAL_FAILED/HASH_FAILURE:none']],
  ['cert-p3-signed-js-link.pdf', 'TOTAL_PASSED', ['SigPerson:TOTAL_PASSED:none']],
  ['cert-p3-signed-js-link-border-changed.pdf', 'TOTAL_PASSED', ['SigPerson:TOTAL_PASSED:annotations']],
];

describe('PDF review: object stream indexes, actions of new widgets, indirect subtypes, rewritten replays, signed actions', () => {
  it.each(rows)('%s: %s', async (file, document, expected) => {
    const report = await check(file);
    expect(verdict(report)).toBe(document);
    expect(signatures(report)).toEqual(expected);
  });
});
