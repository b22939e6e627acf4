/** Helpers for pki tests: real certificates, samples, and small expectations. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { parseCertificates } from '../../src/pki/parse.js';
import type { PathResult, PathStatus, PolicyInputs } from '../../src/pki/types.js';
import { SAMPLES, SHARED } from '../helpers.js';

export const CERTS = fileURLToPath(new URL('../../certs/', import.meta.url));
export const VN_CA = `${SHARED}vn-ca/`;
export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

export function certFile(path: string): Uint8Array {
  const [der] = parseCertificates(new Uint8Array(readFileSync(path)), path);
  return der as Uint8Array;
}

export function sampleCert(name: string): Uint8Array {
  return certFile(`${SAMPLES}${name}`);
}

export function bytes(path: string): Uint8Array {
  return new Uint8Array(readFileSync(path));
}

/** Fails with the report's messages in view, so a wrong verdict explains itself. */
export function expectStatus(result: PathResult, status: PathStatus, subIndication?: string): void {
  const summary = { status: result.status, subIndication: result.subIndication, messages: result.messages.map((m) => `${m.code}: ${m.en}`) };
  expect(summary.status, JSON.stringify(summary, null, 2)).toBe(status);
  if (subIndication !== undefined) expect(result.subIndication, JSON.stringify(summary, null, 2)).toBe(subIndication);
}

export function codes(result: PathResult): string[] {
  return result.messages.map((m) => m.code);
}

/** One NIST PKITS case as ../shared/conformance/pkits/cases.json describes it. */
export interface PkitsCase {
  id: string;
  name: string;
  leaf: string;
  certs: string[];
  crls: string[];
  expect: PathStatus;
  requireRevocation: boolean;
  policy?: PolicyInputs;
}

export const PKITS = `${SHARED}conformance/pkits/`;

export function pkitsCases(): PkitsCase[] {
  return JSON.parse(readFileSync(`${PKITS}cases.json`, 'utf8')) as PkitsCase[];
}

export function pkitsFile(dir: 'certs' | 'crls', name: string): Uint8Array {
  return new Uint8Array(readFileSync(`${PKITS}${dir}/${name}`));
}
