/**
 * RFC 5280 §4.2.1.10 / §6.1.3 (b)–(c) / §6.1.4 (g) name constraints for directoryName,
 * rfc822Name, dNSName, uniformResourceIdentifier and iPAddress.
 *
 * Instead of computing subtree intersections, every CA's permitted set is kept and a
 * name must satisfy each of them (for the name forms that set constrains): the same
 * result as RFC 5280's intersection, without its corner cases. Excluded subtrees are
 * a union. Constraints on any other name form reject a certificate that carries a name
 * of that form (RFC 5280: process the constraint or reject).
 *
 * Every comparison is charged to the work budget (nameConstraintComparisons).
 */
import { emailAddresses, isEmptyName, nameWithinSubtree } from './names.js';
import { describeGeneralName, type GeneralName } from './general-names.js';
import type { ParsedCertificate } from './certificate.js';
import type { GeneralSubtree } from './extensions.js';
import type { WorkBudget } from './budget.js';

export type NameCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: 'not-permitted' | 'excluded'; readonly name: string };

function lower(text: string): string {
  return text.toLowerCase();
}

function dnsMatches(name: string, constraint: string): boolean {
  const n = lower(name).replace(/\.$/, '');
  const c = lower(constraint).replace(/\.$/, '');
  if (c === '') return true;
  if (c.startsWith('.')) return n.endsWith(c);
  return n === c || n.endsWith('.' + c);
}

function hostMatches(host: string, constraint: string): boolean {
  const h = lower(host);
  const c = lower(constraint);
  if (c.startsWith('.')) return h.endsWith(c);
  return h === c;
}

function emailMatches(email: string, constraint: string): boolean {
  const at = email.lastIndexOf('@');
  if (at < 0) return false;
  if (constraint.includes('@')) {
    const cat = constraint.lastIndexOf('@');
    return email.slice(0, at) === constraint.slice(0, cat) && lower(email.slice(at + 1)) === lower(constraint.slice(cat + 1));
  }
  return hostMatches(email.slice(at + 1), constraint);
}

/** The host of a URI with an authority, or undefined (RFC 5280: such a URI does not match). */
function uriHost(uri: string): string | undefined {
  const match = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)/.exec(uri);
  const host = match?.[1];
  return host ? host : undefined;
}

function ipMatches(address: Uint8Array, constraint: Uint8Array): boolean {
  if (constraint.length !== address.length * 2) return false;
  for (let i = 0; i < address.length; i++) {
    const mask = constraint[address.length + i] as number;
    if (((address[i] as number) & mask) !== ((constraint[i] as number) & mask)) return false;
  }
  return true;
}

/** undefined: the subtree is of another form than the name, so it does not apply. */
function matches(name: GeneralName, base: GeneralName): boolean | undefined {
  if (name.kind !== base.kind) return undefined;
  switch (name.kind) {
    case 'directory':
      return nameWithinSubtree(name.name, (base as { name: typeof name.name }).name);
    case 'rfc822':
      return emailMatches(name.value, (base as { value: string }).value);
    case 'dns':
      return dnsMatches(name.value, (base as { value: string }).value);
    case 'uri': {
      const host = uriHost(name.value);
      return host !== undefined && hostMatches(host, (base as { value: string }).value);
    }
    case 'ip':
      return ipMatches(name.bytes, (base as { bytes: Uint8Array }).bytes);
    default:
      return undefined;
  }
}

function kindOf(base: GeneralName): string {
  return base.kind === 'other' ? `other-${base.tag}` : base.kind;
}

function nameKind(name: GeneralName): string {
  return name.kind === 'other' ? `other-${name.tag}` : name.kind;
}

/** The names of a certificate that constraints apply to. */
export function constrainedNames(cert: ParsedCertificate): GeneralName[] {
  const names: GeneralName[] = [];
  if (!isEmptyName(cert.subject)) names.push({ kind: 'directory', name: cert.subject });
  if (cert.subjectAltNames) names.push(...cert.subjectAltNames);
  else for (const email of emailAddresses(cert.subject)) names.push({ kind: 'rfc822', value: email });
  return names;
}

export class NameConstraintState {
  readonly #permitted: (readonly GeneralSubtree[])[] = [];
  readonly #excluded: GeneralSubtree[] = [];

  /** §6.1.4 (g): adds a CA certificate's constraints. */
  add(cert: ParsedCertificate): void {
    const nc = cert.nameConstraints;
    if (!nc) return;
    if (nc.permitted) this.#permitted.push(nc.permitted);
    if (nc.excluded) this.#excluded.push(...nc.excluded);
  }

  get empty(): boolean {
    return this.#permitted.length === 0 && this.#excluded.length === 0;
  }

  /** §6.1.3 (b)–(c) for one certificate. */
  check(cert: ParsedCertificate, budget: WorkBudget): NameCheck {
    if (this.empty) return { ok: true };
    for (const name of constrainedNames(cert)) {
      const label = name.kind === 'directory' ? cert.subjectText : describeGeneralName(name);
      for (const set of this.#permitted) {
        const sameKind = set.filter((s) => kindOf(s.base) === nameKind(name));
        if (sameKind.length === 0) continue;
        budget.spend('nameConstraintComparisons', sameKind.length);
        if (!sameKind.some((s) => matches(name, s.base) === true)) return { ok: false, reason: 'not-permitted', name: label };
      }
      const excluded = this.#excluded.filter((s) => kindOf(s.base) === nameKind(name));
      budget.spend('nameConstraintComparisons', excluded.length);
      if (excluded.some((s) => matches(name, s.base) !== false)) return { ok: false, reason: 'excluded', name: label };
    }
    return { ok: true };
  }
}
