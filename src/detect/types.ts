/**
 * The detection core's vocabulary. Everything here is plain data: rules are declared,
 * findings are produced, and neither ever carries a raw secret past the matcher.
 */

export type Severity = "critical" | "high" | "medium" | "low";
export type Confidence = "high" | "medium" | "low";

export const SEVERITIES: readonly Severity[] = ["critical", "high", "medium", "low"];

/** A secret-detection rule. Rules are data: one module per provider family under rules/. */
export interface Rule {
  /** Stable kebab-case id, used in reports, ignore files and config. */
  readonly id: string;
  /** The provider or family, for grouping in reports ("GitHub", "AWS", "Generic"). */
  readonly provider: string;
  readonly description: string;
  /**
   * Lowercase literals; a rule only runs on text that contains one of them, which is what
   * keeps most lines nearly free. Empty only for path-only rules, and for imported gitleaks
   * rules that name none (those run on every chunk, as gitleaks runs them).
   */
  readonly keywords: readonly string[];
  /**
   * The provider's public, documented prefixes of the secret (`ghp_`, `xoxb-`, `AKIA`): the
   * only characters a preview may show (the longest one the secret starts with). Without
   * one, a preview shows no character of the secret, only its length class (redact.ts).
   */
  readonly prefixes?: readonly string[];
  /**
   * The matcher. Capture group `secret` (or group 1) is the secret; without one the whole
   * match is. Every quantifier must be bounded so no input can make it slow.
   */
  readonly pattern?: RegExp;
  /** Minimum Shannon entropy (bits per character) of the secret. */
  readonly entropy?: number;
  /** Structural or checksum check on the secret (true = looks genuine). Pure, no I/O. */
  readonly validate?: (secret: string) => boolean;
  /**
   * Which capture group is the secret (a number or a name), for rules written elsewhere
   * (custom and gitleaks rules); 0 is gitleaks' default, the first group that matched
   * something. Without it: group `secret`, else group 1, else the whole match.
   */
  readonly secretGroup?: number | string;
  /** Only files whose path matches one of these globs (minimatch, matchBase). */
  readonly paths?: readonly string[];
  /** A further path condition, for rules whose scope is not a glob (gitleaks' `path` regex). */
  readonly appliesTo?: (path: string) => boolean;
  /** A path-only rule: the file's presence is the finding (e.g. a committed .p12 keystore). */
  readonly pathOnly?: boolean;
  /**
   * For a path-only rule: whether the file's bytes really are what the name says (a PKCS#12
   * structure, not an empty or random file). Where the bytes cannot be read (a commit's patch
   * in history or from the API) the finding is reported at low confidence, "not checked".
   */
  readonly fileCheck?: (bytes: Uint8Array) => boolean;
  /** The pattern may span lines (PEM blocks); it is run on a bounded window from the keyword. */
  readonly multiline?: boolean;
  /** Rule-specific false-positive control, on top of the global placeholder checks. */
  readonly allow?: {
    /** Case-insensitive substrings that make a secret a non-finding. */
    readonly stopwords?: readonly string[];
    /** Regexes tested against the secret. */
    readonly secrets?: readonly RegExp[];
    /** Regexes tested against the whole match (context around the secret). */
    readonly matches?: readonly RegExp[];
    /** Any other condition on the candidate (gitleaks allowlists: line targets, AND, commits). */
    readonly when?: (candidate: Candidate) => boolean;
  };
  /** Skip the global placeholder / template checks (for formats that are self-validating). */
  readonly skipGlobalAllowlist?: boolean;
  /**
   * The secret is an encoding of other text (a basic-auth header, a Docker `auth` entry):
   * it is decoded and scanned, and a specific rule's hit inside wins over this rule's.
   */
  readonly decodes?: "base64";
  /** Another rule whose finding in the same file completes this one (AWS key id + secret). */
  readonly pairsWith?: string;
  readonly severity: Severity;
  readonly confidence: Confidence;
  /**
   * Examples the rule must and must not report; test/detect/rules.test.ts runs them all.
   * Each literal carries `keyward:allow` where it sits so the repository scans itself clean.
   */
  readonly examples: {
    readonly match: readonly string[];
    readonly noMatch: readonly string[];
    /** For path-scoped rules: the path the examples are scanned as. */
    readonly path?: string;
  };
}

/** What an allowlist may judge a candidate by. Lives only inside the matcher, like the secret. */
export interface Candidate {
  readonly secret: string;
  readonly match: string;
  /** The whole line the secret starts on. */
  readonly line: string;
  readonly path: string;
  readonly commit?: string;
}

export interface CommitInfo {
  readonly sha: string;
  readonly author: string;
  readonly email: string;
  readonly date: string;
}

export interface Location {
  readonly path: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based, in UTF-16 code units as editors and GitHub annotations count them. */
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly commit?: CommitInfo;
}

/** What the scanner reports. There is no field that could hold the secret. */
export interface SecretFinding {
  readonly kind: "secret";
  readonly ruleId: string;
  readonly provider: string;
  readonly description: string;
  readonly severity: Severity;
  readonly confidence: Confidence;
  readonly location: Location;
  /** Masked: a short prefix, then asterisks; never enough to use or brute-force. */
  readonly preview: string;
  /** Keyed hash of the secret: the same secret gives the same id across files and commits. */
  readonly secretId: string;
  /** `path:rule:secretId`: stable across line moves; what ignore files and baselines list. */
  readonly fingerprint: string;
  readonly entropy: number;
  /** Set when the secret was found inside an encoded value (e.g. a Kubernetes Secret's base64). */
  readonly encoding?: "base64";
  /** The fingerprint of the matching half of a pair (AWS key id and secret key). */
  readonly pairedWith?: string;
  /**
   * Set when the file is test code, documentation or an example: the finding stands, at one
   * step lower confidence than its rule's, and this says why.
   */
  readonly context?: "test" | "docs" | "example";
}

/** A piece of text to scan: a whole file, or a run of lines added by a commit. */
export interface Chunk {
  readonly path: string;
  readonly text: string;
  /** Line number of the chunk's first line in the file (1 for a whole file). */
  readonly startLine: number;
  readonly commit?: CommitInfo;
}
