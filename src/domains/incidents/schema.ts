/**
 * The incident report form (上报欺凌事件) and the closing form, as zod schemas over the raw
 * `form_value` Lark sends. Values may arrive as strings or arrays (Lark is lenient, forged
 * callbacks are anything), so every field is coerced here and nowhere else.
 *
 * Errors are Chinese and keyed by the form component's `name`, so the card can show each one
 * next to its field while keeping what was typed (`IntakeDraft`).
 */
import { z } from "zod";
import { localDateToInstant, isIsoDate, DEFAULT_TIMEZONE } from "../../core/calendar.js";

export const KINDS = {
  physical: "肢体",
  verbal: "言语",
  cyber: "网络",
  property: "财物",
  exclusion: "排斥孤立",
} as const;
export type Kind = keyof typeof KINDS;

export const SEVERITIES = {
  minor: "情节轻微",
  serious: "情节较重",
  criminal: "涉嫌违法犯罪",
} as const;
export type Severity = keyof typeof SEVERITIES;

/** The 重特大 markers (S2): any one makes the case urgent. */
export const MAJOR_MARKERS = {
  casualty: "伤亡",
  weapon: "持械",
  online: "网络恶意传播",
  group: "群体性",
} as const;
export type MajorMarker = keyof typeof MAJOR_MARKERS;

export const SOURCES = {
  staff: "教职工发现",
  student: "学生报告",
  parent: "家长反映",
  hotline: "举报箱或电话",
  onlineVideo: "网络视频",
} as const;
export type Source = keyof typeof SOURCES;

export const LOCATIONS = { inSchool: "校园内", offCampus: "校园外" } as const;
export type Location = keyof typeof LOCATIONS;

/** Field limits; the card's `max_length` uses the same numbers, the schema enforces them for forged input. */
export const LIMITS = {
  place: 100,
  grades: 100,
  summary: 2000,
  privateNote: 1000,
  measures: 1000,
  closingText: 2000,
  count: 999,
} as const;

/** Form component names (the keys of `form_value`). */
export const F = {
  unit: "unit",
  occurredAt: "occurred_at",
  location: "location",
  place: "place",
  kinds: "kinds",
  severity: "severity",
  major: "major",
  source: "source",
  victims: "victim_count",
  actors: "actor_count",
  grades: "grades",
  summary: "summary",
  privateNote: "private_note",
  measures: "measures",
  publicAttention: "public_attention",
} as const;

/** What the person typed, as strings, so a form that comes back with errors shows it again. */
export interface IntakeDraft {
  unit?: string;
  occurredAt?: string; // "yyyy-MM-dd HH:mm"
  location?: string;
  place?: string;
  kinds?: string[];
  severity?: string;
  major?: string[];
  source?: string;
  victims?: string;
  actors?: string;
  grades?: string;
  summary?: string;
  privateNote?: string;
  measures?: string;
  publicAttention?: boolean;
}

const str = (v: unknown): string | undefined => {
  if (v === undefined || v === null) return undefined;
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (Array.isArray(v) && v.length === 1) return str(v[0]);
  return undefined;
};
const arr = (v: unknown): string[] | undefined => {
  if (v === undefined || v === null || v === "") return undefined;
  if (Array.isArray(v)) return v.filter((x) => typeof x === "string" || typeof x === "number").map(String);
  if (typeof v === "string") return v.split(",").map((s) => s.trim()).filter(Boolean);
  return undefined;
};
const bool = (v: unknown): boolean | undefined => (v === undefined || v === null ? undefined : v === true || v === "true" || v === 1 || v === "1");

/** Raw `form_value` → draft (never throws: any shape gives a draft). */
export function draftFromForm(fv: Record<string, unknown> | undefined): IntakeDraft {
  const v = fv ?? {};
  return {
    unit: str(v[F.unit]),
    occurredAt: normaliseDateTimeText(str(v[F.occurredAt])),
    location: str(v[F.location]),
    place: str(v[F.place]),
    kinds: arr(v[F.kinds]),
    severity: str(v[F.severity]),
    major: arr(v[F.major]),
    source: str(v[F.source]),
    victims: str(v[F.victims]),
    actors: str(v[F.actors]),
    grades: str(v[F.grades]),
    summary: str(v[F.summary]),
    privateNote: str(v[F.privateNote]),
    measures: str(v[F.measures]),
    publicAttention: bool(v[F.publicAttention]),
  };
}

// Lark sends "2024-04-29 07:07 +0800"; the picker's initial value wants "2024-04-29 07:07".
const DT_RE = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})(?::\d{2})?(?:\s*([+-])(\d{2}):?(\d{2})|Z)?$/;

function normaliseDateTimeText(s: string | undefined): string | undefined {
  if (!s) return s;
  const m = DT_RE.exec(s.trim());
  return m ? `${m[1]} ${m[2]}:${m[3]}` : s;
}

/** "yyyy-MM-dd HH:mm [+0800]" → instant; without an offset the plan's time zone is meant. */
export function parseLarkDateTime(s: string, tz = DEFAULT_TIMEZONE): Date | null {
  const m = DT_RE.exec(s.trim());
  if (!m || !isIsoDate(m[1])) return null;
  const [h, mi] = [Number(m[2]), Number(m[3])];
  if (h > 23 || mi > 59) return null;
  if (m[4]) {
    const off = (Number(m[5]) * 60 + Number(m[6])) * (m[4] === "-" ? -1 : 1);
    return new Date(Date.parse(`${m[1]}T${m[2]}:${m[3]}:00Z`) - off * 60_000);
  }
  if (s.trim().endsWith("Z")) return new Date(Date.parse(`${m[1]}T${m[2]}:${m[3]}:00Z`));
  return localDateToInstant(m[1], `${m[2]}:${m[3]}`, tz);
}

const keyOf = <T extends Record<string, string>>(o: T, field: string, label: string) =>
  z.string({ error: `请选择${label}` }).refine((s): s is Extract<keyof T, string> => Object.hasOwn(o, s), { message: `${field}的选项无效，请重新选择` });

const text = (label: string, max: number, required: boolean) => {
  const base = z
    .string({ error: required ? `请填写${label}` : `${label}格式不正确` })
    .transform((s) => s.replace(/\r\n?/g, "\n").trim())
    .refine((s) => Array.from(s).length <= max, { message: `${label}不能超过 ${max} 字` });
  return required ? base.refine((s) => s.length > 0, { message: `请填写${label}` }) : base;
};

const count = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .transform((s) => s.trim())
    .refine((s) => /^\d{1,3}$/.test(s), { message: `${label}应为 0–${LIMITS.count} 的整数` })
    .transform(Number);

export interface IntakeContext {
  now: Date;
  tz: string;
  /** Unit keys the reporter may report for; the form only asks when there are several. */
  unitKeys: string[];
}

export function intakeSchema(ctx: IntakeContext) {
  return z
    .object({
      unit: z
        .string({ error: "请选择学校" })
        .refine((u) => ctx.unitKeys.includes(u), { message: "学校的选项无效，请重新选择" }),
      occurredAt: z
        .string({ error: "请选择发生时间" })
        .transform((s, c) => {
          const d = parseLarkDateTime(s, ctx.tz);
          if (!d) {
            c.addIssue({ code: "custom", message: "发生时间格式不正确，请重新选择" });
            return z.NEVER;
          }
          return d;
        })
        // Five minutes of slack for clocks that disagree; a report is about the past.
        .refine((d) => d.getTime() <= ctx.now.getTime() + 5 * 60_000, { message: "发生时间不能晚于现在" })
        .refine((d) => d.getTime() >= ctx.now.getTime() - 5 * 366 * 86_400_000, { message: "发生时间过早，请核对年份" }),
      location: keyOf(LOCATIONS, "发生地点", "发生在校园内还是校园外"),
      place: text("具体地点", LIMITS.place, true),
      kinds: z
        .array(z.string(), { error: "请选择欺凌方式（可多选）" })
        .min(1, { message: "请选择欺凌方式（可多选）" })
        .refine((ks) => ks.every((k) => Object.hasOwn(KINDS, k)), { message: "欺凌方式的选项无效，请重新选择" })
        .transform((ks) => [...new Set(ks)] as Kind[]),
      severity: keyOf(SEVERITIES, "情节", "情节"),
      major: z
        .array(z.string())
        .default([])
        .refine((ks) => ks.every((k) => Object.hasOwn(MAJOR_MARKERS, k)), { message: "重特大情形的选项无效，请重新选择" })
        .transform((ks) => [...new Set(ks)] as MajorMarker[]),
      source: keyOf(SOURCES, "发现途径", "发现途径"),
      victims: count("受欺凌学生人数"),
      actors: count("实施欺凌学生人数"),
      grades: text("涉及年级", LIMITS.grades, true),
      summary: text("事件概述", LIMITS.summary, true),
      privateNote: text("专班备注", LIMITS.privateNote, false).default(""),
      measures: text("已采取的措施", LIMITS.measures, false).default(""),
      publicAttention: z.boolean().default(false),
    })
    .superRefine((v, c) => {
      if (typeof v.victims === "number" && typeof v.actors === "number" && v.victims + v.actors === 0)
        c.addIssue({ code: "custom", path: ["victims"], message: "受欺凌学生人数和实施欺凌学生人数不能都为 0" });
    });
}

export type Intake = z.infer<ReturnType<typeof intakeSchema>>;

const FIELD_OF: Record<string, string> = {
  unit: F.unit,
  occurredAt: F.occurredAt,
  location: F.location,
  place: F.place,
  kinds: F.kinds,
  severity: F.severity,
  major: F.major,
  source: F.source,
  victims: F.victims,
  actors: F.actors,
  grades: F.grades,
  summary: F.summary,
  privateNote: F.privateNote,
  measures: F.measures,
  publicAttention: F.publicAttention,
};

export interface FieldIssue {
  field: string;
  message: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldIssue[] };

/** First error per field, in form order. */
function issuesOf(error: z.ZodError, fieldOf: Record<string, string>): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const i of error.issues) {
    const key = String(i.path[0] ?? "");
    const field = fieldOf[key] ?? key;
    if (!out.some((o) => o.field === field)) out.push({ field, message: i.message });
  }
  const order = Object.values(fieldOf);
  return out.sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
}

export function parseIntake(draft: IntakeDraft, ctx: IntakeContext): Parsed<Intake> {
  // A single reportable unit need not be asked for.
  const input = { ...draft, unit: draft.unit ?? (ctx.unitKeys.length === 1 ? ctx.unitKeys[0] : undefined) };
  const r = intakeSchema(ctx).safeParse(input);
  return r.success ? { ok: true, value: r.data } : { ok: false, errors: issuesOf(r.error, FIELD_OF) };
}

// ── closing (处置结束) ──────────────────────────────────────────────────────────

export const CF = { result: "result", cause: "cause", nextSteps: "next_steps" } as const;

export interface ClosingDraft {
  result?: string;
  cause?: string;
  nextSteps?: string;
}

export function closingDraftFromForm(fv: Record<string, unknown> | undefined): ClosingDraft {
  const v = fv ?? {};
  return { result: str(v[CF.result]), cause: str(v[CF.cause]), nextSteps: str(v[CF.nextSteps]) };
}

export const closingSchema = z.object({
  result: text("处置情况", LIMITS.closingText, true),
  cause: text("事件发生原因剖析", LIMITS.closingText, true),
  nextSteps: text("下一步采取措施", LIMITS.closingText, true),
});
export type Closing = z.infer<typeof closingSchema>;

export function parseClosing(draft: ClosingDraft): Parsed<Closing> {
  const r = closingSchema.safeParse({ result: draft.result ?? "", cause: draft.cause ?? "", nextSteps: draft.nextSteps ?? "" });
  return r.success ? { ok: true, value: r.data } : { ok: false, errors: issuesOf(r.error, { result: CF.result, cause: CF.cause, nextSteps: CF.nextSteps }) };
}

/** Action values on the case cards: anything else (forged, stale) is refused before any read. */
export const caseActionValue = z.object({
  action: z.string(),
  caseId: z.string().min(1).max(64),
});
export const stepActionValue = caseActionValue.extend({
  step: z.string().min(1).max(40),
  op: z.enum(["done", "skip"]).default("done"),
});
