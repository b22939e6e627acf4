/**
 * Which algorithms are acceptable for a signature that existed at a given time.
 * SHA-1 and short RSA keys are still met on Vietnamese documents signed years ago
 * (the SHA-1 generation of the Vietnamese CAs), so they are judged by date, not banned.
 */
import type { Message } from '../report/messages.js';
import { defineMessages } from '../report/messages.js';
import { describeCertificate, rsaKeyBits } from '../pki/describe.js';
import type { PathResult } from '../pki/types.js';

/**
 * Which weak algorithms kyso still accepts, and until when. A SHA-1 or short-RSA signature passes
 * only when its best signature time (proven by a verified timestamp, else the validation time) is
 * before the cut-off, with a warning; otherwise the signature is INDETERMINATE with the reason.
 * RSA keys under `rsaAbsoluteMinimumBits` are never accepted.
 */
export interface AlgorithmPolicy {
  /**
   * SHA-1 is accepted in a signature only if it is proven to exist before this date.
   * Default 2020-01-01: ETSI TS 119 312 and SOG-IS list SHA-1 as legacy-only for
   * signatures, and Vietnamese CAs moved their signers to SHA-256 by 2019 (the G1
   * sub-CAs themselves stay SHA-1, and are pinned by the trust store instead).
   */
  readonly sha1Until: Date;
  /** RSA keys shorter than this are judged by `shortRsaUntil`. Default 2048. */
  readonly rsaMinimumBits: number;
  /** RSA keys under `rsaMinimumBits` (but at least 1024 bits) are accepted before this date. Default 2014-01-01 (NIST SP 800-131A: RSA-1024 signatures disallowed after 2013). */
  readonly shortRsaUntil: Date;
  /** RSA keys shorter than this are never acceptable. Default 1024. */
  readonly rsaAbsoluteMinimumBits: number;
}

/**
 * The defaults: SHA-1 until 2020-01-01, RSA under 2048 bits (at least 1024) until 2014-01-01, never
 * under 1024 bits.
 */
export const DEFAULT_ALGORITHM_POLICY: AlgorithmPolicy = {
  sha1Until: new Date('2020-01-01T00:00:00Z'),
  rsaMinimumBits: 2048,
  shortRsaUntil: new Date('2014-01-01T00:00:00Z'),
  rsaAbsoluteMinimumBits: 1024,
};

export const POLICY_MESSAGES = defineMessages({
  POLICY_WEAK_ALGORITHM_EXPIRED: {
    severity: 'error',
    vi: '{whatVi} dùng {algorithm}, chỉ được chấp nhận cho chữ ký có trước {until}; không có bằng chứng chữ ký tồn tại trước thời điểm đó.',
    en: '{whatEn} uses {algorithm}, accepted only for signatures proven to exist before {until}; there is no such proof.',
  },
  POLICY_ALGORITHM_UNACCEPTABLE: {
    severity: 'error',
    vi: '{whatVi} dùng {algorithm}, không được chấp nhận.',
    en: '{whatEn} uses {algorithm}, which is not acceptable.',
  },
  POLICY_WEAK_ALGORITHM_ACCEPTED: {
    severity: 'warning',
    vi: '{whatVi} dùng {algorithm}: được chấp nhận vì chữ ký đã tồn tại trước {until}.',
    en: '{whatEn} uses {algorithm}: accepted because the signature existed before {until}.',
  },
  POLICY_PINNED_CA_ALGORITHM: {
    severity: 'info',
    vi: 'Chứng thư CA {subject} ký bằng {algorithm}; CA này nằm trong kho tin cậy nên thuật toán của nó không bị xét.',
    en: 'CA certificate {subject} is signed with {algorithm}; it is in the trust store, so its own algorithm is not held against the path.',
  },
});

export interface AlgorithmUse {
  /** What uses the algorithm, for messages, in both languages: "the signature", "certificate CN=...". */
  readonly what: { readonly vi: string; readonly en: string };
  /** Digest used, if known. */
  readonly digest?: string;
  /** RSA key description of the signing key, e.g. `RSA-1024`. */
  readonly publicKey?: string;
}

export type AlgorithmJudgement = 'acceptable' | 'expired-no-poe' | 'unacceptable';

function usesSha1(digest: string | undefined): boolean {
  return digest !== undefined && /sha-?1(?!\d)/i.test(digest);
}

/** Judges each use at `bestSignatureTime`; the worst judgement wins. */
export function judgeAlgorithms(
  uses: readonly AlgorithmUse[],
  bestSignatureTime: Date,
  policy: AlgorithmPolicy,
): { judgement: AlgorithmJudgement; messages: Message[] } {
  let judgement: AlgorithmJudgement = 'acceptable';
  const messages: Message[] = [];
  const day = (d: Date) => d.toISOString().slice(0, 10);
  for (const use of uses) {
    if (usesSha1(use.digest)) {
      if (bestSignatureTime < policy.sha1Until) {
        messages.push(POLICY_MESSAGES.POLICY_WEAK_ALGORITHM_ACCEPTED({ whatVi: use.what.vi, whatEn: use.what.en, algorithm: 'SHA-1', until: day(policy.sha1Until) }));
      } else {
        if (judgement === 'acceptable') judgement = 'expired-no-poe';
        messages.push(POLICY_MESSAGES.POLICY_WEAK_ALGORITHM_EXPIRED({ whatVi: use.what.vi, whatEn: use.what.en, algorithm: 'SHA-1', until: day(policy.sha1Until) }));
      }
    }
    const bits = use.publicKey ? rsaKeyBits(use.publicKey) : undefined;
    if (bits !== undefined && bits < policy.rsaMinimumBits) {
      if (bits < policy.rsaAbsoluteMinimumBits) {
        judgement = 'unacceptable';
        messages.push(POLICY_MESSAGES.POLICY_ALGORITHM_UNACCEPTABLE({ whatVi: use.what.vi, whatEn: use.what.en, algorithm: `RSA-${bits}` }));
      } else if (bestSignatureTime < policy.shortRsaUntil) {
        messages.push(POLICY_MESSAGES.POLICY_WEAK_ALGORITHM_ACCEPTED({ whatVi: use.what.vi, whatEn: use.what.en, algorithm: `RSA-${bits}`, until: day(policy.shortRsaUntil) }));
      } else {
        if (judgement === 'acceptable') judgement = 'expired-no-poe';
        messages.push(POLICY_MESSAGES.POLICY_WEAK_ALGORITHM_EXPIRED({ whatVi: use.what.vi, whatEn: use.what.en, algorithm: `RSA-${bits}`, until: day(policy.shortRsaUntil) }));
      }
    }
  }
  return { judgement, messages };
}

/**
 * The keys that signed the CRLs and OCSP responses the path's revocation answers rest on.
 * Only their key sizes are judged: many responders still sign with SHA-1, which the
 * revocation data's own freshness, not the signature's age, makes harmless.
 */
export function revocationSignerUses(path: PathResult | undefined): AlgorithmUse[] {
  // Pushed, not mapped: V8's optimised `map` returns another elements kind, which deoptimised the readers.
  const out: AlgorithmUse[] = [];
  for (const der of path?.revocationSigners ?? []) {
    const info = describeCertificate(der);
    out.push({ what: { vi: `Bên ký thông tin thu hồi ${info.subject}`, en: `Revocation data signer ${info.subject}` }, publicKey: info.publicKey });
  }
  return out;
}
