/**
 * validateCertificatePath: builds and validates a certificate path, then checks
 * revocation. See types.ts for the contract.
 *
 * What is checked: path building over unordered candidates (path-builder.ts), RFC 5280
 * §6.1 processing of each complete path (path-processing.ts), then revocation
 * (revocation/check.ts) of the path that passed. When every candidate path fails, the
 * most specific failure is reported (RANK in context.ts) with the certificate it
 * rejected.
 *
 * What is not: algorithm acceptance by date (SHA-1, key sizes) — the caller's policy.
 * Anchor constraints (RFC 5937) apply unless `anchorConstraints` says `name-and-key`.
 * Unsupported signature algorithms (DSA…) never pass.
 *
 * Bad options (not a Date, unknown mode) throw TypeError; bad certificates never throw.
 */
import type { Message } from '../report/messages.js';
import type { CertificateRevocation } from '../report/types.js';
import type { PathCertificate, PathResult, PolicyInputs, ValidatePathInput } from './types.js';
import { BudgetExhausted, resolveBudget, WorkBudget } from './budget.js';
import { certificateLabel, decodeCertificate, knownDecoding, type ParsedCertificate } from './certificate.js';
import {
  CertificatePool,
  certificatesOf,
  decodeAll,
  RANK,
  ValidationContext,
  type Attempt,
  type PathNode,
  type RevocationSources,
  type ValidationSettings,
} from './context.js';
import { derDefectMessage, PKI } from './messages.js';
import { buildPaths } from './path-builder.js';
import { checkUsage, checkValidity, processPath } from './path-processing.js';
import { checkPathRevocation } from './revocation/check.js';

/**
 * Unreadable candidates named one by one; the rest are counted in one message. A document can
 * send thousands (a DSS of junk), and each validation of each signature named them all again.
 */
const MAX_UNREADABLE_NOTED = 16;

const MODES = new Set(['require', 'if-available', 'off']);
const USAGES = new Set(['document-signing', 'timestamping', 'ocsp-signing', 'any']);

function checkDate(value: unknown, name: string): Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new TypeError(`${name} must be a valid Date`);
  return value;
}

function checkBytesList(value: unknown, name: string): readonly Uint8Array[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((v) => v instanceof Uint8Array)) throw new TypeError(`${name} must be an array of Uint8Array`);
  return value as Uint8Array[];
}

const OID_PATTERN = /^[0-2](\.(0|[1-9][0-9]*))+$/;

function checkPolicy(policy: ValidatePathInput['policy']): PolicyInputs {
  if (policy === undefined) return {};
  if (policy === null || typeof policy !== 'object') throw new TypeError('policy must be an object');
  const set = policy.initialPolicySet;
  if (set !== undefined && (!Array.isArray(set) || !set.every((p) => typeof p === 'string' && OID_PATTERN.test(p)))) {
    throw new TypeError('policy.initialPolicySet must be an array of dotted OIDs');
  }
  for (const key of ['initialExplicitPolicy', 'initialPolicyMappingInhibit', 'initialAnyPolicyInhibit'] as const) {
    if (policy[key] !== undefined && typeof policy[key] !== 'boolean') throw new TypeError(`policy.${key} must be a boolean`);
  }
  return policy;
}

function settingsOf(input: ValidatePathInput): ValidationSettings {
  if (input === null || typeof input !== 'object') throw new TypeError('validateCertificatePath needs an input object');
  if (!(input.leaf instanceof Uint8Array)) throw new TypeError('leaf must be a Uint8Array (DER certificate)');
  checkBytesList(input.trustAnchors, 'trustAnchors');
  if (input.trustAnchors === undefined) throw new TypeError('trustAnchors is required');
  checkBytesList(input.intermediates, 'intermediates');
  const at = checkDate(input.at, 'at');
  const now = input.now === undefined ? at : checkDate(input.now, 'now');
  if (input.requireRevocation !== undefined && typeof input.requireRevocation !== 'boolean') throw new TypeError('requireRevocation must be a boolean');
  const implied = input.requireRevocation === undefined ? undefined : input.requireRevocation ? 'require' : 'if-available';
  if (implied !== undefined && input.revocationMode !== undefined && implied !== input.revocationMode) {
    throw new TypeError(`requireRevocation: ${String(input.requireRevocation)} contradicts revocationMode: ${input.revocationMode}`);
  }
  const revocationMode = input.revocationMode ?? implied ?? 'if-available';
  if (!MODES.has(revocationMode)) throw new TypeError(`revocationMode must be require, if-available or off, got ${String(revocationMode)}`);
  const usage = input.usage ?? 'any';
  if (!USAGES.has(usage)) throw new TypeError(`usage must be document-signing, timestamping, ocsp-signing or any, got ${String(usage)}`);
  const anchorMode = anchorModeOf(input.anchorConstraints);
  const settings: ValidationSettings = { at, now, usage, policy: checkPolicy(input.policy), revocationMode, anchorMode };
  return input.fetcher ? { ...settings, fetcher: input.fetcher } : settings;
}

const ANCHOR_MODES = new Set(['enforce', 'name-and-key']);

function anchorModeOf(option: ValidatePathInput['anchorConstraints']): ValidationSettings['anchorMode'] {
  if (option === undefined) return () => 'enforce';
  if (typeof option === 'function') {
    return (anchor) => {
      const mode = option({ sha256: anchor.sha256, subject: anchor.subjectText });
      if (!ANCHOR_MODES.has(mode)) throw new TypeError(`anchorConstraints must give enforce or name-and-key, got ${String(mode)}`);
      return mode;
    };
  }
  if (!ANCHOR_MODES.has(option)) throw new TypeError(`anchorConstraints must be enforce, name-and-key or a function, got ${String(option)}`);
  return () => option;
}

function defectOf(error: unknown): Message[] {
  const message = derDefectMessage(error);
  return message ? [message] : [];
}

/** Warnings for the allow-listed encoding defects of the certificates on a path. */
function allowedDefects(path: readonly PathNode[]): Message[] {
  const out: Message[] = [];
  for (const node of path) {
    for (const defect of node.cert.allowedDefects) out.push(PKI.PKI_DER_ALLOWED_DEFECT({ subject: certificateLabel(node.cert), defect }));
  }
  return out;
}

/*
 * Arrays on this path are built by pushing, not by map/flatMap: V8's optimised `map` returns
 * arrays of another elements kind than the unoptimised one, and their readers' compiled code
 * (here, in evaluateSignature, in decodeAll) was thrown away when the second kind arrived.
 */
function toPathCertificates(path: readonly PathNode[]): PathCertificate[] {
  const out: PathCertificate[] = [];
  for (let i = 0; i < path.length; i++) {
    const node = path[i]!;
    out.push({ der: node.cert.der, role: node.source === 'anchor' ? 'anchor' : i === 0 ? 'end-entity' : 'intermediate', source: node.source });
  }
  return out;
}

function dersOf(certificates: readonly ParsedCertificate[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const certificate of certificates) out.push(certificate.der);
  return out;
}

function rejectedOf(cert: ParsedCertificate | undefined): PathResult['rejected'] {
  return cert ? { certificate: cert.sha256, subject: cert.subjectText } : undefined;
}

function failureResult(attempt: Attempt, extra: readonly Message[]): PathResult {
  const rejected = rejectedOf(attempt.rejected);
  return {
    status: attempt.status,
    subIndication: attempt.subIndication,
    path: toPathCertificates(attempt.path),
    revocation: attempt.revocation,
    ...(rejected ? { rejected } : {}),
    messages: [...attempt.messages, ...allowedDefects(attempt.path), ...extra],
  };
}

/*
 * validateCertificatePath's synchronous steps (the revocation sources, the results) are
 * functions of their own: the async function keeps what awaits, so V8 compiles a smaller
 * state machine sooner, and these as plain functions.
 */
function revocationSourcesOf(input: ValidatePathInput): RevocationSources {
  return {
    embeddedCrls: checkBytesList(input.revocation?.embedded?.crls, 'revocation.embedded.crls'),
    embeddedOcsp: checkBytesList(input.revocation?.embedded?.ocspResponses, 'revocation.embedded.ocspResponses'),
    suppliedCrls: [...checkBytesList(input.revocation?.supplied?.crls, 'revocation.supplied.crls'), ...checkBytesList(input.crls, 'crls')],
    suppliedOcsp: [
      ...checkBytesList(input.revocation?.supplied?.ocspResponses, 'revocation.supplied.ocspResponses'),
      ...checkBytesList(input.ocspResponses, 'ocspResponses'),
    ],
  };
}

/** The leaf is itself an anchor: valid when it is valid and usable at `at`. */
function leafIsAnchor(leaf: ParsedCertificate, settings: ValidationSettings, subject: string, notes: readonly Message[]): PathResult {
  const node: PathNode = { cert: leaf, source: 'anchor' };
  const problem = checkValidity(leaf, settings.at) ?? checkUsage(leaf, settings.usage);
  if (problem) {
    return failureResult(
      { rank: RANK.validity, status: 'invalid', subIndication: problem.subIndication, messages: [problem.message], rejected: leaf, path: [node], revocation: [] },
      notes,
    );
  }
  return { status: 'valid', path: toPathCertificates([node]), revocation: [], messages: [PKI.PKI_LEAF_IS_ANCHOR({ subject }), ...notes] };
}

function noAnchors(leaf: ParsedCertificate, notes: readonly Message[]): PathResult {
  return {
    status: 'invalid',
    subIndication: 'NO_CERTIFICATE_CHAIN_FOUND',
    path: [],
    revocation: [],
    rejected: { certificate: leaf.sha256, subject: leaf.subjectText },
    messages: [PKI.PKI_NO_ANCHORS(), ...notes],
  };
}

/** A path that validated, and how. */
interface Success {
  readonly path: readonly PathNode[];
  readonly revocation: readonly CertificateRevocation[];
  readonly messages: readonly Message[];
  readonly policies: readonly string[];
  readonly signers: readonly ParsedCertificate[];
}

function validResult(success: Success, subject: string, ctx: ValidationContext, notes: readonly Message[]): PathResult {
  const anchor = (success.path[success.path.length - 1] as PathNode).cert;
  return {
    status: 'valid',
    path: toPathCertificates(success.path),
    revocation: success.revocation,
    policies: success.policies,
    revocationSigners: dersOf(success.signers),
    messages: [PKI.PKI_PATH_VALID({ subject, anchor: certificateLabel(anchor) }), ...allowedDefects(success.path), ...success.messages, ...ctx.messages, ...notes],
  };
}

/**
 * Builds a path from `input.leaf` to one of `input.trustAnchors` and validates it at
 * `input.at` (RFC 5280 §6.1), then checks revocation as `input.revocationMode` says.
 */
export async function validateCertificatePath(input: ValidatePathInput): Promise<PathResult> {
  const settings = settingsOf(input);
  const budget = new WorkBudget(resolveBudget(input.budget));
  const revocationSources = revocationSourcesOf(input);
  const notes: Message[] = [];

  let leaf: ParsedCertificate;
  try {
    leaf = knownDecoding(input.leaf) ?? (await decodeCertificate(input.leaf));
  } catch (error) {
    return {
      status: 'invalid',
      subIndication: 'FORMAT_FAILURE',
      path: [],
      revocation: [],
      messages: [PKI.PKI_LEAF_UNREADABLE({ detail: (error as Error).message }), ...defectOf(error)],
    };
  }

  const pool = new CertificatePool();
  const anchors = await decodeAll(input.trustAnchors, (e) => notes.push(PKI.PKI_ANCHOR_UNREADABLE({ detail: e.message }), ...defectOf(e)));
  for (const cert of anchors) pool.add({ cert, source: 'anchor' });
  let unreadable = 0;
  const candidates = await decodeAll(input.intermediates ?? [], (e) => {
    if (unreadable++ < MAX_UNREADABLE_NOTED) notes.push(PKI.PKI_CANDIDATE_UNREADABLE({ detail: e.message }), ...defectOf(e));
  });
  if (unreadable > MAX_UNREADABLE_NOTED) notes.push(PKI.PKI_CANDIDATES_UNREADABLE_MORE({ count: unreadable - MAX_UNREADABLE_NOTED }));
  for (const cert of candidates) pool.add({ cert, source: 'candidate' });

  const ctx = new ValidationContext(settings, pool, budget, revocationSources);
  const subject = certificateLabel(leaf);

  if (pool.isAnchor(leaf.sha256)) return leafIsAnchor(leaf, settings, subject, notes);
  if (anchors.length === 0) return noAnchors(leaf, notes);

  let best: Attempt | undefined;
  const record = (attempt: Attempt): void => {
    if (!best || attempt.rank > best.rank) best = attempt;
  };
  let success: Success | undefined;

  const visit = async (path: readonly PathNode[]): Promise<boolean> => {
    const anchorMode = settings.anchorMode((path[path.length - 1] as PathNode).cert);
    const processed = processPath({ path: certificatesOf(path), at: settings.at, policy: settings.policy, usage: settings.usage, budget, anchorMode });
    if (!processed.ok) {
      const rank =
        processed.kind === 'validity' ? RANK.validity : processed.kind === 'usage' ? RANK.usage : processed.kind === 'name-chaining' ? RANK.nameChaining : RANK.constraints;
      record({ rank, status: 'invalid', subIndication: processed.subIndication, messages: [processed.message], rejected: processed.rejected, path, revocation: [] });
      return false;
    }
    const revocation = await checkPathRevocation(path, ctx, 0);
    if (revocation.status !== 'valid') {
      record({
        rank: revocation.status === 'revoked' ? RANK.revoked : revocation.status === 'revocation-stale' ? RANK.revocationStale : RANK.revocationUnknown,
        status: revocation.status,
        subIndication: revocation.subIndication,
        messages: revocation.messages,
        ...(revocation.rejected ? { rejected: revocation.rejected } : {}),
        path,
        revocation: revocation.entries,
      });
      return false;
    }
    success = { path, revocation: revocation.entries, messages: revocation.messages, policies: processed.policies, signers: revocation.signers };
    return true;
  };

  const leafNode: PathNode = { cert: leaf, source: 'leaf' };
  try {
    await buildPaths(leafNode, ctx, visit, { record });
  } catch (error) {
    if (!(error instanceof BudgetExhausted)) throw error;
    const exhausted = PKI.PKI_BUDGET_EXHAUSTED({ subject, budget: error.kind, limit: error.limit });
    if (!success) {
      const fallback: Attempt = best && best.rank > RANK.noIssuer
        ? best
        : { rank: 0, status: 'invalid', subIndication: 'NO_CERTIFICATE_CHAIN_FOUND', messages: [], rejected: leaf, path: [leafNode], revocation: [] };
      return failureResult(fallback, [exhausted, ...ctx.messages, ...notes]);
    }
  }

  if (success) return validResult(success, subject, ctx, notes);
  const attempt: Attempt = best ?? {
    rank: 0,
    status: 'invalid',
    subIndication: 'NO_CERTIFICATE_CHAIN_FOUND',
    messages: [PKI.PKI_NO_CHAIN({ subject, issuer: leaf.issuerText })],
    rejected: leaf,
    path: [leafNode],
    revocation: [],
  };
  return failureResult(attempt, [...ctx.messages, ...notes]);
}
