/**
 * The RFC 5280 §6.1 valid_policy_tree: certificate policies, policy mappings and the
 * user-initial-policy-set intersection (§6.1.3 (d)–(f), §6.1.4 (a)–(b), §6.1.5 (g)).
 *
 * Qualifiers are not tracked (kyso reports no qualifier). The tree is bounded by
 * POLICY_TREE_NODE_LIMIT: a path whose mappings would make it grow beyond that fails
 * (the policy-tree blow-up of CVE-2023-0464).
 */
import { OID } from './extensions.js';
import type { ParsedCertificate } from './certificate.js';

const ANY = OID.anyPolicy;

/** Total nodes ever created in one tree; far above any real path (PKITS peaks under 50). */
export const POLICY_TREE_NODE_LIMIT = 10_000;

export class PolicyTreeTooLarge extends Error {
  override readonly name = 'PolicyTreeTooLarge';
}

interface PolicyNode {
  readonly policy: string;
  expected: Set<string>;
  readonly parent: PolicyNode | undefined;
  readonly children: PolicyNode[];
  readonly depth: number;
  removed: boolean;
}

export class PolicyTree {
  /** levels[d]: live nodes at depth d; undefined tree = NULL. */
  #levels: PolicyNode[][] | undefined;
  #created = 1;

  constructor() {
    const root: PolicyNode = { policy: ANY, expected: new Set([ANY]), parent: undefined, children: [], depth: 0, removed: false };
    this.#levels = [[root]];
  }

  get isNull(): boolean {
    return this.#levels === undefined;
  }

  /** Valid policies at the deepest level (for reporting). */
  leafPolicies(): string[] {
    const levels = this.#levels;
    if (!levels) return [];
    return [...new Set((levels[levels.length - 1] ?? []).map((n) => n.policy))];
  }

  #add(parent: PolicyNode, policy: string, expected: Set<string>): void {
    if (++this.#created > POLICY_TREE_NODE_LIMIT) throw new PolicyTreeTooLarge(`more than ${POLICY_TREE_NODE_LIMIT} policy nodes`);
    const node: PolicyNode = { policy, expected, parent, children: [], depth: parent.depth + 1, removed: false };
    parent.children.push(node);
    const levels = this.#levels as PolicyNode[][];
    (levels[node.depth] ??= []).push(node);
  }

  #remove(node: PolicyNode): void {
    node.removed = true;
    for (const child of node.children) this.#remove(child);
    if (node.parent) {
      const siblings = node.parent.children;
      siblings.splice(siblings.indexOf(node), 1);
    }
  }

  #compact(): void {
    const levels = this.#levels;
    if (!levels) return;
    for (let d = 0; d < levels.length; d++) levels[d] = (levels[d] ?? []).filter((n) => !n.removed);
    if ((levels[0] ?? []).length === 0) this.#levels = undefined;
  }

  /** Deletes childless nodes above `depth`, bottom up; the tree becomes NULL when the root goes. */
  #prune(depth: number): void {
    const levels = this.#levels;
    if (!levels) return;
    for (let d = depth - 1; d >= 0; d--) {
      for (const node of levels[d] ?? []) if (!node.removed && node.children.length === 0) this.#remove(node);
      this.#compact();
      if (!this.#levels) return;
    }
  }

  /**
   * §6.1.3 (d)/(e) for certificate `i` (1-based) of an `n`-certificate path.
   * `inhibitAnyPolicy` is the state variable before this certificate's own settings.
   */
  processCertificate(cert: ParsedCertificate, i: number, n: number, inhibitAnyPolicy: number): void {
    const levels = this.#levels;
    if (!levels) return;
    if (!cert.policies) {
      this.#levels = undefined;
      return;
    }
    const parents = levels[i - 1] ?? [];
    levels[i] ??= [];
    let hasAny = false;
    for (const { oid: policy } of cert.policies) {
      if (policy === ANY) {
        hasAny = true;
        continue;
      }
      const matching = parents.filter((p) => p.expected.has(policy));
      if (matching.length > 0) {
        for (const parent of matching) this.#add(parent, policy, new Set([policy]));
      } else {
        for (const parent of parents.filter((p) => p.policy === ANY)) this.#add(parent, policy, new Set([policy]));
      }
    }
    if (hasAny && (inhibitAnyPolicy > 0 || (i < n && cert.selfIssued))) {
      for (const parent of parents) {
        const present = new Set(parent.children.map((c) => c.policy));
        for (const value of parent.expected) if (!present.has(value)) this.#add(parent, value, new Set([value]));
      }
    }
    this.#prune(i);
  }

  /** §6.1.4 (b): applies this certificate's policy mappings at depth `i`. `anyPolicy` mappings must be refused before. */
  applyMappings(cert: ParsedCertificate, i: number, policyMapping: number): void {
    if (!this.#levels || !cert.policyMappings) return;
    const mapped = new Map<string, Set<string>>();
    for (const m of cert.policyMappings) {
      let set = mapped.get(m.issuerDomainPolicy);
      if (!set) mapped.set(m.issuerDomainPolicy, (set = new Set()));
      set.add(m.subjectDomainPolicy);
    }
    for (const [issuerPolicy, subjects] of mapped) {
      const levels = this.#levels;
      if (!levels) return;
      const level = levels[i] ?? [];
      const nodes = level.filter((n) => n.policy === issuerPolicy);
      if (policyMapping > 0) {
        if (nodes.length > 0) {
          for (const node of nodes) node.expected = new Set(subjects);
        } else {
          const anyNode = level.find((n) => n.policy === ANY);
          if (anyNode?.parent) this.#add(anyNode.parent, issuerPolicy, new Set(subjects));
        }
      } else {
        for (const node of nodes) this.#remove(node);
        this.#compact();
        this.#prune(i);
      }
    }
  }

  /** §6.1.5 (g): the intersection with the user-initial-policy-set (in place). */
  intersect(initialPolicySet: readonly string[], n: number): void {
    const levels = this.#levels;
    if (!levels || initialPolicySet.includes(ANY)) return;
    const wanted = new Set(initialPolicySet);
    const all = levels.flat();
    const nodeSet = all.filter((node) => node.parent?.policy === ANY);
    for (const node of nodeSet) if (node.policy !== ANY && !wanted.has(node.policy)) this.#remove(node);
    this.#compact();
    const after = this.#levels as PolicyNode[][] | undefined;
    if (!after) return;
    const anyLeaf = (after[n] ?? []).find((node) => node.policy === ANY && !node.removed);
    if (anyLeaf) {
      const present = new Set(nodeSet.filter((node) => !node.removed).map((node) => node.policy));
      for (const policy of wanted) {
        if (!present.has(policy) && anyLeaf.parent) this.#add(anyLeaf.parent, policy, new Set([policy]));
      }
      this.#remove(anyLeaf);
      this.#compact();
    }
    this.#prune(n);
  }
}
