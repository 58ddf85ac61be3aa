/**
 * In front of Probot's webhook middleware: a delivery whose signature is valid but whose body
 * the handlers cannot read (`null`, `[1,2,3]`, a push without commits) is logged with its
 * delivery id and answered 400, before Probot builds a context for it (which answers 500).
 * Unsigned or wrongly signed requests go on untouched: Probot refuses those itself.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { Webhooks } from "@octokit/webhooks";
import type { Logger } from "probot";
import { payloadProblem } from "./payload-shape.js";

// The shape Probot declares for its middleware.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type Middleware = (req: IncomingMessage, res: ServerResponse, next?: Function) => Promise<boolean>;

async function bodyOf(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export function guardWebhooks(inner: Middleware, o: { readonly secret: string; readonly path: string; readonly log: Logger }): Middleware {
  const webhooks = new Webhooks({ secret: o.secret });
  return async (req, res, next) => {
    const pathname = new URL(req.url ?? "/", "http://localhost").pathname.replace(/\/+$/, "");
    if (req.method !== "POST" || pathname !== o.path) return inner(req, res, next);
    const body = await bodyOf(req);
    // Probot's middleware takes a string body as it is instead of reading the stream again.
    (req as IncomingMessage & { body?: string }).body = body;
    const signature = req.headers["x-hub-signature-256"];
    const event = String(req.headers["x-github-event"] ?? "");
    if (typeof signature === "string" && (await webhooks.verify(body, signature).catch(() => false))) {
      let payload: unknown;
      try {
        payload = JSON.parse(body);
      } catch {
        return inner(req, res, next); // Probot answers 400 "Invalid JSON"
      }
      const problem = payloadProblem(event, payload);
      if (problem) {
        o.log.warn({ delivery: req.headers["x-github-delivery"], event }, `refusing malformed payload: ${problem}`);
        res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ error: `malformed ${event} payload: ${problem}` }));
        return true;
      }
    }
    return inner(req, res, next);
  };
}
