// Lower-case hex of bytes, by table: per-byte toString(16) costs several times more.
const HEX = /* @__PURE__ */ Array.from({ length: 256 }, (_, byte) => (byte | 256).toString(16).slice(1));

/** Lower-case hex of `bytes[start, end)`. */
export function toHex(bytes: Uint8Array, start = 0, end = bytes.length): string {
  let hex = '';
  while (start < end) hex += HEX[bytes[start++]!];
  return hex;
}
