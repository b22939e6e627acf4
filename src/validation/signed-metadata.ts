/**
 * Metadata counts as signed only if a signature that covers it passed in full
 * (design.md: "what is reported as signed is exactly what the signature covers").
 * The edXML parser says which signatures' references contain each field; here a field
 * stays `covered` only if one of those signatures is TOTAL_PASSED, trust included.
 */
import type { SignatureReport } from '../report/types.js';

interface FieldFacts {
  readonly value?: unknown;
  readonly insideReferenceOf?: readonly string[];
  readonly covered?: boolean;
}

function isFieldFacts(value: unknown): value is FieldFacts {
  return typeof value === 'object' && value !== null && Array.isArray((value as FieldFacts).insideReferenceOf);
}

export function confirmSignedMetadata(
  details: Readonly<Record<string, unknown>> | undefined,
  signatures: readonly SignatureReport[],
): Readonly<Record<string, unknown>> | undefined {
  const metadata = details?.['metadata'];
  if (!details || typeof metadata !== 'object' || metadata === null) return details;
  const passed = new Set(signatures.filter((s) => s.indication === 'TOTAL_PASSED').map((s) => s.id));
  const confirmed: Record<string, unknown> = {};
  for (const [name, facts] of Object.entries(metadata)) {
    if (!isFieldFacts(facts)) {
      confirmed[name] = facts;
      continue;
    }
    const signedBy = (facts.insideReferenceOf ?? []).filter((id) => passed.has(id));
    confirmed[name] = { ...facts, covered: facts.covered === true && signedBy.length > 0, signedBy };
  }
  return { ...details, metadata: confirmed };
}
