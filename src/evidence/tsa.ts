/**
 * RFC 3161 timestamps for checkpoints: a timestamp authority (TSA) outside the operator signs
 * "this checkpoint existed at genTime", so a checkpoint cannot be made later and passed off as
 * older. Requests and responses are built and parsed with PKI.js and asn1js (CMS SignedData,
 * TSTInfo, certificate chains), never by hand.
 */
import { createHash, randomBytes } from "node:crypto";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import type { Timestamper } from "./checkpoints.js";

const SHA256_OID = "2.16.840.1.101.3.4.2.1";
const TIME_STAMPING_EKU = "1.3.6.1.5.5.7.3.8";
const EXT_KEY_USAGE = "2.5.29.37";
const SIGNED_DATA = "1.2.840.113549.1.7.2";
/** A reply bigger than this is not a timestamp. */
const MAX_REPLY_BYTES = 256 * 1024;

export class TimestampError extends Error {
  override readonly name = "TimestampError";
}

export interface TsaClientOptions {
  /** The TSA's RFC 3161 HTTP endpoint. */
  readonly url: string;
  readonly fetch?: typeof fetch;
  readonly timeoutMs?: number;
}

/** Asks a TSA over HTTP (RFC 3161 §3.4) for a token over SHA-256(data), with a fresh nonce. */
export class TsaClient implements Timestamper {
  constructor(private readonly options: TsaClientOptions) {}

  async timestamp(data: Uint8Array): Promise<Buffer> {
    const digest = createHash("sha256").update(data).digest();
    const nonce = randomBytes(8);
    nonce[0] = nonce[0]! & 0x7f; // a positive INTEGER
    const request = new pkijs.TimeStampReq({
      version: 1,
      messageImprint: new pkijs.MessageImprint({ hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: SHA256_OID }), hashedMessage: new asn1js.OctetString({ valueHex: digest }) }),
      nonce: new asn1js.Integer({ valueHex: nonce }),
      certReq: true,
    });
    const doFetch = this.options.fetch ?? fetch;
    let response: Response;
    try {
      response = await doFetch(this.options.url, {
        method: "POST",
        headers: { "content-type": "application/timestamp-query", accept: "application/timestamp-reply" },
        body: Buffer.from(request.toSchema().toBER(false)),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000),
      });
    } catch (err) {
      throw new TimestampError(`the timestamp authority at ${this.options.url} did not answer: ${(err as Error).message}`);
    }
    if (!response.ok) throw new TimestampError(`the timestamp authority answered HTTP ${response.status}`);
    const body = Buffer.from(await response.arrayBuffer());
    if (body.length > MAX_REPLY_BYTES) throw new TimestampError("the timestamp authority's reply is too large");
    const reply = parse(() => pkijs.TimeStampResp.fromBER(body), "the reply is not a TimeStampResp");
    const status = reply.status.status;
    if (status !== pkijs.PKIStatus.granted && status !== pkijs.PKIStatus.grantedWithMods) {
      throw new TimestampError(`the timestamp authority refused the request (PKIStatus ${status}${reply.status.statusStrings?.length ? `: ${reply.status.statusStrings.map((s) => s.valueBlock.value).join("; ")}` : ""})`);
    }
    if (!reply.timeStampToken) throw new TimestampError("the reply grants a timestamp but carries no token");
    const token = Buffer.from(reply.timeStampToken.toSchema().toBER(false));
    const info = tstInfoOf(token);
    if (!Buffer.from(info.messageImprint.hashedMessage.valueBlock.valueHexView).equals(digest)) throw new TimestampError("the token timestamps something other than what was sent");
    if (!info.nonce || !Buffer.from(info.nonce.valueBlock.valueHexView).equals(stripZeros(nonce))) throw new TimestampError("the token's nonce is not the request's: a replayed or foreign reply");
    return token;
  }
}

export interface VerifiedTimestamp {
  readonly genTime: Date;
  /** Hex serial number the TSA gave the token. */
  readonly serial: string;
  readonly policy: string;
  /** The signing certificate's subject, as text. */
  readonly tsa: string;
}

/**
 * Checks a DER TimeStampToken over `data`: the CMS signature, the message imprint, the signing
 * certificate chaining to one of `trustedPem` (PEM certificates: the TSA's CA) at genTime, and
 * that certificate being meant for timestamping (extended key usage id-kp-timeStamping).
 */
export async function verifyTimestampToken(token: Uint8Array, data: Uint8Array, trustedPem: string): Promise<VerifiedTimestamp> {
  const trustedCerts = certificatesFromPem(trustedPem);
  if (trustedCerts.length === 0) throw new TimestampError("no trusted certificate was given to check the timestamp with");
  const content = parse(() => pkijs.ContentInfo.fromBER(token), "not a CMS ContentInfo");
  if (content.contentType !== SIGNED_DATA) throw new TimestampError("the token is not CMS SignedData");
  const signed = parse(() => new pkijs.SignedData({ schema: content.content }), "the token's SignedData is malformed");
  const info = tstInfoOf(token);
  let result: pkijs.SignedDataVerifyResult;
  try {
    result = await signed.verify({ signer: 0, data: toArrayBuffer(data), trustedCerts, checkChain: true, extendedMode: true });
  } catch (err) {
    throw new TimestampError(`the timestamp does not verify: ${(err as { message?: string }).message ?? String(err)}`);
  }
  if (!result.signatureVerified) throw new TimestampError(`the timestamp does not verify: ${result.message}`);
  const signer = result.signerCertificate;
  if (!signer) throw new TimestampError("the timestamp names no signing certificate");
  const eku = signer.extensions?.find((e) => e.extnID === EXT_KEY_USAGE);
  const purposes = eku?.parsedValue instanceof pkijs.ExtKeyUsage ? eku.parsedValue.keyPurposes : [];
  if (!purposes.includes(TIME_STAMPING_EKU)) throw new TimestampError("the signing certificate is not a timestamping certificate (no id-kp-timeStamping)");
  return {
    genTime: info.genTime,
    serial: Buffer.from(info.serialNumber.valueBlock.valueHexView).toString("hex"),
    policy: info.policy,
    tsa: signer.subject.typesAndValues.map((t) => `${shortName(t.type)}=${t.value.valueBlock.value}`).join(", "),
  };
}

function tstInfoOf(token: Uint8Array): pkijs.TSTInfo {
  const content = parse(() => pkijs.ContentInfo.fromBER(token), "not a CMS ContentInfo");
  const signed = parse(() => new pkijs.SignedData({ schema: content.content }), "the token's SignedData is malformed");
  const eContent = signed.encapContentInfo.eContent;
  if (signed.encapContentInfo.eContentType !== pkijs.id_eContentType_TSTInfo || !eContent) throw new TimestampError("the token does not hold a TSTInfo");
  return parse(() => pkijs.TSTInfo.fromBER(eContent.getValue()), "the token's TSTInfo is malformed");
}

export function certificatesFromPem(pem: string): pkijs.Certificate[] {
  const blocks = [...pem.matchAll(/-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+?)-----END CERTIFICATE-----/g)].slice(0, 32);
  return blocks.map((m) => parse(() => pkijs.Certificate.fromBER(Buffer.from(m[1]!.replace(/\s+/g, ""), "base64")), "a PEM certificate does not parse"));
}

function parse<T>(work: () => T, problem: string): T {
  try {
    return work();
  } catch (err) {
    throw new TimestampError(`${problem}: ${(err as Error).message}`);
  }
}

function toArrayBuffer(data: Uint8Array): ArrayBuffer {
  return data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
}

/** DER INTEGERs drop leading zero bytes. */
function stripZeros(bytes: Buffer): Buffer {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0 && bytes[i + 1]! < 0x80) i++;
  return bytes.subarray(i);
}

const NAMES: Record<string, string> = { "2.5.4.3": "CN", "2.5.4.10": "O", "2.5.4.11": "OU", "2.5.4.6": "C" };
const shortName = (oid: string) => NAMES[oid] ?? oid;
