/**
 * kyso for browsers: the core (`kyso`) plus what a page needs around it — a ByteSource
 * over a picked File (read slice by slice, never whole), WebAssembly hashing, an opt-in fetch()-based
 * revocation fetcher, and telling CRLs from OCSP responses in files the user supplies.
 * Nothing here touches the network unless the page passes the fetcher to verify().
 *
 * @module kyso/browser
 */
export * from './index.js';
export { blobSource } from './browser/blob-source.js';
export { createFetchFetcher, FETCH_FETCHER_DEFAULTS } from './browser/fetch-fetcher.js';
export type { FetchFetcherOptions } from './browser/fetch-fetcher.js';
export { createWasmHashFactory } from './browser/wasm-hash.js';
export { classifyRevocationData } from './formats/revocation.js';
export type { RevocationFile } from './formats/revocation.js';
