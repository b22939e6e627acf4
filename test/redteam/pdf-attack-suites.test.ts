/**
 * The published PDF signature attacks, variant by variant, on signatures made by pdfsig (NSS) and
 * openssl cms (DocMDP certifications): "1 Trillion Dollar Refund" (Mladenov et al., CCS 2019: USF,
 * ISA, SWA), "Shadow Attacks" (Mainka et al., NDSS 2021) and "Breaking the Specification: PDF
 * Certification" (Mainka et al., IEEE S&P 2021: EAA, SSA), plus changes after signing that the
 * papers list as follow-ups (actions, embedded files, /Encrypt, optional content, page geometry,
 * cross-reference tricks). The files are made by samples/make-attacks-pdf-suites.py (the attacks
 * are byte edits of tool-made signatures) and committed in test/fixtures/attacks/pdf-suites.
 *
 * Every forgery must fail, never pass; what the specification allows (form filling under P=2,
 * annotations under P=3, an unlocked field filled after an approval signature) passes at its
 * modification level. Under P=3 an annotation that runs something (JavaScript, /AA, Hide,
 * SetOCGState, a Screen) is no plain annotation: the code-injection variant of the Evil
 * Annotation Attack fails. A signature replayed into a new visible field (a copy of the signed
 * dictionary, its /ByteRange naming the old place) signs nothing of the revision that shows it: its
 * widget is an overlay nobody attests, for the earlier signature too. A row reads: file, document verdict, and per signature
 * `id:indication[/subIndication]:modification level`.
 *
 * An object listed twice in one cross-reference section, or by both the table and the /XRefStm of a
 * hybrid update, is read as poppler, pdf.js and qpdf read it (the first entry, the table's): the
 * forged copy they would not show passes, the one they show fails. An object stream that lists an
 * object twice is read by none of its copies, since readers disagree there (poppler takes the index
 * the xref stream names, qpdf the last copy).
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
  verify(new Uint8Array(readFileSync(`${REPO}test/fixtures/attacks/pdf-suites/${file}`)), { trust, at: AT });
const verdict = (report: DocumentReport) => `${report.indication}${report.subIndication ? `/${report.subIndication}` : ''}`;
const signatures = (report: DocumentReport) =>
  report.signatures.map((s) => `${s.id}:${s.indication}${s.subIndication ? `/${s.subIndication}` : ''}:${s.modifications?.level ?? '-'}`);

describe('Universal Signature Forgery (CCS 2019): the signature dictionary made unverifiable, in place or redefined by an update that also changes the page', () => {
  const rows: readonly Row[] = [
    ['usf-inplace-byterange-first-only.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:none']],
    ['usf-inplace-byterange-huge.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:none']],
    ['usf-inplace-byterange-key-renamed.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:none']],
    ['usf-inplace-byterange-negative-gap.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:none']],
    ['usf-inplace-byterange-overlapping.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:none']],
    ['usf-inplace-byterange-second-before-first.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:none']],
    ['usf-inplace-byterange-short.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:none']],
    ['usf-inplace-byterange-start-not-zero.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:none']],
    ['usf-inplace-contents-array.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:none']],
    ['usf-inplace-contents-dict.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:none']],
    ['usf-inplace-contents-integer.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:none']],
    ['usf-inplace-contents-key-renamed.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:none']],
    ['usf-inplace-contents-name.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:none']],
    ['usf-inplace-contents-null.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:none']],
    ['usf-inplace-filter-changed.pdf', 'TOTAL_FAILED/HASH_FAILURE', ['SigPerson:TOTAL_FAILED/HASH_FAILURE:none']],
    ['usf-inplace-filter-missing.pdf', 'TOTAL_FAILED/HASH_FAILURE', ['SigPerson:TOTAL_FAILED/HASH_FAILURE:none']],
    ['usf-inplace-subfilter-rfc3161.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:none']],
    ['usf-inplace-subfilter-sha1.pdf', 'INDETERMINATE/SIGNED_DATA_NOT_FOUND', ['SigPerson:INDETERMINATE/SIGNED_DATA_NOT_FOUND:none']],
    ['usf-inplace-subfilter-x509.pdf', 'TOTAL_FAILED/HASH_FAILURE', ['SigPerson:TOTAL_FAILED/HASH_FAILURE:none']],
    ['usf-inplace-type-doctimestamp-no-filter.pdf', 'TOTAL_FAILED/HASH_FAILURE', ['SigPerson:TOTAL_FAILED/HASH_FAILURE:none']],
    ['usf-update-byterange-missing.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson (revision 2):TOTAL_FAILED/FORMAT_FAILURE:other', 'SigPerson (revision 3):TOTAL_FAILED/FORMAT_FAILURE:none']],
    ['usf-update-byterange-null.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson (revision 2):TOTAL_FAILED/FORMAT_FAILURE:other', 'SigPerson (revision 3):TOTAL_FAILED/FORMAT_FAILURE:none']],
    ['usf-update-byterange-whole-new-file.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson (revision 2):TOTAL_FAILED/FORMAT_FAILURE:other', 'SigPerson (revision 3):TOTAL_FAILED/HASH_FAILURE:none']],
    ['usf-update-contents-empty.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson (revision 2):TOTAL_FAILED/FORMAT_FAILURE:other', 'SigPerson (revision 3):TOTAL_FAILED/FORMAT_FAILURE:none']],
    ['usf-update-contents-missing.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson (revision 2):TOTAL_FAILED/FORMAT_FAILURE:other', 'SigPerson (revision 3):TOTAL_FAILED/FORMAT_FAILURE:none']],
    ['usf-update-contents-null.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson (revision 2):TOTAL_FAILED/FORMAT_FAILURE:other', 'SigPerson (revision 3):TOTAL_FAILED/FORMAT_FAILURE:none']],
    ['usf-update-contents-zeros.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson (revision 2):TOTAL_FAILED/FORMAT_FAILURE:other', 'SigPerson (revision 3):TOTAL_FAILED/FORMAT_FAILURE:none']],
    ['usf-update-filter-subfilter-missing.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson (revision 2):TOTAL_FAILED/FORMAT_FAILURE:other', 'SigPerson (revision 3):TOTAL_FAILED/FORMAT_FAILURE:none']],
    ['usf-update-signature-replayed-copy.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other', 'SigCopy:TOTAL_FAILED/FORMAT_FAILURE:none']],
    ['usf-update-signature-replayed-same-dict.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
  ];
  it.each(rows)('%s: %s', async (file, document, expected) => {
    const report = await check(file);
    expect([verdict(report), signatures(report)]).toEqual([document, expected]);
  });
});

describe('Incremental Saving Attack (CCS 2019): bodies, trailers and /Prev chains appended after signing', () => {
  const rows: readonly Row[] = [
    ['isa-body-and-trailer-no-xref.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['isa-body-only.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['isa-body-trailer-startxref-old.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['isa-startxref-at-trailer.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:none']],
    ['isa-update-crlf-cr.pdf', 'TOTAL_FAILED/HASH_FAILURE', ['SigPerson:TOTAL_FAILED/HASH_FAILURE:other']],
    ['isa-update-no-eof.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:none']],
    // Only the revision the /Prev misses is rebuilt, so the appended update is compared: the page change is named.
    ['isa-update-prev-into-gap.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['isa-update-prev-missing.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:none']],
    ['isa-update-prev-self.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:none']],
    ['isa-update-prev-zero.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:none']],
    ['isa-update-skipped-by-second-xref.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:none']],
    ['isa-update.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
  ];
  it.each(rows)('%s: %s', async (file, document, expected) => {
    const report = await check(file);
    expect([verdict(report), signatures(report)]).toEqual([document, expected]);
  });
});

describe('Signature Wrapping (CCS 2019): the signed bytes moved, objects in the /Contents gap', () => {
  const rows: readonly Row[] = [
    ['swa-openssl-object-between-ranges.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['swa-openssl-object-in-contents-padding.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['swa-openssl-second-part-moved.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:none']],
    ['swa-pdfsig-second-part-moved.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:none']],
  ];
  it.each(rows)('%s: %s', async (file, document, expected) => {
    const report = await check(file);
    expect([verdict(report), signatures(report)]).toEqual([document, expected]);
  });
});

describe('Shadow attacks (NDSS 2021): hide, replace, hide-and-replace with content already in the signed revision', () => {
  const rows: readonly Row[] = [
    ['shadow-base-signed.pdf', 'TOTAL_PASSED', ['SigPerson:TOTAL_PASSED:none']],
    ['shadow-fill-appearance-bbox-matrix.pdf', 'TOTAL_PASSED', ['SigPerson:TOTAL_PASSED:form-filling']],
    ['shadow-fill-flags-changed.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['shadow-fill-mk-added.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['shadow-fill-rect-enlarged.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['shadow-fill-rollover.pdf', 'TOTAL_PASSED', ['SigPerson:TOTAL_PASSED:form-filling']],
    ['shadow-hide-and-replace-kids.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['shadow-hide-and-replace-pages.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['shadow-hide-and-replace-root.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['shadow-hide-and-replace-xref-only.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['shadow-hide-overlay-appearance-emptied.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['shadow-hide-overlay-appearance-repointed.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['shadow-hide-overlay-hidden-flag.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['shadow-hide-overlay-moved.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['shadow-hide-overlay-removed.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['shadow-replace-choice-option-export.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['shadow-replace-choice-options.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['shadow-replace-content-array.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['shadow-replace-content-swapped.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['shadow-replace-content-xref-into-stream.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['shadow-replace-field-appearance-only.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['shadow-replace-field-appearance-stream.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['shadow-replace-field-da-white.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['shadow-replace-field-maxlen-quadding.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['shadow-replace-field-value.pdf', 'TOTAL_PASSED', ['SigPerson:TOTAL_PASSED:form-filling']],
    ['shadow-replace-field-widget-added.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['shadow-replace-font-form-dr.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['shadow-replace-font-object.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['shadow-replace-font-page-resource.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['shadow-replace-page-xref-only.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['shadow-replace-signature-widget-visible.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['shadow-replace-text-field-added.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
  ];
  it.each(rows)('%s: %s', async (file, document, expected) => {
    const report = await check(file);
    expect([verdict(report), signatures(report)]).toEqual([document, expected]);
  });
});

describe('Certification attacks (IEEE S&P 2021): Evil Annotation (with and without code) and Sneaky Signature under DocMDP P=1, 2, 3', () => {
  const rows: readonly Row[] = [
    ['cert-p1-eaa-freetext.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['cert-p1-eaa-ink.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['cert-p1-eaa-link-goto-next-hide.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['cert-p1-eaa-link-javascript.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['cert-p1-eaa-link-uri.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['cert-p1-eaa-overlay-page-open-javascript.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['cert-p1-eaa-overlay-removed.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['cert-p1-eaa-overlay-setocgstate.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['cert-p1-eaa-redact.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['cert-p1-eaa-screen.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['cert-p1-eaa-square.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['cert-p1-eaa-stamp.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['cert-p1-eaa-text-note.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['cert-p1-eaa-widget-restyled.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['cert-p1-fill-field.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['cert-p1-ssa-signed.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other', 'SigSneaky:TOTAL_PASSED:none']],
    ['cert-p1-ssa-unsigned.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['cert-p1.pdf', 'TOTAL_PASSED', ['SigPerson:TOTAL_PASSED:none']],
    ['cert-p2-eaa-freetext.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['cert-p2-eaa-ink.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['cert-p2-eaa-link-goto-next-hide.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['cert-p2-eaa-link-javascript.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['cert-p2-eaa-link-uri.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['cert-p2-eaa-overlay-page-open-javascript.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['cert-p2-eaa-overlay-removed.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['cert-p2-eaa-overlay-setocgstate.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['cert-p2-eaa-redact.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['cert-p2-eaa-screen.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['cert-p2-eaa-square.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['cert-p2-eaa-stamp.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['cert-p2-eaa-text-note.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['cert-p2-eaa-widget-restyled.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['cert-p2-fill-field.pdf', 'TOTAL_PASSED', ['SigPerson:TOTAL_PASSED:form-filling']],
    ['cert-p2-ssa-signed.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other', 'SigSneaky:TOTAL_PASSED:none']],
    ['cert-p2-ssa-unsigned.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['cert-p2.pdf', 'TOTAL_PASSED', ['SigPerson:TOTAL_PASSED:none']],
    ['cert-p3-eaa-freetext.pdf', 'TOTAL_PASSED', ['SigPerson:TOTAL_PASSED:annotations']],
    ['cert-p3-eaa-ink.pdf', 'TOTAL_PASSED', ['SigPerson:TOTAL_PASSED:annotations']],
    ['cert-p3-eaa-link-goto-next-hide.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['cert-p3-eaa-link-goto-then-javascript.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['cert-p3-eaa-link-goto.pdf', 'TOTAL_PASSED', ['SigPerson:TOTAL_PASSED:annotations']],
    ['cert-p3-eaa-link-javascript.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['cert-p3-eaa-link-uri.pdf', 'TOTAL_PASSED', ['SigPerson:TOTAL_PASSED:annotations']],
    ['cert-p3-eaa-overlay-page-open-javascript.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['cert-p3-eaa-overlay-removed.pdf', 'TOTAL_PASSED', ['SigPerson:TOTAL_PASSED:annotations']],
    ['cert-p3-eaa-overlay-setocgstate.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['cert-p3-eaa-redact.pdf', 'TOTAL_PASSED', ['SigPerson:TOTAL_PASSED:annotations']],
    ['cert-p3-eaa-screen.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['cert-p3-eaa-square.pdf', 'TOTAL_PASSED', ['SigPerson:TOTAL_PASSED:annotations']],
    ['cert-p3-eaa-stamp.pdf', 'TOTAL_PASSED', ['SigPerson:TOTAL_PASSED:annotations']],
    ['cert-p3-eaa-text-note.pdf', 'TOTAL_PASSED', ['SigPerson:TOTAL_PASSED:annotations']],
    ['cert-p3-eaa-widget-restyled.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['cert-p3-fill-field.pdf', 'TOTAL_PASSED', ['SigPerson:TOTAL_PASSED:form-filling']],
    ['cert-p3-ssa-signed.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other', 'SigSneaky:TOTAL_PASSED:none']],
    ['cert-p3-ssa-unsigned.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['cert-p3.pdf', 'TOTAL_PASSED', ['SigPerson:TOTAL_PASSED:none']],
  ];
  it.each(rows)('%s: %s', async (file, document, expected) => {
    const report = await check(file);
    expect([verdict(report), signatures(report)]).toEqual([document, expected]);
  });
});

describe('actions, attachments, encryption, optional content and page geometry changed after signing', () => {
  const rows: readonly Row[] = [
    ['other-catalog-dss-with-page.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['other-catalog-needappearances.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['other-catalog-perms-ur3.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['other-field-aa-javascript.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['other-field-action.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['other-names-embedded-file.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['other-names-javascript.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['other-oc-configs-added.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['other-oc-default-off-removed.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['other-oc-default-on.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['other-oc-group-usage.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['other-openaction-added-uri.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['other-openaction-redefined-javascript.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['other-page-aa-javascript.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['other-page-cropbox.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['other-page-rotate.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['other-page-userunit.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['other-trailer-encrypt-empty-password.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['*HgèëÔ1jç:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['other-trailer-encrypt.pdf', 'INDETERMINATE/SIGNED_DATA_NOT_FOUND', []],
  ];
  it.each(rows)('%s: %s', async (file, document, expected) => {
    const report = await check(file);
    expect([verdict(report), signatures(report)]).toEqual([document, expected]);
  });
});

describe('cross-reference tricks: free entries re-used, an object listed twice (in a table, an xref stream, an object stream), a hybrid update whose table and /XRefStm disagree', () => {
  const rows: readonly Row[] = [
    ['xref-free-then-gen1.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['xref-hybrid-stream-forged.pdf', 'TOTAL_PASSED', ['SigPerson:TOTAL_PASSED:none']],
    ['xref-hybrid-table-forged.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['xref-objstm-duplicate-number.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['xref-stream-entry-twice-forged-first.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['xref-stream-entry-twice-forged-last.pdf', 'TOTAL_PASSED', ['SigPerson:TOTAL_PASSED:none']],
    ['xref-table-entry-twice-forged-first.pdf', 'TOTAL_FAILED/FORMAT_FAILURE', ['SigPerson:TOTAL_FAILED/FORMAT_FAILURE:other']],
    ['xref-table-entry-twice-forged-last.pdf', 'TOTAL_PASSED', ['SigPerson:TOTAL_PASSED:none']],
  ];
  it.each(rows)('%s: %s', async (file, document, expected) => {
    const report = await check(file);
    expect([verdict(report), signatures(report)]).toEqual([document, expected]);
  });
});
