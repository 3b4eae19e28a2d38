import { LarkCode } from "./errors.js";

/**
 * Card JSON 2.0 rules, as the Lark platform enforces them when a card is sent, replied, patched
 * or returned from a card callback (lark-platform.md §3). Pure: the bot's own tests call
 * `validateCard` on every card its builders produce, and the simulator calls it on every card
 * that reaches its Open API.
 *
 * What is documented and what is not:
 * - 230099 is the card-build failure code and its sub-code travels in `msg` [D-create].
 * - 200861 for `note`/`action` in a 2.0 card is documented [D-v2bc] [D-create].
 * - 200550 (chart spec) and 200914 (table rows) are documented sub-codes [D-create].
 * - 230025 for content over 30 KB is documented [D-create].
 * - The structural rules (form at root, tables at root, ≤ 5 tables/charts, ≤ 200 components,
 *   element_id pattern, unknown top-level keys) are documented [D-form] [D-table] [D-v2]; the
 *   sub-code the live platform gives for each is [unverified]: we answer 200621 (the parse error
 *   sub-code), so a test can tell "refused as 230099" without relying on the finer sub-code.
 * - `schema:"2.0"` missing: the live platform would render the card as 1.0. We refuse it because
 *   every card of this bot must be 2.0 (a 1.0 card silently loses forms) — the simulator's own rule.
 */

export const CARD_MAX_BYTES = 30 * 1024;
export const CARD_MAX_COMPONENTS = 200;
export const CARD_MAX_TABLES = 5;
export const CARD_MAX_CHARTS = 5;
export const TABLE_MAX_COLUMNS = 50;
export const ELEMENT_ID_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,19}$/;
/** Nesting limit of containers [D-form]. */
export const MAX_CONTAINER_DEPTH = 5;

export interface CardStats {
  bytes: number;
  components: number;
  tables: number;
  charts: number;
  forms: number;
}

export type CardCheck =
  | { ok: true; stats: CardStats }
  | { ok: false; status: 400; code: number; subCode: number; msg: string; path: string; reason: string };

const TOP_LEVEL_KEYS = new Set(["schema", "config", "card_link", "header", "body"]);
const HEADER_TEMPLATES = new Set(["blue", "wathet", "turquoise", "green", "yellow", "orange", "red", "carmine", "violet", "purple", "indigo", "grey", "default"]);
/** Removed in 2.0 [D-v2bc]. */
const REMOVED_IN_V2 = new Set(["note", "action"]);
/** Text objects and icons: parts of components, not components. */
const TEXT_TAGS = new Set(["plain_text", "lark_md", "standard_icon", "custom_icon"]);
/** Components with a value a form collects; each needs a unique `name` inside a form [D-form]. */
const FORM_FIELDS = new Set([
  "input",
  "select_static",
  "multi_select_static",
  "select_person",
  "multi_select_person",
  "select_img",
  "date_picker",
  "picker_time",
  "picker_datetime",
  "checker",
]);
/** Containers and the key that holds their children. */
const CONTAINERS: Record<string, "elements" | "columns"> = {
  form: "elements",
  column_set: "columns",
  column: "elements",
  collapsible_panel: "elements",
  interactive_container: "elements",
};
/** Every 2.0 component tag the simulator knows; anything else is refused (2.0 is strict [D-v2]). */
const KNOWN_TAGS = new Set([
  ...FORM_FIELDS,
  ...Object.keys(CONTAINERS),
  "markdown",
  "div",
  "hr",
  "img",
  "img_combination",
  "table",
  "chart",
  "button",
  "overflow",
  "person",
  "person_list",
  "avatar",
  "audio",
  "rich_text",
]);
const BUTTON_TYPES = new Set(["default", "primary", "danger", "text", "primary_text", "danger_text", "primary_filled", "danger_filled", "laser"]);

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

class CardRuleError extends Error {
  constructor(
    readonly subCode: number,
    readonly path: string,
    readonly reason: string,
    readonly topCode: number = LarkCode.CARD_BUILD_FAILED,
  ) {
    super(reason);
  }
}

interface WalkState {
  stats: CardStats;
  elementIds: Set<string>;
}

interface Where {
  path: string;
  /** Containers between the body and this node. */
  depth: number;
  atRoot: boolean;
  form: FormState | null;
}

interface FormState {
  names: Set<string>;
  hasSubmit: boolean;
}

function fail(subCode: number, path: string, reason: string): never {
  throw new CardRuleError(subCode, path, reason);
}

function checkText(v: unknown, path: string): void {
  if (v === undefined) return;
  if (!isObj(v) || typeof v.tag !== "string" || !TEXT_TAGS.has(v.tag) || (v.tag !== "standard_icon" && v.tag !== "custom_icon" && typeof v.content !== "string")) {
    fail(LarkCode.CARD_PARSE_ERROR, path, "text object must be {tag: plain_text|lark_md, content: string}");
  }
}

function checkHeader(h: unknown): void {
  if (h === undefined) return;
  if (!isObj(h)) fail(LarkCode.CARD_PARSE_ERROR, "header", "header must be an object");
  if (h.title === undefined) fail(LarkCode.CARD_PARSE_ERROR, "header.title", "header needs a title");
  checkText(h.title, "header.title");
  checkText(h.subtitle, "header.subtitle");
  if (h.template !== undefined && (typeof h.template !== "string" || !HEADER_TEMPLATES.has(h.template))) {
    fail(LarkCode.CARD_PARSE_ERROR, "header.template", `unknown header template ${JSON.stringify(h.template)}`);
  }
  if (h.text_tag_list !== undefined && (!Array.isArray(h.text_tag_list) || h.text_tag_list.length > 3)) {
    fail(LarkCode.CARD_PARSE_ERROR, "header.text_tag_list", "at most 3 text tags");
  }
}

function checkConfig(c: unknown): void {
  if (c === undefined) return;
  if (!isObj(c)) fail(LarkCode.CARD_PARSE_ERROR, "config", "config must be an object");
  // Only shared cards exist in 2.0 [D-v2].
  if (c.update_multi !== undefined && c.update_multi !== true) {
    fail(LarkCode.CARD_PARSE_ERROR, "config.update_multi", "schema 2.0 only supports update_multi: true");
  }
}

function checkButton(node: Json, w: Where): void {
  checkText(node.text, `${w.path}.text`);
  if (node.type !== undefined && (typeof node.type !== "string" || !BUTTON_TYPES.has(node.type))) {
    fail(LarkCode.CARD_PARSE_ERROR, `${w.path}.type`, `unknown button type ${JSON.stringify(node.type)}`);
  }
  // The 1.0 spelling silently does nothing in 2.0, so a form built with it could never be submitted.
  if (node.action_type !== undefined) fail(LarkCode.CARD_UNSUPPORTED_IN_V2, `${w.path}.action_type`, "action_type is card JSON 1.0; use form_action_type");
  if (node.form_action_type !== undefined) {
    if (node.form_action_type !== "submit" && node.form_action_type !== "reset") {
      fail(LarkCode.CARD_PARSE_ERROR, `${w.path}.form_action_type`, "form_action_type must be submit or reset");
    }
    if (!w.form) fail(LarkCode.CARD_PARSE_ERROR, `${w.path}.form_action_type`, "form_action_type is only allowed inside a form");
    if (node.form_action_type === "submit") w.form.hasSubmit = true;
  }
  if (node.behaviors !== undefined) {
    if (!Array.isArray(node.behaviors)) fail(LarkCode.CARD_PARSE_ERROR, `${w.path}.behaviors`, "behaviors must be an array");
    node.behaviors.forEach((b, i) => {
      const p = `${w.path}.behaviors[${i}]`;
      if (!isObj(b) || (b.type !== "callback" && b.type !== "open_url")) fail(LarkCode.CARD_PARSE_ERROR, p, "behavior type must be callback or open_url");
      if (b.type === "open_url" && typeof b.default_url !== "string") fail(LarkCode.CARD_PARSE_ERROR, `${p}.default_url`, "open_url needs default_url");
    });
  }
  // 2.0 moved the callback value into behaviors; a top-level `value` is a 1.0 leftover [D-v2bc].
  if (node.value !== undefined) fail(LarkCode.CARD_PARSE_ERROR, `${w.path}.value`, "button value belongs in behaviors[{type: callback, value}] in 2.0");
}

function checkSelect(node: Json, path: string): void {
  if (!Array.isArray(node.options)) fail(LarkCode.CARD_PARSE_ERROR, `${path}.options`, "options must be an array");
  node.options.forEach((o, i) => {
    if (!isObj(o) || typeof o.value !== "string") fail(LarkCode.CARD_PARSE_ERROR, `${path}.options[${i}]`, "option must be {text, value: string}");
    checkText(o.text, `${path}.options[${i}].text`);
  });
}

function checkTable(node: Json, w: Where, s: WalkState): void {
  if (!w.atRoot) fail(LarkCode.CARD_PARSE_ERROR, w.path, "table is only allowed at the body root");
  if (++s.stats.tables > CARD_MAX_TABLES) fail(LarkCode.CARD_PARSE_ERROR, w.path, `at most ${CARD_MAX_TABLES} tables per card`);
  if (!Array.isArray(node.columns) || node.columns.length === 0) fail(LarkCode.CARD_PARSE_ERROR, `${w.path}.columns`, "table needs columns");
  if (node.columns.length > TABLE_MAX_COLUMNS) fail(LarkCode.CARD_PARSE_ERROR, `${w.path}.columns`, `at most ${TABLE_MAX_COLUMNS} columns`);
  const names = new Set<string>();
  node.columns.forEach((c, i) => {
    if (!isObj(c) || typeof c.name !== "string" || !c.name) fail(LarkCode.CARD_PARSE_ERROR, `${w.path}.columns[${i}]`, "column needs a name");
    names.add(c.name);
  });
  if (node.page_size !== undefined && !(Number.isInteger(node.page_size) && (node.page_size as number) >= 1 && (node.page_size as number) <= 10)) {
    fail(LarkCode.CARD_PARSE_ERROR, `${w.path}.page_size`, "page_size must be 1-10");
  }
  if (node.rows !== undefined && (!Array.isArray(node.rows) || node.rows.some((r) => !isObj(r)))) {
    fail(LarkCode.CARD_TABLE_ROWS, `${w.path}.rows`, "rows must be an array of objects");
  }
  for (const [i, r] of ((node.rows as Json[] | undefined) ?? []).entries()) {
    for (const k of Object.keys(r)) if (!names.has(k)) fail(LarkCode.CARD_TABLE_ROWS, `${w.path}.rows[${i}].${k}`, `row key ${k} is not a column`);
  }
}

function checkChart(node: Json, w: Where, s: WalkState): void {
  if (++s.stats.charts > CARD_MAX_CHARTS) fail(LarkCode.CARD_PARSE_ERROR, w.path, `at most ${CARD_MAX_CHARTS} charts per card`);
  const spec = node.chart_spec;
  if (!isObj(spec) || typeof spec.type !== "string") fail(LarkCode.CARD_CHART_SPEC, `${w.path}.chart_spec`, "chart_spec must be a VChart spec with a type");
  if (spec.data !== undefined && !isObj(spec.data) && !Array.isArray(spec.data)) fail(LarkCode.CARD_CHART_SPEC, `${w.path}.chart_spec.data`, "chart data must be an object or array");
}

function walk(node: unknown, w: Where, s: WalkState): void {
  if (!isObj(node) || typeof node.tag !== "string") fail(LarkCode.CARD_PARSE_ERROR, w.path, "component must be an object with a tag");
  const tag = node.tag;
  if (REMOVED_IN_V2.has(tag)) fail(LarkCode.CARD_UNSUPPORTED_IN_V2, w.path, `cards of schema V2 no longer support this capability: ${tag}`);
  if (!KNOWN_TAGS.has(tag)) fail(LarkCode.CARD_PARSE_ERROR, w.path, `unknown component tag ${tag}`);
  if (++s.stats.components > CARD_MAX_COMPONENTS) fail(LarkCode.CARD_PARSE_ERROR, w.path, `at most ${CARD_MAX_COMPONENTS} components per card`);

  if (node.element_id !== undefined) {
    if (typeof node.element_id !== "string" || !ELEMENT_ID_PATTERN.test(node.element_id)) {
      fail(LarkCode.CARD_PARSE_ERROR, `${w.path}.element_id`, "element_id must match [A-Za-z][A-Za-z0-9_]{0,19}");
    }
    if (s.elementIds.has(node.element_id)) fail(LarkCode.CARD_PARSE_ERROR, `${w.path}.element_id`, `duplicate element_id ${node.element_id}`);
    s.elementIds.add(node.element_id);
  }

  if (tag === "markdown" && typeof node.content !== "string") fail(LarkCode.CARD_PARSE_ERROR, `${w.path}.content`, "markdown needs content");
  if (tag === "div") checkText(node.text, `${w.path}.text`);
  if (tag === "button") checkButton(node, w);
  if (tag === "select_static" || tag === "multi_select_static") checkSelect(node, w.path);
  if (tag === "table") checkTable(node, w, s);
  if (tag === "chart") checkChart(node, w, s);

  if (FORM_FIELDS.has(tag) || (tag === "button" && w.form)) {
    if (w.form) {
      if (typeof node.name !== "string" || !node.name) fail(LarkCode.CARD_PARSE_ERROR, `${w.path}.name`, `${tag} inside a form needs a name`);
      if (w.form.names.has(node.name)) fail(LarkCode.CARD_PARSE_ERROR, `${w.path}.name`, `duplicate name ${node.name} in form`);
      w.form.names.add(node.name);
    }
  }

  let form = w.form;
  if (tag === "form") {
    if (!w.atRoot) fail(LarkCode.CARD_PARSE_ERROR, w.path, "form is only allowed at the body root");
    if (typeof node.name !== "string" || !node.name) fail(LarkCode.CARD_PARSE_ERROR, `${w.path}.name`, "form needs a name");
    s.stats.forms++;
    form = { names: new Set(), hasSubmit: false };
  }

  const key = CONTAINERS[tag];
  if (key) {
    if (w.depth + 1 > MAX_CONTAINER_DEPTH) fail(LarkCode.CARD_PARSE_ERROR, w.path, `containers nest at most ${MAX_CONTAINER_DEPTH} levels`);
    const children = node[key] ?? [];
    if (!Array.isArray(children)) fail(LarkCode.CARD_PARSE_ERROR, `${w.path}.${key}`, `${key} must be an array`);
    children.forEach((child, i) => {
      const path = `${w.path}.${key}[${i}]`;
      if (tag === "column_set" && (!isObj(child) || child.tag !== "column")) fail(LarkCode.CARD_PARSE_ERROR, path, "column_set holds only columns");
      if (form && isObj(child) && child.tag === "form") fail(LarkCode.CARD_PARSE_ERROR, path, "a form cannot contain a form");
      walk(child, { path, depth: w.depth + 1, atRoot: false, form }, s);
    });
  }

  if (tag === "form" && form && !form.hasSubmit) {
    fail(LarkCode.CARD_PARSE_ERROR, w.path, 'form needs a button with form_action_type: "submit"');
  }
}

/**
 * Checks one card against the 2.0 rules. `card` is the parsed card object (what goes, as a
 * string, into `content` of an interactive message or into `card.data` of a callback answer).
 */
export function validateCard(card: unknown): CardCheck {
  const stats: CardStats = { bytes: 0, components: 0, tables: 0, charts: 0, forms: 0 };
  try {
    if (!isObj(card)) fail(LarkCode.CARD_PARSE_ERROR, "", "card must be a JSON object");
    stats.bytes = Buffer.byteLength(JSON.stringify(card), "utf8");
    if (stats.bytes > CARD_MAX_BYTES) throw new CardRuleError(0, "", `card is ${stats.bytes} bytes, over ${CARD_MAX_BYTES}`, LarkCode.CONTENT_TOO_LONG);
    if (card.schema !== "2.0") fail(LarkCode.CARD_PARSE_ERROR, "schema", 'schema "2.0" must be declared');
    for (const k of Object.keys(card)) if (!TOP_LEVEL_KEYS.has(k)) fail(LarkCode.CARD_PARSE_ERROR, k, `unknown top-level property ${k}`);
    // `elements` at the top level is the 1.0 layout; in 2.0 it is an unknown property (caught above).
    checkConfig(card.config);
    checkHeader(card.header);
    const body = card.body;
    if (!isObj(body) || !Array.isArray(body.elements)) fail(LarkCode.CARD_PARSE_ERROR, "body.elements", "body.elements must be an array");
    const s: WalkState = { stats, elementIds: new Set() };
    body.elements.forEach((el, i) => walk(el, { path: `body.elements[${i}]`, depth: 0, atRoot: true, form: null }, s));
    return { ok: true, stats };
  } catch (e) {
    if (!(e instanceof CardRuleError)) throw e;
    const msg =
      e.topCode === LarkCode.CONTENT_TOO_LONG
        ? `content too long: ${e.reason}`
        : `Failed to create card content, ext=ErrCode: ${e.subCode}; ErrMsg: ${e.reason}; ErrorValue: ${e.path || "card"}; `;
    return { ok: false, status: 400, code: e.topCode, subCode: e.subCode, msg, path: e.path, reason: e.reason };
  }
}
