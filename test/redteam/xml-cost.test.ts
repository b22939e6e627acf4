/**
 * Red team (rt10, X1-X6): small XML documents whose references once cost tens of seconds of
 * CPU (samples/make-attacks-xml-cost.py; test/fixtures/attacks/xml/README.md). A reference
 * pays for what its transforms read, whatever their outcome, out of the document's budgets;
 * past them it is unchecked (XML_WORK_LIMIT, XML_XPATH_WORK_LIMIT), never passed. Only the
 * verdicts are asserted here (never timing: bench/ measures that); several inputs report the
 * same with and without the bounds and only ran much longer.
 */
import { describe, expect, it } from 'vitest';
import type { DocumentReport } from '../../src/report/types.js';
import { checkXmlAttack, verdicts } from './xml-fixtures.js';

const check = checkXmlAttack;
/** The XML layer's message codes, sorted, each once. */
const codes = (report: DocumentReport): string[] => [...new Set(report.signatures.flatMap((s) => s.messages.map((m) => m.code)))].filter((code) => code.startsWith('XML_')).sort();

describe('reference work is charged as it runs, whatever the outcome', () => {
  it.each<[string, string, string[]]>([
    // X1b: 100 references canonicalise the whole document, then enveloped-signature refuses the octets.
    ['cost-c14n-then-enveloped.xml', 'INDETERMINATE/NO_SIGNING_CERTIFICATE_FOUND', ['XML_NO_CERTIFICATE', 'XML_TRANSFORM_FAILED', 'XML_WORK_LIMIT']],
    // X1a: 200 base64 transforms over URI="", each a whole-document walk that finds no text.
    ['cost-base64-whole-document.xml', 'TOTAL_FAILED/FORMAT_FAILURE', ['XML_NO_CERTIFICATE', 'XML_TRANSFORM_FAILED', 'XML_WORK_LIMIT']],
    // X4: every element re-binds one of the root's 254 namespaces: each copies the scope, and pays for it.
    ['cost-namespaces-rebound.xml', 'TOTAL_FAILED/HASH_FAILURE', ['XML_NO_CERTIFICATE', 'XML_REFERENCE_DIGEST_MISMATCH', 'XML_WORK_LIMIT']],
    // X6: the XPath `1` at every node of a 250-deep document: an evaluation is priced by what it costs.
    ['cost-xpath-deep.xml', 'TOTAL_FAILED/HASH_FAILURE', ['XML_NO_CERTIFICATE', 'XML_REFERENCE_DIGEST_MISMATCH', 'XML_XPATH_WORK_LIMIT']],
  ])('%s stops at the budget', async (name, verdict, expected) => {
    const report = await check(name);
    expect(verdicts(report)).toEqual([verdict]);
    expect(codes(report)).toEqual(expected);
  });

  it.each([
    // X2: eight Filter 2.0 transforms per reference; the document's nodes are counted once, not per transform.
    ['cost-filter2-per-transform.xml'],
    // X3: enveloped-signature then XPath: the removed Signature's large Object is skipped, not walked per reference.
    ['cost-enveloped-xpath-object.xml'],
    // X4: every element re-declares a namespace already in scope: the scope is shared, not copied.
    ['cost-namespaces-redeclared.xml'],
    // X5: 300 references below a parent with 10,000 attributes: its scope is read once per document.
    ['cost-ancestor-attributes.xml'],
    // Each reference's element path: the target's 30,000 preceding siblings are numbered once, not per reference.
    ['cost-siblings-before-target.xml'],
  ])('%s: every reference is checked (and fails its dummy digest)', async (name) => {
    const report = await check(name);
    expect(verdicts(report)).toEqual(['TOTAL_FAILED/HASH_FAILURE']);
    expect(codes(report)).toEqual(['XML_NO_CERTIFICATE', 'XML_REFERENCE_DIGEST_MISMATCH']);
  });
});
