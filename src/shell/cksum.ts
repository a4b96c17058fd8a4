/**
 * POSIX cksum(1): the CRC the target's `cksum` prints for the bytes it read
 * (polynomial 0x04C11DB7, most significant bit first, the length appended
 * least significant byte first, the result complemented). The controller
 * sends each round's script with its length and this CRC, and the host runs
 * it only when both match (script.ts buildSessionScript).
 */
const TABLE = (() => {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i << 24;
    for (let k = 0; k < 8; k++) c = c & 0x80000000 ? (c << 1) ^ 0x04c11db7 : c << 1;
    table[i] = c >>> 0;
  }
  return table;
})();

function step(crc: number, byte: number): number {
  return ((crc << 8) ^ TABLE[((crc >>> 24) ^ byte) & 0xff]!) >>> 0;
}

/** What `cksum` prints for these bytes, without its newline: "CRC LENGTH". */
export function posixCksum(data: Uint8Array): string {
  let crc = 0;
  for (const byte of data) crc = step(crc, byte);
  for (let n = data.length; n > 0; n = Math.floor(n / 256)) crc = step(crc, n & 0xff);
  return `${(~crc >>> 0).toString()} ${data.length}`;
}
