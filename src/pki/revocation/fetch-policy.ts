/**
 * What kyso agrees to fetch. The URLs come from certificates, so from whoever made the
 * document: a self-made certificate can name any URL, and a server that verifies uploads
 * must not be steered into its own network (SSRF) or used to probe it.
 *
 * Warnings first:
 * - The address rule can only be kept where the connection is made. The Node fetcher
 *   resolves each name once and connects to the address it checked (no second lookup that a
 *   rebinding DNS server could answer differently); a browser resolves names itself, so the
 *   browser fetcher checks the URL's shape only and leaves addresses to the browser's own
 *   rules (CORS, Private Network Access).
 * - A custom RevocationFetcher is the caller's to guard; `verify` still bounds how many
 *   requests a document makes and for how long (fetch-budget.ts).
 *
 * Public means globally routable: not loopback, private (RFC 1918, fc00::/7), shared
 * (100.64/10), link-local (169.254/16 with cloud metadata at 169.254.169.254, fe80::/10),
 * unspecified, multicast, reserved, documentation or benchmarking space (the IANA
 * special-purpose registries). IPv6 outside 2000::/3 is not public; an IPv6 address that
 * carries an IPv4 one (mapped ::ffff:0:0/96, NAT64 64:ff9b::/96, 6to4 2002::/16) is judged by
 * the IPv4 address it carries. Decimal, octal and hex IPv4 forms (http://2130706433/,
 * http://0x7f.1/, http://127.1/) need no rule of their own: the WHATWG URL parser turns them
 * into dotted quads before anything looks at them.
 */
import type { Message } from '../../report/messages.js';
import { MAX_FETCHES, type ValidationContext } from '../context.js';
import { PKI } from '../messages.js';

export type FetchErrorCode =
  | 'scheme'
  | 'timeout'
  | 'too-large'
  | 'http-status'
  | 'redirect'
  | 'network'
  /** The URL leads to an address that is not public, and private networks are not allowed. */
  | 'refused-address'
  /** The URL itself is refused: user name or password, a port kyso does not fetch from, too long. */
  | 'refused-url'
  /** The document's bound on requests was reached (fetch-budget.ts). */
  | 'document-fetches'
  /** The document's bound on time spent fetching was reached (fetch-budget.ts). */
  | 'document-time';

export class FetchError extends Error {
  override readonly name = 'FetchError';
  /** The bounds that were reached, for `document-fetches` and `document-time`. */
  readonly limits?: DocumentFetchLimits;
  constructor(
    readonly code: FetchErrorCode,
    message: string,
    options?: { cause?: unknown; limits?: DocumentFetchLimits },
  ) {
    super(message, options);
    if (options?.limits) this.limits = options.limits;
  }
}

/** Longest URL fetched, in characters (the common practical limit of servers and proxies). */
export const MAX_URL_LENGTH = 2048;

/**
 * Ports fetched from: the defaults of http and https, and the unprivileged ones, where CAs put
 * responders (8080, 8888...). The other privileged ports are mail, SSH, LDAP, databases:
 * services a URL from a document has no business talking to.
 */
function allowedPort(url: URL): boolean {
  if (url.port === '') return true;
  const port = Number(url.port);
  return port === 80 || port === 443 || port >= 1024;
}

/** A URL shortened for a report: a hostile certificate's URL can be as long as the certificate. */
export function shownUrl(url: string): string {
  const SHOWN = 200;
  return url.length > SHOWN ? `${url.slice(0, SHOWN)}…` : url;
}

/**
 * The URL parsed, if kyso fetches from its shape: http or https, no user name or password, an
 * allowed port, at most MAX_URL_LENGTH characters. Throws FetchError otherwise.
 */
export function checkUrlShape(url: string): URL {
  if (url.length > MAX_URL_LENGTH) throw new FetchError('refused-url', `${shownUrl(url)} is longer than ${MAX_URL_LENGTH} characters`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new FetchError('scheme', `not a valid URL: ${shownUrl(url)}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new FetchError('scheme', `only http and https URLs are fetched, not ${parsed.protocol} (${shownUrl(url)})`);
  }
  if (parsed.username !== '' || parsed.password !== '') throw new FetchError('refused-url', `${shownUrl(url)} carries a user name or password`);
  if (!allowedPort(parsed)) throw new FetchError('refused-url', `${shownUrl(url)} names port ${parsed.port}; only 80, 443 and ports from 1024 are fetched`);
  return parsed;
}

/** Dotted-quad IPv4 as 4 bytes (the only form left once the URL parser or a resolver is done). */
function ipv4Bytes(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.map(Number);
}

/** IPv6 text (with :: and a dotted tail allowed, no zone) as 16 bytes. */
function ipv6Bytes(text: string): number[] | undefined {
  let head = text;
  const lastColon = text.lastIndexOf(':');
  const dotted = text.slice(lastColon + 1);
  if (dotted.includes('.')) {
    const v4 = ipv4Bytes(dotted);
    if (!v4) return undefined;
    head = `${text.slice(0, lastColon + 1)}${((v4[0]! << 8) | v4[1]!).toString(16)}:${((v4[2]! << 8) | v4[3]!).toString(16)}`;
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const groups = (part: string): number[] | undefined => {
    if (part === '') return [];
    const out: number[] = [];
    for (const group of part.split(':')) {
      if (!/^[0-9a-f]{1,4}$/i.test(group)) return undefined;
      out.push(parseInt(group, 16));
    }
    return out;
  };
  const front = groups(halves[0]!);
  const back = halves.length === 2 ? groups(halves[1]!) : [];
  if (!front || !back) return undefined;
  const known = front.length + back.length;
  if (halves.length === 1 ? known !== 8 : known > 7) return undefined;
  const all = [...front, ...new Array<number>(8 - known).fill(0), ...back];
  return all.flatMap((g) => [g >> 8, g & 0xff]);
}

/** An IP address as 4 or 16 bytes, or undefined when the text is not one (a name, or a scoped IPv6). */
export function addressBytes(text: string): number[] | undefined {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  return bare.includes(':') ? ipv6Bytes(bare) : ipv4Bytes(bare);
}

type Prefix = readonly [bytes: readonly number[], length: number];

function prefix(text: string): Prefix {
  const [address, length] = text.split('/') as [string, string];
  return [addressBytes(address) as number[], Number(length)];
}

function inPrefix(address: readonly number[], [bytes, length]: Prefix): boolean {
  if (address.length !== bytes.length) return false;
  for (let bit = 0; bit < length; bit += 8) {
    const mask = length - bit >= 8 ? 0xff : (0xff << (8 - (length - bit))) & 0xff;
    if (((address[bit / 8]! ^ bytes[bit / 8]!) & mask) !== 0) return false;
  }
  return true;
}

/** IPv4 space that is not globally reachable (IANA IPv4 special-purpose registry). */
const NOT_PUBLIC_V4 = [
  '0.0.0.0/8', // "this network", unspecified (0.0.0.0 reaches the local host on Linux)
  '10.0.0.0/8', // RFC 1918
  '100.64.0.0/10', // shared address space (carrier-grade NAT)
  '127.0.0.0/8', // loopback
  '169.254.0.0/16', // link-local, cloud metadata services
  '172.16.0.0/12', // RFC 1918
  '192.0.0.0/24', // IETF protocol assignments
  '192.0.2.0/24', // documentation
  '192.88.99.0/24', // 6to4 relay anycast (deprecated)
  '192.168.0.0/16', // RFC 1918
  '198.18.0.0/15', // benchmarking
  '198.51.100.0/24', // documentation
  '203.0.113.0/24', // documentation
  '224.0.0.0/4', // multicast
  '240.0.0.0/4', // reserved, and 255.255.255.255 broadcast
].map(prefix);

/** Global unicast IPv6; everything outside it (loopback, fc00::/7, fe80::/10, ff00::/8, ::) is not public. */
const GLOBAL_V6 = prefix('2000::/3');
const NOT_PUBLIC_V6 = [
  '2001::/23', // IETF protocol assignments (Teredo, benchmarking, ORCHID)
  '2001:db8::/32', // documentation
  '3fff::/20', // documentation (RFC 9637)
].map(prefix);
/** IPv6 prefixes that carry an IPv4 address, and where it sits. */
const CARRIES_V4: readonly (readonly [Prefix, number])[] = [
  [prefix('::ffff:0:0/96'), 12], // IPv4-mapped
  [prefix('64:ff9b::/96'), 12], // NAT64 well-known prefix
  [prefix('2002::/16'), 2], // 6to4
];

/** The IPv4 address an IPv6 one carries (mapped, NAT64, 6to4), or the address itself. */
function effective(address: readonly number[]): readonly number[] {
  if (address.length === 4) return address;
  for (const [carrier, at] of CARRIES_V4) if (inPrefix(address, carrier)) return address.slice(at, at + 4);
  return address;
}

/** Whether an IP address (text, as a URL host or a resolver gives it) is globally routable. Not an address: false. */
export function isPublicAddress(text: string): boolean {
  const parsed = addressBytes(text);
  if (!parsed) return false;
  const address = effective(parsed);
  if (address.length === 4) return !NOT_PUBLIC_V4.some((p) => inPrefix(address, p));
  return inPrefix(address, GLOBAL_V6) && !NOT_PUBLIC_V6.some((p) => inPrefix(address, p));
}

/**
 * `allowPrivateNetworks` of a fetcher: true allows every address, a list allows the public ones
 * and those it names (addresses or CIDR prefixes, IPv4 or IPv6). Throws TypeError for a bad list.
 */
export function addressRule(allow: boolean | readonly string[] | undefined): (address: string) => boolean {
  if (allow === undefined || allow === false) return isPublicAddress;
  if (allow === true) return () => true;
  if (!Array.isArray(allow)) throw new TypeError('allowPrivateNetworks must be a boolean or a list of addresses and CIDR prefixes');
  const allowed = allow.map((entry: unknown) => {
    const [address = '', length, ...rest] = typeof entry === 'string' ? entry.split('/') : [];
    const bytes = addressBytes(address);
    const bits = bytes ? bytes.length * 8 : 0;
    const size = length === undefined ? bits : /^\d{1,3}$/.test(length) ? Number(length) : -1;
    if (!bytes || rest.length > 0 || size < 0 || size > bits) throw new TypeError(`allowPrivateNetworks: ${String(entry)} is not an address or a CIDR prefix`);
    return [bytes, size] as Prefix;
  });
  return (text) => {
    if (isPublicAddress(text)) return true;
    const address = addressBytes(text);
    if (!address) return false;
    return allowed.some((p) => inPrefix(address, p) || inPrefix(effective(address), p));
  };
}

/** The document's bounds (fetch-budget.ts) as they reach the report. */
export interface DocumentFetchLimits {
  /** Distinct requests per document. */
  readonly maxFetches: number;
  /** Wall-clock time spent fetching per document, from its first request, in milliseconds. */
  readonly timeMs: number;
}

/** What a validation fetches, as a report names it (`what`, kept in English for machines, and in Vietnamese). */
export type FetchedThing = 'issuer certificate' | 'OCSP response' | 'CRL';
const FETCHED_VI: Readonly<Record<FetchedThing, string>> = {
  'issuer certificate': 'chứng thư số của tổ chức phát hành',
  'OCSP response': 'phản hồi OCSP',
  CRL: 'danh sách chứng thư bị thu hồi (CRL)',
};

/**
 * Why a fetch failed, in Vietnamese, for the fetcher's own failures; the English sentence keeps
 * the fetcher's words (URL, status, limit). Other errors (a custom fetcher's) are shown as thrown.
 */
const FAILURE_VI: Partial<Readonly<Record<FetchErrorCode, string>>> = {
  scheme: 'chỉ tải qua http hoặc https',
  timeout: 'máy chủ không trả lời trong thời hạn cho phép',
  'too-large': 'phản hồi vượt quá giới hạn kích thước',
  'http-status': 'máy chủ trả về mã lỗi HTTP',
  redirect: 'chuyển hướng không được chấp nhận',
  network: 'không kết nối được hoặc kết nối bị ngắt',
};

/** The report's message for a failed fetch: refusals and bounds have codes of their own (vi/en), any other failure is PKI_FETCH_FAILED with the fetcher's words. */
function failureMessage(what: FetchedThing, url: string, error: unknown): Message {
  if (error instanceof FetchError) {
    switch (error.code) {
      case 'refused-address':
        return PKI.PKI_FETCH_REFUSED_ADDRESS({ url });
      case 'refused-url':
        return PKI.PKI_FETCH_REFUSED_URL({ url, maxLength: MAX_URL_LENGTH });
      case 'document-fetches':
        return PKI.PKI_FETCH_DOCUMENT_LIMIT({ url, limit: error.limits?.maxFetches ?? '?' });
      case 'document-time':
        return PKI.PKI_FETCH_DOCUMENT_TIME({ url, seconds: error.limits ? error.limits.timeMs / 1000 : '?' });
      default:
        break;
    }
  }
  const detail = error instanceof Error ? error.message : String(error);
  const detailVi = (error instanceof FetchError ? FAILURE_VI[error.code] : undefined) ?? detail;
  return PKI.PKI_FETCH_FAILED({ what, whatVi: FETCHED_VI[what], url, detail, detailVi });
}

function isLimit(error: unknown): boolean {
  return error instanceof FetchError && (error.code === 'document-fetches' || error.code === 'document-time');
}

/**
 * One network fetch of a validation, `key` naming what is asked: made at most once per key and
 * within MAX_FETCHES, its failure (fetching or using the answer) reported in the validation's
 * messages; a bound is reported once. Resolves to `use`'s result, or undefined when nothing came of it.
 */
export async function fetchNoted<T>(ctx: ValidationContext, what: FetchedThing, url: string, key: string, use: () => Promise<T>): Promise<T | undefined> {
  const shown = shownUrl(url);
  const taken = ctx.takeFetch(key);
  if (taken === 'seen') return undefined;
  if (taken === 'limit') {
    if (!ctx.shared.fetchLimitNoted) ctx.messages.push(PKI.PKI_FETCH_LIMIT({ limit: MAX_FETCHES, url: shown }));
    ctx.shared.fetchLimitNoted = true;
    return undefined;
  }
  try {
    return await use();
  } catch (error) {
    if (isLimit(error)) {
      if (!ctx.shared.fetchLimitNoted) ctx.messages.push(failureMessage(what, shown, error));
      ctx.shared.fetchLimitNoted = true;
    } else ctx.messages.push(failureMessage(what, shown, error));
    return undefined;
  }
}
