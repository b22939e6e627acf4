/** CRC-32 (ISO-HDLC, the ZIP checksum). */
const TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes: Uint8Array): number {
  return crc32Finish(crc32Update(CRC32_START, bytes));
}

/** The running value before any byte, for crc32Update. */
export const CRC32_START = 0xffffffff;

/** The running CRC-32 after `bytes` (data that arrives in chunks). */
export function crc32Update(crc: number, bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) crc = TABLE[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return crc;
}

/** The CRC-32 from a running value. */
export function crc32Finish(crc: number): number {
  return (crc ^ 0xffffffff) >>> 0;
}
