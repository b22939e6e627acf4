/**
 * Depth-first path building from a certificate through unordered candidates to an
 * anchor (RFC 4158 in spirit).
 *
 * An issuer candidate must have the child's issuer name as its subject (RFC 5280 §7.1
 * comparison) and, when both key identifiers are present, a subjectKeyIdentifier equal
 * to the child's authorityKeyIdentifier. Candidates are tried anchors first, then
 * those whose key identifier matches, then those valid at `at`. A certificate (or the
 * same subject name with the same key, as cross-certificates repeat) never appears
 * twice in one path, so loops end. Each link's signature is checked as the path
 * grows. Every call and signature check is charged to the work budget; an exhausted
 * budget throws BudgetExhausted and ends the search.
 *
 * When a certificate has no known issuer and a fetcher is given, its AIA caIssuers
 * URLs (http/https only) are fetched and the certificates found become candidates.
 */
import { caIssuerUrls, certificateLabel, decodeCertificate, type ParsedCertificate } from './certificate.js';
import { RANK, type Attempt, type PathNode, type ValidationContext } from './context.js';
import { bytesEqual } from './encoding.js';
import { PKI } from './messages.js';
import { MAX_RSA_EXPONENT_BITS, MAX_RSA_MODULUS_BITS } from './signature.js';
import { parseCertificates } from './parse.js';
import { fetchNoted, shownUrl } from './revocation/fetch-policy.js';

/** Called with each complete path (leaf first, anchor last). Returns true to stop the search. */
export type PathVisitor = (path: readonly PathNode[]) => Promise<boolean>;

export interface BuildOptions {
  /** Only these anchors end a path (nested validations of CRL/OCSP signers use the main path's anchor). */
  readonly anchorFilter?: (anchor: ParsedCertificate) => boolean;
  readonly record: (attempt: Attempt) => void;
}

function sameKey(a: ParsedCertificate, b: ParsedCertificate): boolean {
  return a.subject.key === b.subject.key && bytesEqual(a.spki, b.spki);
}

function keyIdentifiersCompatible(child: ParsedCertificate, issuer: ParsedCertificate): boolean {
  return child.authorityKeyIdentifier === undefined || issuer.subjectKeyIdentifier === undefined || child.authorityKeyIdentifier === issuer.subjectKeyIdentifier;
}

function issuerOrder(child: ParsedCertificate, at: Date) {
  return (node: PathNode): number => {
    let score = node.source === 'anchor' ? 0 : 4;
    if (child.authorityKeyIdentifier === undefined || child.authorityKeyIdentifier !== node.cert.subjectKeyIdentifier) score += 2;
    if (at < node.cert.notBefore || at > node.cert.notAfter) score += 1;
    return score;
  };
}

async function fetchIssuers(cert: ParsedCertificate, ctx: ValidationContext): Promise<boolean> {
  const fetcher = ctx.settings.fetcher;
  if (!fetcher) return false;
  let added = false;
  for (const url of caIssuerUrls(cert).filter((u) => /^https?:\/\//i.test(u)).slice(0, 3)) {
    await fetchNoted(ctx, 'issuer certificate', url, url, async () => {
      for (const der of parseCertificates(await fetcher.fetchCertificates(url), url)) {
        const fetched = await decodeCertificate(der);
        if (ctx.pool.add({ cert: fetched, source: 'fetched' })) {
          added = true;
          ctx.messages.push(PKI.PKI_ISSUER_FETCHED({ issuer: certificateLabel(fetched), url: shownUrl(url) }));
        }
      }
    });
  }
  return added;
}

function findIssuers(cert: ParsedCertificate, ctx: ValidationContext, options: BuildOptions): PathNode[] {
  const found: PathNode[] = [];
  for (const node of ctx.pool.bySubjectKey(cert.issuer.key)) {
    if (node.cert.sha256 === cert.sha256) continue;
    if (node.source === 'anchor' && options.anchorFilter && !options.anchorFilter(node.cert)) continue;
    if (keyIdentifiersCompatible(cert, node.cert)) found.push(node);
  }
  return found;
}

/**
 * The candidates in issuerOrder, ties kept in pool order (a stable insertion sort: there
 * are one to a few). Loops that push rather than map/sort/map: V8's optimised `map`
 * returns arrays of another elements kind than the unoptimised one, which threw away
 * `extend`'s compiled code once per run.
 */
function inIssuerOrder(cert: ParsedCertificate, found: readonly PathNode[], at: Date): PathNode[] {
  const order = issuerOrder(cert, at);
  const ordered: PathNode[] = [];
  const scores: number[] = [];
  for (const node of found) {
    const score = order(node);
    let slot = ordered.length;
    while (slot > 0 && scores[slot - 1]! > score) slot--;
    ordered.splice(slot, 0, node);
    scores.splice(slot, 0, score);
  }
  return ordered;
}

/**
 * Searches paths from `leaf`. Resolves true when the visitor accepted a path. Throws
 * BudgetExhausted when the budget runs out.
 */
export async function buildPaths(leaf: PathNode, ctx: ValidationContext, visit: PathVisitor, options: BuildOptions): Promise<boolean> {
  const maxDepth = ctx.budget.limits.maxDepth;

  const extend = async (path: PathNode[]): Promise<boolean> => {
    ctx.budget.spend('buildCalls');
    const current = (path[path.length - 1] as PathNode).cert;
    let found = findIssuers(current, ctx, options);
    // Only a fetcher can add issuers; without one, no promise is made for nothing.
    if (found.length === 0 && ctx.settings.fetcher && (await fetchIssuers(current, ctx))) found = findIssuers(current, ctx, options);
    const issuers = inIssuerOrder(current, found, ctx.settings.at);
    if (issuers.length === 0) {
      options.record({
        rank: RANK.noIssuer,
        status: 'invalid',
        subIndication: 'NO_CERTIFICATE_CHAIN_FOUND',
        messages: [PKI.PKI_NO_CHAIN({ subject: certificateLabel(current), issuer: current.issuerText })],
        rejected: current,
        path,
        revocation: [],
      });
      return false;
    }
    for (const issuer of issuers) {
      if (path.some((node) => node.cert.sha256 === issuer.cert.sha256 || sameKey(node.cert, issuer.cert))) continue;
      if (issuer.source !== 'anchor' && path.length > maxDepth) {
        options.record({
          rank: RANK.pathTooLong,
          status: 'invalid',
          subIndication: 'CHAIN_CONSTRAINTS_FAILURE',
          messages: [PKI.PKI_PATH_TOO_LONG({ subject: certificateLabel(leaf.cert), limit: maxDepth })],
          rejected: issuer.cert,
          path,
          revocation: [],
        });
        continue;
      }
      if (!current.signatureAlgorithmConsistent) {
        options.record({
          rank: RANK.signature,
          status: 'invalid',
          subIndication: 'CHAIN_CONSTRAINTS_FAILURE',
          messages: [PKI.PKI_SIGNATURE_ALGORITHM_MISMATCH({ subject: certificateLabel(current) })],
          rejected: current,
          path,
          revocation: [],
        });
        return false;
      }
      const signature = await ctx.checkCertificateSignature(current, issuer.cert);
      if (!signature.ok) {
        const subject = certificateLabel(current);
        options.record({
          rank: RANK.signature,
          status: 'invalid',
          subIndication: 'CHAIN_CONSTRAINTS_FAILURE',
          messages: [
            signature.oversized
              ? PKI.PKI_RSA_KEY_TOO_LARGE({
                  subject,
                  issuer: certificateLabel(issuer.cert),
                  ...signature.oversized,
                  maxModulusBits: MAX_RSA_MODULUS_BITS,
                  maxExponentBits: MAX_RSA_EXPONENT_BITS,
                })
              : signature.reason === 'unsupported'
                ? PKI.PKI_SIGNATURE_UNSUPPORTED({ subject, detail: signature.detail })
                : PKI.PKI_SIGNATURE_INVALID({ subject, issuer: certificateLabel(issuer.cert) }),
          ],
          rejected: current,
          path,
          revocation: [],
        });
        continue;
      }
      const next = [...path, issuer];
      if (issuer.source === 'anchor') {
        if (await visit(next)) return true;
      } else if (await extend(next)) {
        return true;
      }
    }
    return false;
  };

  return extend([leaf]);
}
