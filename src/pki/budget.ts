/**
 * Work limits for path building. Hostile certificate sets (cross-certificate loops,
 * many certificates with the same name, huge name-constraint lists) must end the
 * search quickly and clearly, never hang it.
 */
import type { PathBudget } from './types.js';

export const DEFAULT_BUDGET: PathBudget = {
  // rustls-webpki (src/verify_cert.rs, Budget::default): 100 signature checks.
  signatureChecks: 100,
  // rustls-webpki (Budget::default): 200_000 build_chain calls (CVE-2022-24793 hardening).
  buildCalls: 200_000,
  // rustls-webpki (Budget::default): 250_000 name-constraint comparisons.
  nameConstraintComparisons: 250_000,
  // Go crypto/x509 and rustls-webpki both stop at 6 intermediates below the anchor
  // (webpki MAX_SUB_CA_COUNT = 6); real Vietnamese paths have at most 1.
  maxDepth: 6,
};

export type BudgetKind = 'signatureChecks' | 'buildCalls' | 'nameConstraintComparisons';

export class BudgetExhausted extends Error {
  override readonly name = 'BudgetExhausted';
  constructor(
    readonly kind: BudgetKind,
    readonly limit: number,
  ) {
    super(`path-building budget exhausted: ${kind} (${limit})`);
  }
}

/** Checks and fills in a caller's partial budget; bad values are a programmer error (TypeError). */
export function resolveBudget(partial: Partial<PathBudget> | undefined): PathBudget {
  const budget = { ...DEFAULT_BUDGET, ...(partial ?? {}) };
  for (const key of Object.keys(budget)) {
    const value = budget[key as keyof PathBudget];
    if (!Number.isInteger(value) || value < 0) throw new TypeError(`budget.${key} must be a non-negative integer, got ${String(value)}`);
  }
  return budget;
}

/** Counters shared by one validation, including the nested validations of CRL and OCSP signers. */
export class WorkBudget {
  readonly limits: PathBudget;
  readonly #used: Record<BudgetKind, number> = { signatureChecks: 0, buildCalls: 0, nameConstraintComparisons: 0 };

  constructor(limits: PathBudget) {
    this.limits = limits;
  }

  /** Spends `amount` of `kind`; throws BudgetExhausted once the limit is passed. */
  spend(kind: BudgetKind, amount = 1): void {
    this.#used[kind] += amount;
    if (this.#used[kind] > this.limits[kind]) throw new BudgetExhausted(kind, this.limits[kind]);
  }

  used(kind: BudgetKind): number {
    return this.#used[kind];
  }
}
