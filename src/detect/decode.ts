/** Decoding of values that hide secrets in plain sight (base64 in manifests and headers). */

const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/**
 * The text a base64 value encodes, or undefined when it is not base64 or does not decode to
 * printable text (binary blobs, images and random bytes are not scanned further).
 */
export function decodeBase64Text(value: string): string | undefined {
  const v = value.trim();
  if (v.length < 4 || v.length > 64 * 1024 || !BASE64.test(v)) return undefined;
  const buf = Buffer.from(v.replace(/-/g, "+").replace(/_/g, "/"), "base64");
  if (buf.length === 0) return undefined;
  let printable = 0;
  for (const b of buf) if ((b >= 0x20 && b < 0x7f) || b === 0x0a || b === 0x0d || b === 0x09) printable++;
  if (printable / buf.length < 0.95) return undefined;
  return buf.toString("utf8");
}
