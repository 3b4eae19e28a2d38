/**
 * The plan file (campaigns/*.yaml): one campaign the bot runs. See design.md §6 and
 * docs in campaigns/README.md. `Plan` is the zod-inferred type every other module uses.
 *
 * Drafts: any date the notice leaves blank is `null` and named in `unresolved`
 * (path + raw + reason); `planDraftProblems()` lists them and activation refuses.
 */
import { z } from "zod";
import { isIsoDate } from "../../core/calendar.js";

export const isoDate = z
  .string({ error: "应为日期 YYYY-MM-DD" })
  .refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s), { message: "日期格式应为 YYYY-MM-DD" })
  .refine((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s) || isIsoDate(s), { message: "日期不存在" });

/** ISO-8601 duration limited to days/hours/minutes: P7D, P1D, PT2H, P0D. */
export const isoDuration = z
  .string()
  .regex(/^P(?!$)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?)?$/, { message: "时长格式应为 ISO 8601，例如 P7D、P1D、PT2H" });

const key = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, { message: "标识只能用字母、数字、- _ ." });
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: "时间格式应为 HH:MM" });

export const roleName = z.string().min(1);

export const contactSchema = z
  .object({
    email: z.string().email({ message: "邮箱格式不正确" }).nullish(),
    mobile: z.string().regex(/^\+?\d[\d-]{6,}$/, { message: "手机号格式不正确" }).nullish(),
    openId: z.string().nullish(),
  })
  .strict();

export const unresolvedSchema = z
  .object({
    path: z.string(),
    raw: z.string().nullish(),
    reason: z.string(),
    /** false: worth knowing but does not block activation (e.g. issuer name missing) */
    blocking: z.boolean().default(true),
  })
  .strict();

export const assigneesSchema = z
  .object({
    /** e.g. school | department | bureau */
    unitKind: z.array(z.string()).or(z.string()).optional(),
    /** member roles, e.g. principal, schoolAdmin, safetyOffice, officeDirector */
    roles: z.array(roleName).optional(),
    /** named bureau departments, e.g. 安全办 */
    departments: z.array(z.string()).optional(),
    /** unit keys */
    units: z.array(z.string()).optional(),
    /** free text as the notice words it (各学校, 机关相关股室) */
    raw: z.string().optional(),
  })
  .strict();

export const escalateSchema = z.object({ after: isoDuration, to: z.array(roleName).min(1) }).strict();

export const ruleSchema = z.union([
  z.object({ every: z.literal("month"), day: z.number().int().min(1).max(31), offsetMonths: z.number().int().optional() }).strict(),
  z
    .object({
      every: z.string().regex(/^\d+ months$/, { message: "应为 \"N months\"" }),
      anchor: isoDate.nullish(),
    })
    .strict(),
  // a calendar quarter's last day (03-31, 06-30, 09-30, 12-31): 每季度末 — the quarter fixes the dates, no anchor needed
  z.object({ every: z.literal("quarter"), day: z.literal("last") }).strict(),
  z.object({ every: z.literal("semester"), min: z.number().int().min(0), max: z.number().int().min(1).optional() }).strict(),
  z.object({ every: z.literal("week"), weekday: z.number().int().min(1).max(7) }).strict(),
]);

export const deadlineKinds = ["once", "recurring", "relative", "window", "immediate"] as const;

export const deadlineSchema = z
  .object({
    key,
    title: z.string().min(1),
    kind: z.enum(deadlineKinds, { message: "kind 应为 once | recurring | relative | window | immediate" }),
    /** once: the inclusive last day */
    due: isoDate.nullish(),
    /** window: first and last day */
    start: isoDate.nullish(),
    end: isoDate.nullish(),
    rule: ruleSchema.optional(),
    /** relative: the event it counts from, e.g. incidentClosed */
    event: z.string().optional(),
    days: z.number().int().min(0).optional(),
    dayType: z.enum(["calendar", "working", "unspecified"]).optional(),
    raw: z.string().nullish(),
    inferred: z.boolean().optional(),
    assignees: assigneesSchema.optional(),
    /** who receives it, as worded (区教育局安全办（306室）) */
    to: z.string().optional(),
    format: z.array(z.string()).optional(),
    /** form key (forms[].key) it collects */
    form: z.string().optional(),
    remind: z.array(isoDuration).optional(),
    escalate: escalateSchema.optional(),
    /** a submission (报送) vs something that happens (督导, 通报) */
    action: z.enum(["submit", "happen"]).optional(),
    note: z.string().optional(),
  })
  .strict()
  .superRefine((d, ctx) => {
    if (d.kind === "recurring" && !d.rule) ctx.addIssue({ code: "custom", path: ["rule"], message: "周期性事项需要 rule" });
    if (d.kind === "relative" && d.days === undefined) ctx.addIssue({ code: "custom", path: ["days"], message: "相对期限需要 days" });
    if (d.kind === "window" && d.start && d.end && d.end < d.start)
      ctx.addIssue({ code: "custom", path: ["end"], message: "结束日期早于开始日期" });
    if (d.kind === "once" && d.due === undefined) ctx.addIssue({ code: "custom", path: ["due"], message: "一次性期限需要 due（未知时写 null 并列入 unresolved）" });
  });

export const phaseSchema = z
  .object({
    key,
    name: z.string().min(1),
    start: isoDate.nullable(),
    /** null with openEnded: true = "5月以后" */
    end: isoDate.nullable(),
    openEnded: z.boolean().optional(),
    raw: z.string().nullish(),
    inferred: z.boolean().optional(),
    who: z.array(z.string()).optional(),
    tasks: z.string().optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.start && p.end && p.end < p.start) ctx.addIssue({ code: "custom", path: ["end"], message: "结束日期早于开始日期" });
  });

export const memberRoles = ["leader", "deputy", "member"] as const;

export const groupMemberSchema = z
  .object({
    key: key.optional(),
    /** null: the notice lists the post without a name (区教育局团委书记) */
    name: z.string().nullable(),
    role: z.enum(memberRoles, { message: "role 应为 leader | deputy | member" }),
    title: z.string().nullish(),
    department: z.string().nullish(),
    /** other roles the same person holds, e.g. officeDirector */
    concurrent: z.array(z.string()).optional(),
    contact: contactSchema.optional(),
  })
  .strict();

export const adminSchema = z
  .object({
    key,
    name: z.string().nullable(),
    /** principal | schoolAdmin | teacher | safetyOffice | officeDirector | … */
    role: roleName,
    title: z.string().optional(),
    contact: contactSchema.optional(),
  })
  .strict();

/** The patrol slots the notices name (上下学重要时段, 课间, 晚自习). */
export const patrolSlotNames = ["上学前", "课间/午间", "放学后", "晚自习"] as const;
/** A school's patrol roster entry in the plan file (a school admin can also set it in chat: 巡查排班). */
export const planPatrolSchema = z
  .object({
    slot: z.enum(patrolSlotNames, { message: `slot 应为 ${patrolSlotNames.join(" | ")}` }),
    /** the key of one of this unit's admins */
    patroller: key,
    areas: z.array(z.string().min(1)).min(1, { message: "areas 至少列出一个巡查区域" }),
    start: hhmm.optional(),
    end: hhmm.optional(),
    /** ISO weekdays, 1 = Monday */
    weekdays: z.array(z.number().int().min(1).max(7)).min(1).optional(),
  })
  .strict();

export const unitSchema = z
  .object({
    key,
    name: z.string().min(1),
    kind: z.enum(["school", "department", "bureau"], { message: "kind 应为 school | department | bureau" }),
    admins: z.array(adminSchema).default([]),
    chat: z.object({ chatId: z.string().min(1), name: z.string().optional() }).strict().optional(),
    patrols: z.array(planPatrolSchema).optional(),
  })
  .strict()
  .superRefine((u, ctx) => {
    const admins = new Set(u.admins.map((a) => a.key));
    (u.patrols ?? []).forEach((p, i) => {
      if (!admins.has(p.patroller)) ctx.addIssue({ code: "custom", path: ["patrols", i, "patroller"], message: `巡查人 ${p.patroller} 不是本单位 admins 中的成员` });
    });
    const slots = (u.patrols ?? []).map((p) => p.slot);
    slots.forEach((s, i) => {
      if (slots.indexOf(s) !== i) ctx.addIssue({ code: "custom", path: ["patrols", i, "slot"], message: `时段 ${s} 重复：每个时段只能有一条排班` });
    });
  });

export const formSchema = z
  .object({
    key,
    title: z.string().nullable(),
    ref: z.string().optional(),
    header: z.array(z.string()).optional(),
    columns: z.array(z.string()).optional(),
    items: z
      .array(
        z
          .object({
            group: z.string().optional(),
            text: z.string().optional(),
            type: z.enum(["yes_no", "count_pair", "int", "text", "attachment_text", "attachment"]),
            maxChars: z.number().int().optional(),
            constraint: z.string().optional(),
          })
          .strict(),
      )
      .optional(),
    footer: z.array(z.string()).optional(),
    note: z.string().optional(),
  })
  .strict();

export const planSchema = z
  .object({
    id: key,
    title: z.string().min(1),
    kind: z.string().optional(),
    issuer: z.string().nullable(),
    docNumber: z.string().nullable(),
    issuedOn: isoDate.nullable(),
    addressees: z.array(z.string()).optional(),
    basis: z.array(z.string()).optional(),
    /** IANA time zone of the plan; dates are local dates in it. */
    timezone: z.string().default("Asia/Shanghai"),
    span: z
      .object({ start: isoDate.nullable(), end: isoDate.nullable(), raw: z.string().nullish(), inferred: z.boolean().optional() })
      .strict(),
    phases: z.array(phaseSchema).default([]),
    deadlines: z.array(deadlineSchema).default([]),
    /** default reminder ladder and escalation for deadlines that do not set their own */
    reminders: z
      .object({
        remind: z.array(isoDuration),
        escalate: escalateSchema.optional(),
        time: hhmm.optional(),
        /** reminder messages per person per day (issue 6; default 3); critical escalations are exempt */
        dailyCap: z.number().int().min(1).max(50).optional(),
        /** urgent (加急) pushes per day for critical escalations (issue 6; default 5; 0 = never) */
        urgentBudget: z.number().int().min(0).max(100).optional(),
      })
      .strict()
      .optional(),
    quietHours: z.object({ start: hhmm, end: hhmm }).strict().optional(),
    /** issue 11: case details (free text, place) are purged this many days after a case closed (`retention purge`); counts stay */
    privacy: z.object({ caseRetentionDays: z.number().int().min(30).max(36500) }).strict().optional(),
    calendar: z.object({ holidays: z.array(isoDate).default([]), workdays: z.array(isoDate).default([]) }).strict().optional(),
    /** semesters for "per semester" rules; defaults documented in recurrence.ts */
    semesters: z.array(z.object({ key: z.string(), start: isoDate, end: isoDate }).strict()).optional(),
    leadershipGroup: z
      .object({
        name: z.string().optional(),
        members: z.array(groupMemberSchema).default([]),
        office: z.object({ department: z.string().nullable(), director: z.string().nullable().optional() }).strict().optional(),
        duties: z.string().optional(),
        rule: z.string().optional(),
      })
      .strict()
      .optional(),
    duties: z.array(z.object({ department: z.string(), text: z.string() }).strict()).default([]),
    units: z.array(unitSchema).default([]),
    chats: z
      .array(z.object({ key, purpose: z.enum(["bulletin", "group", "office", "alerts"]), chatId: z.string().nullable(), name: z.string().optional() }).strict())
      .default([]),
    bulletins: z
      .object({ day: z.number().int().min(1).max(31).optional(), weekday: z.number().int().min(1).max(7).optional(), time: hhmm, to: z.array(z.string()) })
      .strict()
      .optional(),
    contacts: z.array(z.object({ region: z.string().nullish(), office: z.string(), phone: z.string() }).strict()).default([]),
    forms: z.array(formSchema).default([]),
    /** what the notice leaves blank or unclear; non-empty = draft */
    unresolved: z.array(unresolvedSchema).default([]),
    /** demo/sandbox plans only */
    demo: z.boolean().optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    const seen = new Set<string>();
    p.deadlines.forEach((d, i) => {
      if (seen.has(d.key)) ctx.addIssue({ code: "custom", path: ["deadlines", i, "key"], message: `标识 ${d.key} 重复` });
      seen.add(d.key);
    });
    const units = new Set<string>();
    p.units.forEach((u, i) => {
      if (units.has(u.key)) ctx.addIssue({ code: "custom", path: ["units", i, "key"], message: `单位标识 ${u.key} 重复` });
      units.add(u.key);
    });
    const forms = new Set(p.forms.map((f) => f.key));
    p.deadlines.forEach((d, i) => {
      if (d.form && !forms.has(d.form)) ctx.addIssue({ code: "custom", path: ["deadlines", i, "form"], message: `表单 ${d.form} 未在 forms 中定义` });
    });
    if (p.span.start && p.span.end && p.span.end < p.span.start)
      ctx.addIssue({ code: "custom", path: ["span", "end"], message: "结束日期早于开始日期" });
  });

export type Plan = z.infer<typeof planSchema>;
export type PlanInput = z.input<typeof planSchema>;
export type Deadline = z.infer<typeof deadlineSchema>;
export type Phase = z.infer<typeof phaseSchema>;
export type Rule = z.infer<typeof ruleSchema>;
export type Unit = z.infer<typeof unitSchema>;
export type GroupMember = z.infer<typeof groupMemberSchema>;

/**
 * What must be filled in before the plan can be activated (Chinese, one line each):
 * everything in `unresolved`, plus any phase or once-deadline whose dates are null
 * without being open-ended.
 */
export function planDraftProblems(plan: Plan): string[] {
  const out: string[] = [];
  const listed = new Set(plan.unresolved.map((u) => u.path));
  for (const u of plan.unresolved) if (u.blocking) out.push(`${u.path}：${u.reason}${u.raw ? `（原文“${u.raw}”）` : ""}`);
  plan.phases.forEach((p, i) => {
    // a phase may lack a start ("X月底前完成"); it must have an end unless open-ended ("5月以后")
    const path = `phases[${i}].end`;
    if (p.end === null && !p.openEnded && !listed.has(path) && !listed.has(`phases[${i}]`))
      out.push(`${path}（${p.name}）：结束日期未填写${p.raw ? `（原文“${p.raw}”）` : ""}`);
  });
  plan.deadlines.forEach((d, i) => {
    const path = `deadlines[${i}].due`;
    if (d.kind === "once" && d.due === null && !listed.has(path) && !listed.has(`deadlines[${i}]`))
      out.push(`${path}（${d.title}）：日期未填写${d.raw ? `（原文“${d.raw}”）` : ""}`);
  });
  return out;
}

export function isDraft(plan: Plan): boolean {
  return planDraftProblems(plan).length > 0;
}
