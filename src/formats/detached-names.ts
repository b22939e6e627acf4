/**
 * How a detached signature names its content: `x.pdf.p7s` (or `x.pdf.sig`) signs `x.pdf`.
 * One rule for every place that pairs them: the folder walk, `verifyFile`, the metrics
 * stream and the entries of a container (a ZIP or an edXML package).
 */

/** Suffixes of detached signatures whose content sits beside them under the same name without the suffix. */
export const DETACHED_SUFFIXES: readonly string[] = ['.p7s', '.sig'];

/** The name of the content a detached signature called `name` signs (`x.pdf` for `x.pdf.p7s`, any case of the suffix); undefined for any other name. */
export function detachedContentName(name: string): string | undefined {
  const lower = name.toLowerCase();
  const suffix = DETACHED_SUFFIXES.find((s) => lower.endsWith(s));
  return suffix && name.length > suffix.length ? name.slice(0, -suffix.length) : undefined;
}

/**
 * The detached pairs among `names`: each signature's name mapped to its content's. The
 * content of a pair is verified with its signature, not on its own, so a file that is itself
 * a detached signature with its content present (`x.pdf.p7s` beside `x.pdf`) is never taken as
 * another's content (`x.pdf.p7s.p7s`): it is verified as a signature, and the outer one alone;
 * and a content is one pair's at most.
 * `isSignature` leaves out names whose file is known not to be a detached signature.
 */
export function detachedPairs(names: Iterable<string>, isSignature: (name: string) => boolean = () => true): Map<string, string> {
  const present = new Set(names);
  const candidates = new Map<string, string>();
  for (const name of present) {
    const content = detachedContentName(name);
    if (content !== undefined && present.has(content) && isSignature(name)) candidates.set(name, content);
  }
  // A content two signatures claim (x.pdf.p7s and x.pdf.sig, or names differing in case) pairs
  // with neither: each is verified alone, and the content once on its own.
  const claims = new Map<string, number>();
  for (const content of candidates.values()) claims.set(content, (claims.get(content) ?? 0) + 1);
  const pairs = new Map<string, string>();
  for (const [signature, content] of candidates) if (!candidates.has(content) && claims.get(content) === 1) pairs.set(signature, content);
  return pairs;
}
