/**
 * The revocation data one validation works with: embedded and supplied CRLs and OCSP
 * responses (decoded once, on first use) plus what is fetched along the way, each with
 * its source.
 */
import type { RevocationSource } from '../../report/types.js';
import type { ValidationContext } from '../context.js';
import { derDefectMessage, PKI } from '../messages.js';
import { decodeCrl, type ParsedCrl } from './crl.js';
import { decodeOcspResponse, type ParsedOcspResponse } from './ocsp.js';

export interface CrlRecord {
  readonly crl: ParsedCrl;
  readonly source: RevocationSource;
}

export interface OcspRecord {
  readonly response: ParsedOcspResponse;
  readonly source: RevocationSource;
}

/**
 * CRLs plus OCSP responses decoded per validation at most (readable or not); more is a
 * hostile input (a real document carries a handful). Beyond it, data is skipped with
 * one warning.
 */
export const MAX_REVOCATION_ITEMS = 512;

export class RevocationPool {
  readonly crls: CrlRecord[] = [];
  readonly ocsp: OcspRecord[] = [];
  readonly #seen = new Set<string>();
  #overflowReported = false;
  #attempts = 0;

  #overflow(ctx: ValidationContext, source: RevocationSource): undefined {
    if (!this.#overflowReported) ctx.messages.push(PKI.PKI_REVOCATION_DATA_LIMIT({ source, limit: MAX_REVOCATION_ITEMS }));
    this.#overflowReported = true;
    return undefined;
  }

  async addCrl(der: Uint8Array, source: RevocationSource, ctx: ValidationContext): Promise<CrlRecord | undefined> {
    if (++this.#attempts > MAX_REVOCATION_ITEMS) return this.#overflow(ctx, source);
    try {
      const crl = await decodeCrl(der);
      if (this.#seen.has(crl.sha256)) return upgrade(this.crls, (r) => r.crl.sha256 === crl.sha256, source);
      this.#seen.add(crl.sha256);
      const record = { crl, source };
      this.crls.push(record);
      return record;
    } catch (error) {
      ctx.messages.push(PKI.PKI_CRL_UNREADABLE({ source, detail: (error as Error).message }));
      const defect = derDefectMessage(error);
      if (defect) ctx.messages.push(defect);
      return undefined;
    }
  }

  async addOcsp(der: Uint8Array, source: RevocationSource, ctx: ValidationContext): Promise<OcspRecord | undefined> {
    if (++this.#attempts > MAX_REVOCATION_ITEMS) return this.#overflow(ctx, source);
    try {
      const response = await decodeOcspResponse(der);
      if (this.#seen.has(response.sha256)) return upgrade(this.ocsp, (r) => r.response.sha256 === response.sha256, source);
      this.#seen.add(response.sha256);
      const record = { response, source };
      this.ocsp.push(record);
      return record;
    } catch (error) {
      ctx.messages.push(PKI.PKI_OCSP_UNREADABLE({ source, detail: (error as Error).message }));
      const defect = derDefectMessage(error);
      if (defect) ctx.messages.push(defect);
      return undefined;
    }
  }
}

/**
 * The record already held for data seen again. Data the document embeds that the caller
 * also supplied (or that was fetched) counts as asked for: out of date, it gives
 * TRY_LATER, not the soft pass of embedded-only data (check.ts).
 */
function upgrade<R extends { readonly source: RevocationSource }>(records: R[], same: (r: R) => boolean, source: RevocationSource): R | undefined {
  const index = records.findIndex(same);
  const existing = records[index];
  if (!existing || existing.source !== 'embedded' || source === 'embedded') return existing;
  const upgraded = { ...existing, source };
  records[index] = upgraded;
  return upgraded;
}

/** The validation's pool, decoding the embedded and supplied data on first use. */
export function revocationPool(ctx: ValidationContext): Promise<RevocationPool> {
  let pending = ctx.shared.revocationPool as Promise<RevocationPool> | undefined;
  if (!pending) {
    pending = (async () => {
      const pool = new RevocationPool();
      const s = ctx.revocationSources;
      for (const der of s.embeddedCrls) await pool.addCrl(der, 'embedded', ctx);
      for (const der of s.suppliedCrls) await pool.addCrl(der, 'supplied', ctx);
      for (const der of s.embeddedOcsp) await pool.addOcsp(der, 'embedded', ctx);
      for (const der of s.suppliedOcsp) await pool.addOcsp(der, 'supplied', ctx);
      return pool;
    })();
    ctx.shared.revocationPool = pending;
  }
  return pending;
}
