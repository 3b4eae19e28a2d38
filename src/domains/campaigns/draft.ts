/** Importer result → a draft plan file (YAML text) that validates against the plan schema. */
import { createHash } from "node:crypto";
import { stringify } from "yaml";
import type { ImportResult } from "./importer.js";
import type { ImportedForm } from "./forms-import.js";
import type { PlanInput } from "./schema.js";

const NON_BLOCKING = new Set(["issuer", "issuedOn", "year", "leadershipGroup.members"]);

function eventOf(raw: string): string {
  if (/处置|处理|办结|结案|结束/.test(raw)) return "incidentClosed";
  if (/调查/.test(raw)) return "investigationStarted";
  if (/受理|接到/.test(raw)) return "reportReceived";
  return "event";
}

export function toDraftPlan(r: ImportResult, source: string, forms: ImportedForm[] = []): PlanInput {
  const id = `draft-${createHash("sha1").update(r.title ?? source).digest("hex").slice(0, 8)}`;
  const unresolved: NonNullable<PlanInput["unresolved"]> = r.unresolved.map((u) => {
    let path = u.field;
    if (/^phases\[\d+\]$/.test(path)) path = `${path}.end`;
    return { path, raw: u.raw, reason: u.reason, blocking: !NON_BLOCKING.has(u.field) };
  });
  return {
    id,
    title: r.title ?? "（未识别标题）",
    issuer: r.issuer,
    docNumber: r.docNumber,
    issuedOn: r.issuedOn,
    timezone: "Asia/Shanghai",
    span: { start: r.span.start, end: r.span.end, raw: r.span.raw },
    phases: r.phases.map((p, i) => ({
      key: `phase-${i + 1}`,
      name: p.name,
      start: p.start,
      end: p.end,
      ...(p.end === null && p.start !== null ? { openEnded: true } : {}),
      raw: p.raw,
    })),
    deadlines: r.deadlines.map((d, i) => {
      const base = { key: `deadline-${i + 1}`, title: d.title, kind: d.kind, raw: d.raw, ...(d.to ? { to: d.to } : {}), ...(d.who ? { assignees: { raw: d.who } } : {}) };
      switch (d.kind) {
        case "once":
          return { ...base, due: d.due ?? null, action: "submit" as const };
        case "window":
          return { ...base, start: d.start ?? null, end: d.end ?? null, action: "happen" as const };
        case "recurring": {
          const rule = d.rule as Record<string, unknown>;
          return { ...base, rule: (/months$/.test(String(rule.every)) ? { ...rule, anchor: null } : rule) as never };
        }
        case "relative":
          return { ...base, event: eventOf(d.raw), days: d.days ?? 0, dayType: d.dayType ?? "unspecified", action: "submit" as const };
        default:
          return base;
      }
    }),
    leadershipGroup: {
      members: r.leadershipGroup.members.map((m) => ({ name: m.name, role: m.role, ...(m.title ? { title: m.title } : {}), ...(m.department ? { department: m.department } : {}) })),
      ...(r.leadershipGroup.office ? { office: { department: r.leadershipGroup.office.department, director: r.leadershipGroup.office.director ?? null } } : {}),
    },
    duties: r.duties,
    units: [],
    contacts: r.contacts.map((c) => ({ ...(c.region ? { region: c.region } : {}), office: c.office, phone: c.phone })),
    forms: forms.map((f) => ({
      key: `attachment-${f.ref.replace(/\D/g, "")}`,
      ref: f.ref,
      title: f.title,
      ...(f.header ? { header: f.header } : {}),
      ...(f.columns ? { columns: f.columns } : {}),
      ...(f.items ? { items: f.items } : {}),
    })),
    unresolved,
  };
}

export function draftPlanYaml(r: ImportResult, source: string, forms: ImportedForm[] = []): string {
  const plan = toDraftPlan(r, source, forms);
  const head = [
    `# 草稿：由 plan import 从 ${source} 生成。请核对每一项，补全 unresolved 中列出的内容，`,
    "# 填写单位（units）、成员联系方式和表单后，再运行 plan validate / plan activate。",
    "",
  ].join("\n");
  return head + stringify(plan, { lineWidth: 0 });
}
