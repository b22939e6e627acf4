/**
 * Strict base64 (RFC 4648 §4) for XMLDSig values and edXML attachments. XML whitespace
 * between characters is allowed (xs:base64Binary and line-wrapped encoders); anything
 * else — another alphabet, misplaced padding, non-zero pad bits, a length that is not
 * a multiple of four — is refused, so one text has exactly one decoding.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const INVALID = 255;
const WHITESPACE = 254;
const PAD = 253;

const TABLE = (() => {
  const table = new Uint8Array(128).fill(INVALID);
  for (let i = 0; i < ALPHABET.length; i++) table[ALPHABET.charCodeAt(i)] = i;
  for (const c of ' \t\n\r') table[c.charCodeAt(0)] = WHITESPACE;
  table['='.charCodeAt(0)] = PAD;
  return table;
})();

/** Decoded bytes, or undefined when `text` is not canonical base64. */
export function decodeBase64Strict(text: string): Uint8Array | undefined {
  const out = new Uint8Array(Math.floor((text.length * 3) / 4) + 3);
  let length = 0;
  let quantum = 0;
  let count = 0;
  let padding = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const value = code < 128 ? TABLE[code]! : INVALID;
    if (value === WHITESPACE) continue;
    if (value === INVALID) return undefined;
    if (value === PAD) {
      padding++;
      // Padding may only finish the last quantum: xx== or xxx=.
      if (count + padding > 4 || count < 2) return undefined;
      continue;
    }
    if (padding > 0) return undefined;
    quantum = (quantum << 6) | value;
    count++;
    if (count === 4) {
      out[length++] = (quantum >> 16) & 0xff;
      out[length++] = (quantum >> 8) & 0xff;
      out[length++] = quantum & 0xff;
      quantum = 0;
      count = 0;
    }
  }
  if (padding === 0) {
    if (count !== 0) return undefined;
    return out.subarray(0, length);
  }
  if (count + padding !== 4) return undefined;
  if (count === 2) {
    if ((quantum & 0x0f) !== 0) return undefined;
    out[length++] = (quantum >> 4) & 0xff;
  } else {
    if ((quantum & 0x03) !== 0) return undefined;
    out[length++] = (quantum >> 10) & 0xff;
    out[length++] = (quantum >> 2) & 0xff;
  }
  return out.subarray(0, length);
}

export function encodeBase64(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + '==';
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + '=';
  }
  return out;
}
