/**
 * Byte helpers that run in browsers and Node alike (no Buffer): base64, hex, PEM
 * blocks and SHA-256 (through the injected engine, else WebCrypto).
 */
import { toHex as lowerHex } from '../io/hash.js';
import { digest } from './crypto-engine.js';

export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + chunk) as unknown as number[]);
  }
  return btoa(binary);
}

export function toHex(bytes: Uint8Array, upper = false): string {
  const hex = lowerHex(bytes);
  return upper ? hex.toUpperCase() : hex;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** An ArrayBuffer holding exactly these bytes (pkijs and WebCrypto want whole buffers). */
export function exactBuffer(bytes: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return copy.buffer;
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return toHex(await digest('SHA-256', bytes), true);
}

export interface PemBlock {
  readonly label: string;
  readonly der: Uint8Array;
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]{1,40})-----([\sA-Za-z0-9+/=]*?)-----END \1-----/g;

/** Every well-formed PEM block in the text, in order. Text outside blocks is ignored (OpenSSL writes headers there). */
export function pemBlocks(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  for (const match of text.matchAll(PEM_BLOCK)) {
    const label = match[1] ?? '';
    const body = (match[2] ?? '').replace(/\s+/g, '');
    let der: Uint8Array;
    try {
      der = base64ToBytes(body);
    } catch {
      throw new TypeError(`PEM block "${label}" is not valid base64`);
    }
    blocks.push({ label, der });
  }
  return blocks;
}

/** Looks like PEM text: optional whitespace/UTF-8 BOM and text, then a BEGIN line. */
export function looksLikePem(bytes: Uint8Array): boolean {
  const head = latin1(bytes.subarray(0, Math.min(bytes.length, 4096)));
  return head.includes('-----BEGIN ');
}

export function latin1(bytes: Uint8Array): string {
  let text = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    text += String.fromCharCode.apply(null, bytes.subarray(i, i + chunk) as unknown as number[]);
  }
  return text;
}
