/**
 * Crafting hostile DER for tests: a certificate is read into a tree, one field is
 * changed, and the tree is written back — the way an attacker edits bytes that openssl
 * would never emit. Single-octet identifiers only (all X.509 needs).
 */
export interface DerNode {
  /** The identifier octet. */
  id: number;
  content?: Uint8Array;
  children?: DerNode[];
}

function readLength(bytes: Uint8Array, pos: number): { length: number; start: number } {
  const first = bytes[pos]!;
  if (first < 0x80) return { length: first, start: pos + 1 };
  let length = 0;
  for (let i = 1; i <= (first & 0x7f); i++) length = length * 256 + bytes[pos + i]!;
  return { length, start: pos + 1 + (first & 0x7f) };
}

/** Reads a tree; constructed values (bit 0x20) become children, primitives keep their content. */
export function parseTree(bytes: Uint8Array): DerNode {
  return readNode(bytes, 0).node;
}

function readNode(buf: Uint8Array, pos: number): { node: DerNode; next: number } {
  const id = buf[pos]!;
  const { length, start } = readLength(buf, pos + 1);
  const content = buf.subarray(start, start + length);
  if ((id & 0x20) === 0) return { node: { id, content }, next: start + length };
  const children: DerNode[] = [];
  for (let p = 0; p < content.length; ) {
    const child = readNode(content, p);
    children.push(child.node);
    p = child.next;
  }
  return { node: { id, children }, next: start + length };
}

function lengthOctets(length: number, nonMinimal: boolean): number[] {
  if (length < 0x80 && !nonMinimal) return [length];
  const out: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) out.unshift(n & 0xff);
  // A non-minimal length: one more length octet than needed, a leading zero.
  if (nonMinimal) out.unshift(0);
  return [0x80 | out.length, ...out];
}

/** Writes a tree back; `longForm` nodes get a non-minimal length (a leading zero length octet). */
export function encodeTree(node: DerNode, longForm: ReadonlySet<DerNode> = new Set()): Uint8Array {
  const content = node.children ? concat(node.children.map((c) => encodeTree(c, longForm))) : (node.content ?? new Uint8Array());
  return Uint8Array.from([node.id, ...lengthOctets(content.length, longForm.has(node)), ...content]);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let pos = 0;
  for (const p of parts) {
    out.set(p, pos);
    pos += p.length;
  }
  return out;
}

/** The TBSCertificate fields of a parsed certificate. */
export function tbsOf(cert: DerNode): DerNode[] {
  return cert.children![0]!.children!;
}
