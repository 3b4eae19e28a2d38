import { describe, expect, it } from "vitest";
import { validateCard, LarkCode, CARD_MAX_BYTES } from "../../src/sim/rules/index.js";

/** The minimal valid incident form of lark-platform.md §3.4. */
function formCard(extra: unknown[] = []): Record<string, unknown> {
  return {
    schema: "2.0",
    config: { update_multi: true },
    header: { title: { tag: "plain_text", content: "事故上报" }, template: "red" },
    body: {
      elements: [
        { tag: "markdown", content: "请填写事故信息" },
        {
          tag: "form",
          name: "incident_form",
          elements: [
            { tag: "input", name: "title", required: true, placeholder: { tag: "plain_text", content: "事故标题" } },
            { tag: "select_static", name: "level", options: [{ text: { tag: "plain_text", content: "P0" }, value: "p0" }] },
            { tag: "picker_datetime", name: "occurred_at", required: true },
            { tag: "checker", name: "escalate", checked: false, text: { tag: "plain_text", content: "需要升级" } },
            ...extra,
            { tag: "button", name: "submit_btn", type: "primary_filled", text: { tag: "plain_text", content: "提交" }, form_action_type: "submit", behaviors: [{ type: "callback", value: { kind: "incident_submit" } }] },
          ],
        },
      ],
    },
  };
}

const body = (elements: unknown[]) => ({ schema: "2.0", body: { elements } });
const refused = (card: unknown) => {
  const r = validateCard(card);
  if (r.ok) throw new Error("expected a refusal");
  return r;
};

describe("validateCard", () => {
  it("accepts the documented minimal form card and counts what it holds", () => {
    const r = validateCard(formCard());
    expect(r).toMatchObject({ ok: true, stats: { forms: 1, tables: 0, charts: 0 } });
    if (r.ok) expect(r.stats.components).toBe(7);
  });

  it("refuses a card without schema 2.0", () => {
    const r = refused({ body: { elements: [] } });
    expect(r.code).toBe(LarkCode.CARD_BUILD_FAILED);
    expect(r.path).toBe("schema");
  });

  it.each(["note", "action"])("refuses the removed %s tag with 230099 / 200861, also when nested", (tag) => {
    const r = refused(body([{ tag: "column_set", columns: [{ tag: "column", elements: [{ tag, elements: [] }] }] }]));
    expect(r).toMatchObject({ status: 400, code: 230099, subCode: 200861 });
    expect(r.msg).toContain("ErrCode: 200861");
    expect(r.path).toBe("body.elements[0].columns[0].elements[0]");
  });

  it("refuses a form nested in a column", () => {
    const form = (formCard().body as { elements: unknown[] }).elements[1];
    const r = refused(body([{ tag: "column_set", columns: [{ tag: "column", elements: [form] }] }]));
    expect(r.reason).toContain("form is only allowed at the body root");
  });

  it("refuses a form without a submit button, and the 1.0 action_type spelling", () => {
    expect(refused(body([{ tag: "form", name: "f", elements: [{ tag: "input", name: "a" }] }])).reason).toContain("form_action_type");
    const r = refused(body([{ tag: "form", name: "f", elements: [{ tag: "button", name: "b", action_type: "form_submit" }] }]));
    expect(r.subCode).toBe(200861);
  });

  it("refuses duplicate and missing names inside a form", () => {
    expect(refused(formCard([{ tag: "input", name: "title" }])).reason).toContain("duplicate name title");
    expect(refused(formCard([{ tag: "input" }])).reason).toContain("needs a name");
  });

  it("refuses a table anywhere but the root, and a sixth table or chart", () => {
    const table = { tag: "table", columns: [{ name: "a", display_name: "A" }], rows: [{ a: "1" }] };
    expect(refused(formCard([table])).reason).toContain("table is only allowed at the body root");
    expect(refused(body([{ tag: "column_set", columns: [{ tag: "column", elements: [table] }] }])).reason).toContain("body root");
    expect(validateCard(body(Array(5).fill(table))).ok).toBe(true);
    expect(refused(body(Array(6).fill(table))).reason).toContain("at most 5 tables");
    const chart = { tag: "chart", chart_spec: { type: "bar", data: { values: [] } } };
    expect(validateCard(body(Array(5).fill(chart))).ok).toBe(true);
    expect(refused(body(Array(6).fill(chart))).reason).toContain("at most 5 charts");
  });

  it("refuses table rows with unknown keys (200914) and a chart without a spec type (200550)", () => {
    expect(refused(body([{ tag: "table", columns: [{ name: "a" }], rows: [{ b: 1 }] }])).subCode).toBe(200914);
    expect(refused(body([{ tag: "chart", chart_spec: { data: {} } }])).subCode).toBe(200550);
  });

  it("allows 200 components and refuses the 201st", () => {
    const md = { tag: "markdown", content: "x" };
    expect(validateCard(body(Array(200).fill(md))).ok).toBe(true);
    expect(refused(body(Array(201).fill(md))).reason).toContain("at most 200 components");
  });

  it("refuses a card over 30 KB with 230025", () => {
    const big = body([{ tag: "markdown", content: "安".repeat(CARD_MAX_BYTES / 3) }]);
    expect(refused(big).code).toBe(LarkCode.CONTENT_TOO_LONG);
  });

  it("checks the element_id pattern and uniqueness", () => {
    expect(validateCard(body([{ tag: "markdown", content: "x", element_id: "a_1" }])).ok).toBe(true);
    expect(refused(body([{ tag: "markdown", content: "x", element_id: "1abc" }])).path).toContain("element_id");
    expect(refused(body([{ tag: "markdown", content: "x", element_id: "a".repeat(21) }])).path).toContain("element_id");
    expect(refused(body([{ tag: "markdown", content: "x", element_id: "a" }, { tag: "hr", element_id: "a" }])).reason).toContain("duplicate element_id");
  });

  it("refuses unknown top-level properties (1.0 layout) and unknown tags", () => {
    expect(refused({ schema: "2.0", elements: [], body: { elements: [] } }).path).toBe("elements");
    expect(refused(body([{ tag: "blink" }])).reason).toContain("unknown component tag");
    expect(refused({ schema: "2.0", config: { update_multi: false }, body: { elements: [] } }).path).toBe("config.update_multi");
  });

  it("refuses a 1.0-style button value outside behaviors", () => {
    expect(refused(body([{ tag: "button", text: { tag: "plain_text", content: "好" }, value: { a: 1 } }])).path).toBe("body.elements[0].value");
  });
});
