/**
 * Whether bytes are a PKCS#12 (PFX) keystore, by its DER structure (RFC 7292):
 * `PFX ::= SEQUENCE { version INTEGER (v3), authSafe ContentInfo, macData MacData OPTIONAL }`,
 * `ContentInfo ::= SEQUENCE { contentType OID (data or signedData), content [0] EXPLICIT ... }`.
 * A `.p12` that is empty, random or something else is not a keystore.
 */
import * as asn1js from "asn1js";

const ID_DATA = "1.2.840.113549.1.7.1";
const ID_SIGNED_DATA = "1.2.840.113549.1.7.2";
/** Keystores are small; a larger file is not parsed. */
const MAX_BYTES = 1024 * 1024;

export function isPkcs12(bytes: Uint8Array): boolean {
  // DER: a SEQUENCE (0x30) first; anything else is not worth parsing.
  if (bytes.length < 16 || bytes.length > MAX_BYTES || bytes[0] !== 0x30) return false;
  // A copy of exactly these bytes (a Buffer may be a view into a larger pool).
  const copy = new Uint8Array(bytes).buffer;
  const { offset, result } = asn1js.fromBER(copy);
  if (offset === -1 || !(result instanceof asn1js.Sequence)) return false;
  const [version, authSafe] = result.valueBlock.value;
  if (!(version instanceof asn1js.Integer) || version.valueBlock.valueDec !== 3) return false;
  if (!(authSafe instanceof asn1js.Sequence)) return false;
  const [contentType, content] = authSafe.valueBlock.value;
  if (!(contentType instanceof asn1js.ObjectIdentifier)) return false;
  const oid = contentType.valueBlock.toString();
  if (oid !== ID_DATA && oid !== ID_SIGNED_DATA) return false;
  // content [0] EXPLICIT: context-specific, constructed, tag 0.
  return content !== undefined && content.idBlock.tagClass === 3 && content.idBlock.tagNumber === 0;
}
