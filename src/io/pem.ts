/** PEM armour (RFC 7468), decoded strictly: one block, clean base64. */

/** Decodes a PEM block's base64 body; undefined if it is not clean PEM. */
export function decodePem(text: string): Uint8Array | undefined {
  const match = /-----BEGIN ([A-Z0-9 #]+)-----([\s\S]*?)-----END \1-----/.exec(text);
  if (!match) return undefined;
  const body = match[2]!.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body)) return undefined;
  const binary = atob(body);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/**
 * A whole text that is only base64 (line breaks allowed, no armour), as Italian .p7m
 * files are sometimes sent; undefined if anything else is in it.
 */
export function decodeBareBase64(text: string): Uint8Array | undefined {
  const body = text.replace(/\s+/g, '');
  if (body.length === 0 || body.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(body)) return undefined;
  const binary = atob(body);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
