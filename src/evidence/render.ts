/**
 * The auditor's report, in Markdown and as a standalone HTML page. Both come from one
 * document model (headings, paragraphs, tables), so they always say the same thing; the HTML
 * carries its CSS inline and loads nothing, so it opens the same offline in ten years.
 */
import type { Control, EvidenceSummary, Percentiles, SectionId } from "./report.js";

type Block =
  | { readonly kind: "p"; readonly text: string }
  | { readonly kind: "h3"; readonly text: string; readonly id?: string }
  /** `anchors[i]`, when given, links row i's first cell to that heading in the page. */
  | { readonly kind: "table"; readonly head: readonly string[]; readonly rows: readonly (readonly string[])[]; readonly empty: string; readonly anchors?: readonly string[] };

interface ReportDoc {
  readonly title: string;
  readonly facts: readonly (readonly [string, string])[];
  readonly controls: readonly { readonly control: Control; readonly blocks: readonly Block[] }[];
  /** After the controls: every finding's trail, for sampling. */
  readonly trails: { readonly title: string; readonly intro: string; readonly blocks: readonly Block[] };
}

export function renderMarkdown(summary: EvidenceSummary): string {
  const doc = reportDocument(summary);
  const out = [`# ${doc.title}`, "", ...doc.facts.map(([k, v]) => `- **${k}:** ${mdText(v)}`), ""];
  const blocksMd = (blocks: readonly Block[]) => {
    for (const b of blocks) {
      if (b.kind === "p") out.push(mdText(b.text), "");
      else if (b.kind === "h3") out.push(`### ${mdText(b.text)}`, "");
      else if (b.rows.length === 0) out.push(`_${mdText(b.empty)}_`, "");
      else out.push(`| ${b.head.map(mdText).join(" | ")} |`, `|${b.head.map(() => " --- ").join("|")}|`, ...b.rows.map((r) => `| ${r.map(mdText).join(" | ")} |`), "");
    }
  };
  for (const { control, blocks } of doc.controls) {
    out.push(`## ${controlHeading(control)}`, "", `_${mdText(control.statement)}_`, "");
    blocksMd(blocks);
  }
  out.push(`## ${mdText(doc.trails.title)}`, "", `_${mdText(doc.trails.intro)}_`, "");
  blocksMd(doc.trails.blocks);
  return out.join("\n");
}

export function renderHtml(summary: EvidenceSummary): string {
  const doc = reportDocument(summary);
  const html = (blocks: readonly Block[]) =>
    blocks
      .map((b) => {
        if (b.kind === "p") return `<p>${esc(b.text)}</p>`;
        if (b.kind === "h3") return `<h3${b.id ? ` id="${esc(b.id)}"` : ""}>${esc(b.text)}</h3>`;
        if (b.rows.length === 0) return `<p class="empty">${esc(b.empty)}</p>`;
        const cell = (c: string, i: number, j: number) => (j === 0 && b.anchors?.[i] ? `<td><a href="#${esc(b.anchors[i]!)}">${esc(c)}</a></td>` : `<td>${esc(c)}</td>`);
        return `<table><thead><tr>${b.head.map((h) => `<th>${esc(h)}</th>`).join("")}</tr></thead><tbody>${b.rows.map((r, i) => `<tr>${r.map((c, j) => cell(c, i, j)).join("")}</tr>`).join("")}</tbody></table>`;
      })
      .join("\n");
  const sections = doc.controls.map(({ control, blocks }) => `<section id="control-${esc(control.id)}"><h2>${esc(controlHeading(control))}</h2><p class="statement">${esc(control.statement)}</p>\n${html(blocks)}</section>`);
  sections.push(`<section id="trails"><h2>${esc(doc.trails.title)}</h2><p class="statement">${esc(doc.trails.intro)}</p>\n${html(doc.trails.blocks)}</section>`);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(doc.title)}</title>
<style>${CSS}</style></head>
<body><main>
<h1>${esc(doc.title)}</h1>
<dl>${doc.facts.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join("")}</dl>
${sections.join("\n")}
</main></body></html>
`;
}

const CSS = `body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1b1f24;background:#fff;margin:0}
main{max-width:1100px;margin:0 auto;padding:2rem 1.5rem}h1{font-size:1.6rem;margin:0 0 1rem}
h2{font-size:1.2rem;margin:2.2rem 0 .3rem;padding-bottom:.3rem;border-bottom:2px solid #d0d7de}h3{font-size:1rem;margin:1.4rem 0 .4rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0}dt{font-weight:600}dd{margin:0;font-family:ui-monospace,Menlo,monospace;font-size:.9em;word-break:break-all}
.statement{color:#57606a;font-style:italic;margin-top:0}.empty{color:#57606a}
table{border-collapse:collapse;width:100%;margin:.4rem 0 1rem;font-size:.9em}th,td{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top;word-break:break-word}
th{background:#f6f8fa;word-break:normal;hyphens:auto}tbody tr:nth-child(even){background:#fbfcfd}a{color:#0969da}h3[id]{scroll-margin-top:1rem}h3[id]:target{background:#fff8c5}
#trails h3{font-size:.95rem;margin-top:1.6rem;font-family:ui-monospace,Menlo,monospace;word-break:break-all}
@media print{main{max-width:none;padding:0}h2{break-after:avoid}tr{break-inside:avoid}}`;

function reportDocument(s: EvidenceSummary): ReportDoc {
  const period = `${s.period.since ?? "the start of the log"} to ${s.period.until ? `${s.period.until} (exclusive)` : `the time of export (${s.asOf})`}`;
  const facts: [string, string][] = [
    ["Period", period],
    ["Repository", s.repository ?? "all"],
    ["Open findings aged as of", s.asOf],
    ["Records in the period", String(s.log.records)],
    ["Chain", s.log.integrity?.chain ?? "not checked"],
    ["SLA policy", policyText(s.sla.policy)],
    ["Signed by", s.log.integrity?.signer ? `Ed25519 key, SHA-256 fingerprint ${s.log.integrity.signer}` : "not signed"],
  ];
  const blocks: Record<SectionId, Block[]> = {
    findings: [
      { kind: "h3", text: `Every finding of the period (${s.population.length}), with its trail` },
      {
        ...table(
          ["Finding", "Kind", "Severity", "State at end", "Detected", "Owners", "Issue", "Exposure", "Time to revoke"],
          s.population.map((f) => [`${f.repository} · ${f.fingerprint}${f.rule ? ` (${f.rule})` : ""}`, f.kind, f.severity, f.state, shortTime(f.detected), f.owners.join(", ") || "none recorded", f.issue?.split(" ")[0] ?? "", f.exposureDays === null ? "" : duration(f.exposureDays), f.timeToRevokeDays !== null ? duration(f.timeToRevokeDays) : f.kind === "secret" ? "not yet" : ""]),
          "No findings were active in the period.",
        ),
        anchors: s.population.map((_, i) => `trail-${i + 1}`),
      },
      { kind: "h3", text: "Findings by state at the end of the period" },
      table(["State", "Findings"], Object.entries(s.findings.byState).map(([k, v]) => [k, String(v)]), "No findings were active in the period."),
      { kind: "h3", text: "Open findings by age" },
      table(["Repository", "Finding", "Severity", "State", "Open since", "Age"], s.findings.open.map((f) => [f.repository, f.rule ? `${f.fingerprint} (${f.rule})` : f.fingerprint, f.severity, f.state, f.openSince, duration(f.ageDays)]), "No finding is open."),
    ],
    exceptions: [
      { kind: "h3", text: "Exception register (accepted risk)" },
      table(["Repository", "Finding", "Approver", "Owner", "Reason", "Granted", "Expires", "Status"], s.exceptions.map((e) => [e.repository, e.fingerprint, e.approver, e.owner ?? "", e.reason, e.granted, e.expires, e.status]), "No exceptions."),
    ],
    unowned: [
      { kind: "h3", text: "Identities without an owner" },
      table(["Repository", "Identity", "Unowned since"], s.unowned.map((u) => [u.repository, u.identity, u.since]), "Every identity recorded has an owner."),
    ],
    remediation: [
      { kind: "h3", text: "Time to remediation (detection or reopening → fix verified or closed)" },
      table(["Severity", "Remediated", "p50", "p90"], [["all", s.remediation.overall] as const, ...Object.entries(s.remediation.bySeverity).map(([k, v]) => [k, v] as const)].map(([k, p]) => [k, ...percentileCells(p)]), ""),
    ],
    sla: [
      { kind: "h3", text: "SLA breaches" },
      { kind: "p", text: `SLA: ${slaText(s.sla.days)}.${s.sla.withoutSeverity ? ` ${s.sla.withoutSeverity} finding(s) carry no severity and are not judged.` : ""} ${policyText(s.sla.policy)}` },
      table(["Repository", "Finding", "Severity", "SLA", "Took / open for", "Status"], s.sla.breaches.map((b) => [b.repository, b.fingerprint, b.severity, `${b.slaDays} d`, duration(b.days), b.status === "open" ? "still open" : "remediated late"]), "No SLA breaches."),
    ],
    reviews: [
      { kind: "h3", text: "Access reviews done in the period" },
      table(["Repository", "Identity", "Reviewed", "By"], s.reviews.done.map((r) => [r.repository, r.identity, r.time, r.actor]), "No reviews were recorded in the period."),
      { kind: "h3", text: "Access reviews overdue" },
      table(["Repository", "Identity", "Opened", "Due"], s.reviews.overdue.map((r) => [r.repository, r.identity, r.time, r.due ?? "not given"]), "No review or rotation is overdue."),
      ...(s.reviews.upcoming.length ? [{ kind: "h3", text: "Access reviews due later" } as const, table(["Repository", "Identity", "Opened", "Due"], s.reviews.upcoming.map((r) => [r.repository, r.identity, r.time, r.due ?? ""]), "")] : []),
    ],
    log: [
      { kind: "h3", text: "Records by event" },
      table(["Event", "Records"], Object.entries(s.log.events).map(([k, v]) => [k, String(v)]), "No records in the period."),
      { kind: "p", text: s.log.first && s.log.last ? `Records ${s.log.first.seq} to ${s.log.last.seq}; last hash ${s.log.last.hash}.` : "The period holds no records." },
    ],
    monitoring: [
      { kind: "h3", text: "Monitoring activity in the period" },
      table(["Activity", "Records"], Object.entries(s.monitoring).map(([k, v]) => [k, String(v)]), ""),
    ],
    coverage: [
      { kind: "h3", text: "Coverage: scan heartbeats per repository" },
      {
        kind: "p",
        text: "Every scan of a push or pull request, and every repository's daily inventory sweep, leaves a heartbeat (repository, head or sweep day, rules version, findings). A gap is a stretch of the period with no scan of that repository: no pushes and no sweep, or monitoring not running.",
      },
      table(
        ["Repository", "Heartbeats", "First", "Last", "Longest gap", "Last head", "Rules"],
        s.coverage.map((c) => [c.repository, String(c.heartbeats), c.first ?? "none in the period", c.last ?? "", c.longestGap ? `${duration(c.longestGap.days)} (${shortTime(c.longestGap.from)} to ${shortTime(c.longestGap.to)})` : "", c.lastHead?.slice(0, 12) ?? "", c.rules ?? ""]),
        "No scan heartbeats are recorded: the log does not show monitoring operating in the period.",
      ),
    ],
  };
  const trails: Block[] = s.population.flatMap((f, i): Block[] => [
    { kind: "h3", id: `trail-${i + 1}`, text: `${i + 1}. ${f.repository} · ${f.fingerprint}${f.rule ? ` (${f.rule})` : ""}` },
    {
      kind: "p",
      text: [
        `${f.kind}, ${f.severity}; ${f.state} at the end of the period`,
        `detected ${f.detected}`,
        f.committed ? `committed ${f.committed}` : "commit time not recorded",
        `owners: ${f.owners.join(", ") || "none recorded"}`,
        f.issue ? `issue ${f.issue}` : "no issue",
        f.exposureDays === null ? "" : `exposure ${duration(f.exposureDays)}`,
        f.timeToRevokeDays !== null ? `time to revoke ${duration(f.timeToRevokeDays)}` : f.kind === "secret" ? "not rotated or revoked yet" : "",
        f.exception ? `exception approved by ${f.exception.approver} until ${f.exception.expires}` : "",
      ]
        .filter(Boolean)
        .join("; ") + ".",
    },
    table(["Record", "Time", "Step", "By", "Details"], f.steps.map((st) => [`#${st.seq}`, st.time, st.event, st.actor, st.note]), ""),
  ]);
  return {
    title: `Keyward evidence report${s.repository ? ` — ${s.repository}` : ""}`,
    facts,
    controls: s.controls.map((control) => ({ control, blocks: control.sections.flatMap((id) => blocks[id]) })),
    trails: { title: "Finding trails", intro: "Every step recorded for each finding of the period, earlier steps included: pick any to sample.", blocks: trails.length ? trails : [{ kind: "p", text: "No findings were active in the period." }] },
  };
}

function slaText(days: Readonly<Record<string, number>>): string {
  return Object.entries(days).map(([k, d]) => `${k} ${d} day${d === 1 ? "" : "s"}`).join(", ");
}

/** Whose SLA the report judges by: the log's recorded policy, or one given at export — said plainly. */
function policyText(p: EvidenceSummary["sla"]["policy"]): string {
  if (!p) return "The log records no SLA policy: the SLA was chosen when the pack was exported.";
  const at = `record #${p.seq} (${p.time}, by ${p.actor})`;
  return p.used ? `The SLA is the policy the log records, ${at}.` : `NOT THE RECORDED POLICY: this report uses an SLA given at export; the log records ${slaText(p.days)} at ${at}.`;
}

function table(head: string[], rows: string[][], empty: string): Extract<Block, { kind: "table" }> {
  return { kind: "table", head, rows, empty };
}

function controlHeading(c: Control): string {
  return `ISO/IEC 27001:2022 A.${c.id} ${c.title} · SOC 2 ${c.soc2.join(", ")}`;
}

function percentileCells(p: Percentiles): string[] {
  return [String(p.count), p.p50Days === null ? "–" : duration(p.p50Days), p.p90Days === null ? "–" : duration(p.p90Days)];
}

/** Hours under two days, days above: "5 h", "3.5 d". */
/** A remediation time at a useful grain: seconds for automatic revocations, days for SLAs. */
export function duration(days: number): string {
  const seconds = days * 86_400;
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5_400) return `${Math.round(seconds / 60)} min`;
  return days < 2 ? `${Math.round(days * 24)} h` : `${days.toFixed(1)} d`;
}

/** "2025-01-06T09:00:00.000Z" → "2025-01-06 09:00 UTC": for dense tables; trails keep the exact time. */
function shortTime(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return m ? `${m[1]} ${m[2]} UTC` : iso;
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Text from the log is data, not Markdown: neutralise what would format or embed HTML. */
function mdText(s: string): string {
  return s.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`).replace(/\r?\n/g, " ");
}
