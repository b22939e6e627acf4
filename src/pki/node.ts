/** Node-only parts of pki/: the HTTP fetcher for revocation data and missing issuers. */
export { createHttpFetcher, FetchError, HTTP_FETCHER_DEFAULTS } from './revocation/http-fetcher.js';
export type { FetchErrorCode, HttpFetcherCacheOptions, HttpFetcherOptions } from './revocation/http-fetcher.js';
