/**
 * Whether a signed delivery carries what Keyward's handlers read. GitHub always sends a JSON
 * object; a signature proves who sent a body, not that it is well formed, so `null`, `[1,2,3]`
 * or a push without commits is refused here (4xx) instead of crashing a handler (500). Only the
 * fields the handlers read are asked for; everything else passes through.
 */
import { z } from "zod";

const repository = z.looseObject({ name: z.string(), full_name: z.string(), html_url: z.string(), private: z.boolean() });
const sha = z.string().min(1);

const SHAPES: Readonly<Record<string, z.ZodType>> = {
  push: z.looseObject({ repository, ref: z.string(), before: sha, after: sha, commits: z.array(z.looseObject({ id: z.string() })) }),
  pull_request: z.looseObject({ repository, pull_request: z.looseObject({ number: z.number(), head: z.looseObject({ sha }) }) }),
  check_run: z.looseObject({ repository, check_run: z.looseObject({ id: z.number(), name: z.string(), head_sha: sha }) }),
  issues: z.looseObject({ repository, issue: z.looseObject({ number: z.number() }) }),
  issue_comment: z.looseObject({ repository, issue: z.looseObject({ number: z.number() }), comment: z.looseObject({ body: z.string() }), sender: z.looseObject({ login: z.string() }) }),
  installation: z.looseObject({ installation: z.looseObject({ id: z.number() }) }),
  installation_repositories: z.looseObject({ installation: z.looseObject({ id: z.number() }), repositories_added: z.array(z.looseObject({ full_name: z.string() })).optional() }),
};

/** What is wrong with the payload of `event`, or undefined when the handlers can read it. */
export function payloadProblem(event: string, payload: unknown): string | undefined {
  if (typeof payload !== "object" || payload === null || Array.isArray(payload)) return `payload is ${payload === null ? "null" : Array.isArray(payload) ? "an array" : `a ${typeof payload}`}, not an object`;
  const shape = SHAPES[event];
  if (!shape) return undefined;
  const result = shape.safeParse(payload);
  if (result.success) return undefined;
  const issue = result.error.issues[0]!;
  return `${issue.path.join(".") || "payload"}: ${issue.message}`;
}
