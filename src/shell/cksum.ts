/**
 * POSIX cksum(1): the CRC the target's `cksum` prints for the bytes it read
 * (polynomial 0x04C11DB7, most significant bit first, the length appended
 * least significant byte first, the result complemented). The controller
 * sends each round's script with its length and this CRC, and the host runs
 * it only when both match (script.ts buildSessionScript).
 */
const TABLE = (() => {
  const table = new Int32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i << 24;
    for (let k = 0; k < 8; k++) c = c & 0x80000000 ? (c << 1) ^ 0x04c11db7 : c << 1;
    table[i] = c;
  }
  return table;
})();

/** What `cksum` prints for these bytes, without its newline: "CRC LENGTH". */
export function posixCksum(data: Uint8Array): string {
  // int32 arithmetic throughout (a round's script is tens of kilobytes): one table lookup a byte.
  let crc = 0;
  for (let i = 0; i < data.length; i++) crc = (crc << 8) ^ TABLE[((crc >>> 24) ^ data[i]!) & 0xff]!;
  for (let n = data.length; n > 0; n = Math.floor(n / 256)) crc = (crc << 8) ^ TABLE[((crc >>> 24) ^ n) & 0xff]!;
  return `${(~crc >>> 0).toString()} ${data.length}`;
}
