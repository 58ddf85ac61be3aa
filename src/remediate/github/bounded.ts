/**
 * API responses read with a size bound. A commit with one 8 MB line makes a 16 MB compare or
 * commit response; Octokit's JSON parser (json-with-bigint) gives up on bodies that large and
 * hands back the raw text, so `data.files` is undefined and the delivery crashes with no check
 * run. Responses that may carry patches are therefore taken unparsed: the Content-Length is
 * looked at first, the body is read only up to `maxBytes`, and parsed with the platform's JSON
 * parser. Over the bound the answer is `undefined` and the caller reads the change from git
 * instead (commits.ts).
 */
import type { Octokit } from "../types.js";

/** Beyond this a response is not parsed: the change is read with `git fetch`. */
export const MAX_API_RESPONSE_BYTES = 4 * 1024 * 1024;

/** Asks Octokit for the body as a stream instead of parsing it. */
const UNPARSED = { request: { parseSuccessResponseBody: false } } as const;

/** GET `route` and parse the body, or undefined when it is larger than `maxBytes`. */
export async function boundedGet<T>(octokit: Octokit, route: string, params: Record<string, unknown>, maxBytes = MAX_API_RESPONSE_BYTES): Promise<T | undefined> {
  const res = await octokit.request(route, { ...params, ...UNPARSED });
  const body = res.data as unknown as ReadableStream<Uint8Array> | null;
  const declared = Number(res.headers["content-length"] ?? Number.NaN);
  if (declared > maxBytes) {
    await body?.cancel().catch(() => undefined);
    return undefined;
  }
  if (!body) return undefined;
  const parts: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    parts.push(value);
  }
  return JSON.parse(Buffer.concat(parts).toString("utf8")) as T;
}
