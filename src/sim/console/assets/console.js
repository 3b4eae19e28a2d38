// The simulator's web console: plain browser JavaScript, no build step.
// It polls the console API, renders chats and card JSON 2.0, and turns clicks and typing into
// card.action.trigger / im.message.receive_v1 through the simulator.

const $ = (id) => document.getElementById(id);
const state = { people: [], person: null, chats: [], chat: null, rendered: new Map(), seenRequests: new Set() };
const TZ = "+0800"; // simulated people sit in Asia/Shanghai, as the demo plan does
const when = (iso) => new Date(iso).toLocaleString("zh-CN", { hour12: false, timeZone: "Asia/Shanghai" });

async function api(path, body) {
  const res = await fetch(path, body === undefined ? {} : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(data.message || `请求失败（${res.status}）`);
  return data;
}

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

function toast(type, text) {
  const t = el("div", { class: `toast toast-${type || "info"}`, "data-testid": "toast", "data-type": type || "info" }, text);
  $("toasts").append(t);
  setTimeout(() => t.remove(), 6000);
}

const personName = (openId) => state.people.find((p) => p.openId === openId)?.name || openId;

// ---------- markdown (the subset cards use) ----------
function escapeHtml(s) {
  return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

// Backslash escapes (\- \* \_ …) show the character itself and never start markup.
const ESCAPED = /\\([\\`*_{}\[\]()#+\-.!|~])/g;
function inlineMd(src) {
  const kept = [];
  const s = src.replace(ESCAPED, (_, c) => `\u0000${kept.push(c) - 1}\u0000`);
  return inlineMarkup(s).replace(/\u0000(\d+)\u0000/g, (_, i) => kept[Number(i)]);
}

function inlineMarkup(s) {
  return s
    .replace(/&lt;at (?:id|user_id)=(?:&quot;)?([\w-]+)(?:&quot;)?&gt;&lt;\/at&gt;/g, (_, id) => `<span class="at">@${escapeHtml(id === "all" ? "所有人" : personName(id))}</span>`)
    .replace(/&lt;font color=(?:&quot;|')?([\w-]+)(?:&quot;|')?&gt;(.*?)&lt;\/font&gt;/g, (_, c, t) => `<span class="font-${c}">${t}</span>`)
    .replace(/&lt;text_tag color=(?:&quot;|')?([\w-]+)(?:&quot;|')?&gt;(.*?)&lt;\/text_tag&gt;/g, (_, c, t) => `<span class="tag tag-${c}">${t}</span>`)
    .replace(/&lt;br\s*\/?&gt;/g, "<br>")
    .replace(/\*\*(.+?)\*\*/g, "<strong>$1</strong>")
    .replace(/~~(.+?)~~/g, "<del>$1</del>")
    .replace(/(^|[^*])\*([^*]+?)\*/g, "$1<em>$2</em>")
    .replace(/`([^`]+)`/g, "<code>$1</code>")
    .replace(/\[([^\]]+)\]\((https?:[^)\s]+)\)/g, '<a href="$2" target="_blank" rel="noopener">$1</a>');
}

function markdown(src) {
  const lines = escapeHtml(src || "").split("\n");
  const out = [];
  let list = null;
  for (const line of lines) {
    const li = /^\s*(?:[-*]|\d+\.)\s+(.*)$/.exec(line);
    if (li) {
      if (!list) { list = []; out.push(list); }
      list.push(`<li>${inlineMd(li[1])}</li>`);
      continue;
    }
    list = null;
    const h = /^(#{1,4})\s+(.*)$/.exec(line);
    if (h) out.push(`<div class="md-h md-h${h[1].length}">${inlineMd(h[2])}</div>`);
    else if (/^(-{3,}|&lt;hr\s*\/?&gt;)$/.test(line.trim())) out.push("<hr>");
    else out.push(`<div class="md-line">${inlineMd(line) || "&nbsp;"}</div>`);
  }
  return out.map((x) => (Array.isArray(x) ? `<ul>${x.join("")}</ul>` : x)).join("");
}

const mdNode = (src, cls = "md") => {
  const d = el("div", { class: cls });
  d.innerHTML = markdown(src);
  return d;
};
const textOf = (t) => (t && typeof t === "object" ? t.content || "" : t || "");
const textNode = (t) => (t && t.tag === "lark_md" ? mdNode(t.content, "md inline") : el("span", {}, textOf(t)));

// ---------- charts, drawn simply as SVG ----------
const PALETTE = ["#3370ff", "#34c724", "#ff7d00", "#f54a45", "#7f3bf5", "#14c0ff", "#ffc60a"];
const SVGNS = "http://www.w3.org/2000/svg";
function svg(tag, attrs, text) {
  const e = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

function chartValues(spec) {
  const d = spec.data;
  if (Array.isArray(d)) return d.flatMap((x) => x.values || []);
  return (d && d.values) || [];
}

function renderChart(node) {
  const spec = node.chart_spec || {};
  const values = chartValues(spec);
  const box = el("figure", { class: "chart", "data-testid": "chart", "data-chart-type": spec.type });
  if (spec.title && spec.title.text) box.append(el("figcaption", {}, spec.title.text));
  const W = 360, H = 180, P = 28;
  const s = svg("svg", { viewBox: `0 0 ${W} ${H}`, width: "100%", role: "img" });
  if (spec.type === "pie") {
    const cat = spec.categoryField, val = spec.valueField;
    const total = values.reduce((a, v) => a + (Number(v[val]) || 0), 0) || 1;
    let a0 = -Math.PI / 2;
    values.forEach((v, i) => {
      const a1 = a0 + (2 * Math.PI * (Number(v[val]) || 0)) / total;
      const r = 70, cx = 90, cy = H / 2;
      const large = a1 - a0 > Math.PI ? 1 : 0;
      const path = `M${cx},${cy} L${cx + r * Math.cos(a0)},${cy + r * Math.sin(a0)} A${r},${r} 0 ${large} 1 ${cx + r * Math.cos(a1)},${cy + r * Math.sin(a1)} Z`;
      s.append(svg("path", { d: path, fill: PALETTE[i % PALETTE.length] }));
      s.append(svg("text", { x: 180, y: 20 + i * 16, "font-size": 11, fill: PALETTE[i % PALETTE.length] }, `${v[cat]}：${v[val]}`));
      a0 = a1;
    });
  } else {
    const x = spec.xField, y = spec.yField, series = spec.seriesField;
    const xs = [...new Set(values.map((v) => String(v[x])))];
    const ss = series ? [...new Set(values.map((v) => String(v[series])))] : [""];
    const max = Math.max(1, ...values.map((v) => Number(v[y]) || 0));
    const bw = (W - 2 * P) / Math.max(1, xs.length);
    s.append(svg("line", { x1: P, y1: H - P, x2: W - P, y2: H - P, stroke: "#ccc" }));
    ss.forEach((se, si) => {
      const pts = [];
      xs.forEach((xv, xi) => {
        const row = values.find((v) => String(v[x]) === xv && (!series || String(v[series]) === se));
        const val = row ? Number(row[y]) || 0 : 0;
        const h = ((H - 2 * P) * val) / max;
        if (spec.type === "line") pts.push(`${P + bw * xi + bw / 2},${H - P - h}`);
        else {
          const w = bw / ss.length - 4;
          s.append(svg("rect", { x: P + bw * xi + 2 + si * (w + 2), y: H - P - h, width: Math.max(2, w), height: h, fill: PALETTE[si % PALETTE.length] }));
        }
      });
      if (spec.type === "line") s.append(svg("polyline", { points: pts.join(" "), fill: "none", stroke: PALETTE[si % PALETTE.length], "stroke-width": 2 }));
    });
    xs.forEach((xv, xi) => s.append(svg("text", { x: P + bw * xi + bw / 2, y: H - P + 14, "font-size": 10, "text-anchor": "middle" }, xv.slice(0, 8))));
    s.append(svg("text", { x: 2, y: P - 6, "font-size": 10 }, String(max)));
    if (series) ss.forEach((se, si) => s.append(svg("text", { x: W - P - 60, y: 12 + si * 12, "font-size": 10, fill: PALETTE[si % PALETTE.length] }, se)));
  }
  box.append(s);
  return box;
}

// ---------- table ----------
function cellValue(col, v) {
  if (v === undefined || v === null) return "";
  if (col.data_type === "options" && Array.isArray(v)) return v.map((o) => (typeof o === "object" ? o.text : o)).join("、");
  if (col.data_type === "persons" && Array.isArray(v)) return v.map(personName).join("、");
  if (col.data_type === "date" && typeof v === "number") return new Date(v).toLocaleDateString("zh-CN", { timeZone: "Asia/Shanghai" });
  if (col.data_type === "lark_md") return mdNode(String(v), "md inline");
  return String(v);
}

function renderTable(node) {
  const cols = node.columns || [];
  const t = el("table", { class: "card-table", "data-testid": "card-table" });
  t.append(el("thead", {}, el("tr", {}, cols.map((c) => el("th", {}, c.display_name || c.name)))));
  t.append(el("tbody", {}, (node.rows || []).map((r) => el("tr", {}, cols.map((c) => el("td", {}, cellValue(c, r[c.name])))))));
  return el("div", { class: "table-wrap" }, t);
}

// ---------- form fields ----------
function fieldLabel(node) {
  const label = textOf(node.label) || textOf(node.placeholder) || node.name;
  return el("span", { class: "field-label" }, label, node.required ? el("span", { class: "req" }, " *") : null);
}

function renderField(node, ctx) {
  const common = { name: node.name, "data-name": node.name, "data-tag": node.tag, disabled: node.disabled || undefined, "data-required": node.required ? "1" : undefined };
  let input;
  switch (node.tag) {
    case "input":
      input = node.input_type === "multiline_text"
        ? el("textarea", { ...common, rows: node.rows || 3, placeholder: textOf(node.placeholder), maxlength: node.max_length })
        : el("input", { ...common, type: node.input_type === "password" ? "password" : "text", placeholder: textOf(node.placeholder), maxlength: node.max_length });
      input.value = node.default_value || "";
      break;
    case "select_static":
    case "select_person": {
      input = el("select", common, el("option", { value: "" }, textOf(node.placeholder) || "请选择"));
      for (const o of node.options || []) input.append(el("option", { value: o.value || o.open_id || o }, textOf(o.text) || personName(o.value || o)));
      input.value = node.initial_option || "";
      break;
    }
    case "multi_select_static":
    case "multi_select_person": {
      input = el("div", { ...common, class: "multi", role: "group" });
      for (const o of node.options || []) {
        const cb = el("input", { type: "checkbox", value: o.value, checked: (node.selected_values || node.initial_options || []).includes(o.value) || undefined });
        input.append(el("label", { class: "multi-opt" }, cb, textOf(o.text) || personName(o.value)));
      }
      break;
    }
    case "date_picker":
      input = el("input", { ...common, type: "date" });
      input.value = node.initial_date || "";
      break;
    case "picker_time":
      input = el("input", { ...common, type: "time" });
      input.value = node.initial_time || "";
      break;
    case "picker_datetime":
      input = el("input", { ...common, type: "datetime-local" });
      input.value = (node.initial_datetime || "").replace(" ", "T");
      break;
    case "checker":
      input = el("input", { ...common, type: "checkbox", checked: node.checked || undefined });
      return el("label", { class: "field checker" }, input, textNode(node.text));
  }
  if (!ctx.form) {
    // Outside a form each field calls back on its own, as Lark does.
    input.addEventListener("change", () => ctx.act(standaloneAction(node, input)));
  }
  return el("label", { class: "field" }, fieldLabel(node), input);
}

function standaloneAction(node, input) {
  const base = { tag: node.tag, name: node.name, value: node.behaviors?.find((b) => b.type === "callback")?.value ?? node.value };
  if (node.tag === "checker") return { ...base, checked: input.checked };
  if (node.tag === "input") return { ...base, input_value: input.value };
  if (node.tag.startsWith("multi_select")) return { ...base, options: [...input.querySelectorAll("input:checked")].map((c) => c.value) };
  return { ...base, option: fieldValue(node.tag, input) };
}

/** The value a field contributes to form_value, formatted as the Lark client sends it. */
function fieldValue(tag, input) {
  if (tag === "checker") return input.checked;
  if (tag.startsWith("multi_select")) return [...input.querySelectorAll("input:checked")].map((c) => c.value);
  const v = input.value;
  if (!v) return undefined;
  if (tag === "date_picker") return `${v} ${TZ}`;
  if (tag === "picker_time") return `${v} ${TZ}`;
  if (tag === "picker_datetime") return `${v.replace("T", " ")} ${TZ}`;
  return v;
}

function isEmpty(tag, v) {
  return v === undefined || v === "" || (Array.isArray(v) && v.length === 0) || (tag === "checker" && v === false);
}

function collectForm(formEl) {
  const values = {};
  const missing = [];
  for (const f of formEl.querySelectorAll("[data-name][data-tag]")) {
    const v = fieldValue(f.dataset.tag, f);
    f.closest(".field")?.classList.remove("invalid");
    if (f.dataset.required && isEmpty(f.dataset.tag, v)) {
      missing.push(f);
      f.closest(".field")?.classList.add("invalid");
    }
    if (v !== undefined) values[f.dataset.name] = v;
  }
  return { values, missing };
}

// ---------- components ----------
function callbackValue(node) {
  return node.behaviors?.find((b) => b.type === "callback")?.value;
}

function renderButton(node, ctx) {
  const b = el("button", { class: `card-btn btn-${node.type || "default"}`, type: "button", disabled: node.disabled || undefined, "data-testid": "card-button", "data-name": node.name, "data-form-action": node.form_action_type }, textOf(node.text));
  b.addEventListener("click", async () => {
    if (node.confirm && !window.confirm(`${textOf(node.confirm.title)}\n${textOf(node.confirm.text)}`)) return;
    const open = node.behaviors?.find((x) => x.type === "open_url");
    if (open) window.open(open.default_url, "_blank", "noopener");
    if (ctx.form && node.form_action_type === "reset") {
      ctx.form.reset();
      return;
    }
    if (ctx.form && node.form_action_type === "submit") {
      const { values, missing } = collectForm(ctx.form);
      if (missing.length) {
        // Lark checks required fields in the client: nothing is sent until they are filled.
        toast("error", "请填写必填项");
        missing[0].focus();
        return;
      }
      await ctx.act({ tag: "button", name: node.name, value: callbackValue(node), form_value: values });
      return;
    }
    if (callbackValue(node) !== undefined) await ctx.act({ tag: "button", name: node.name, value: callbackValue(node) });
  });
  return b;
}

function renderNode(node, ctx) {
  if (!node || typeof node !== "object") return null;
  switch (node.tag) {
    case "markdown":
      return mdNode(node.content, `md align-${node.text_align || "left"} size-${node.text_size || "normal"}`);
    case "div":
      return el("div", { class: "div" }, textNode(node.text), ...(node.fields || []).map((f) => textNode(f.text)));
    case "hr":
      return el("hr");
    case "img":
      return el("div", { class: "img-placeholder" }, `[图片 ${textOf(node.alt) || node.img_key || ""}]`);
    case "person":
      return el("span", { class: "at" }, `@${personName(node.user_id)}`);
    case "column_set":
      return el("div", { class: "columns" }, (node.columns || []).map((c) => renderNode(c, ctx)));
    case "column":
      return el("div", { class: "column", style: `flex:${node.width === "auto" ? "0 0 auto" : node.weight || 1}` }, (node.elements || []).map((c) => renderNode(c, ctx)));
    case "collapsible_panel": {
      const d = el("details", { open: node.expanded || undefined }, el("summary", {}, textOf(node.header?.title) || "展开"));
      d.append(...(node.elements || []).map((c) => renderNode(c, ctx)).filter(Boolean));
      return d;
    }
    case "interactive_container":
      return el("div", { class: "interactive" }, (node.elements || []).map((c) => renderNode(c, ctx)));
    case "form": {
      const f = el("form", { class: "card-form", "data-testid": "card-form", "data-form": node.name, onsubmit: (e) => e.preventDefault() });
      const inner = { ...ctx, form: f };
      f.append(...(node.elements || []).map((c) => renderNode(c, inner)).filter(Boolean));
      return f;
    }
    case "table":
      return renderTable(node);
    case "chart":
      return renderChart(node);
    case "button":
      return renderButton(node, ctx);
    case "input":
    case "select_static":
    case "multi_select_static":
    case "select_person":
    case "multi_select_person":
    case "date_picker":
    case "picker_time":
    case "picker_datetime":
    case "checker":
      return renderField(node, ctx);
    default:
      return el("div", { class: "unknown" }, `[暂不支持显示的组件：${node.tag}]`);
  }
}

function renderCard(card, act) {
  const c = el("div", { class: "card", "data-testid": "card" });
  if (card.header) {
    const h = el("div", { class: `card-header tpl-${card.header.template || "default"}` }, el("div", { class: "card-title" }, textOf(card.header.title)));
    if (card.header.subtitle) h.append(el("div", { class: "card-subtitle" }, textOf(card.header.subtitle)));
    for (const t of card.header.text_tag_list || []) h.append(el("span", { class: `tag tag-${t.color || "blue"}` }, textOf(t.text)));
    c.append(h);
  }
  const body = el("div", { class: "card-body" });
  body.append(...((card.body && card.body.elements) || []).map((n) => renderNode(n, { act, form: null })).filter(Boolean));
  c.append(body);
  return c;
}

// ---------- messages ----------
function renderContent(m) {
  if (m.msgType === "text") return mdNode((m.content && m.content.text) || "", "text");
  if (m.msgType === "interactive") {
    if (m.content && m.content.type === "template") return el("div", { class: "card" }, "[模板卡片]");
    return renderCard(m.content || {}, (action) => cardAction(m, action));
  }
  if (m.msgType === "post") {
    const post = m.content.zh_cn || m.content.post?.zh_cn || m.content;
    const lines = (post.content || []).map((para) => para.map((x) => (x.tag === "md" ? x.text : x.text || "")).join(""));
    return el("div", {}, post.title ? el("strong", {}, post.title) : null, mdNode(lines.join("\n")));
  }
  return el("div", { class: "text" }, `[${m.msgType} 消息]`);
}

function renderMessage(m) {
  const mine = m.sender.kind === "user" && m.sender.id === state.person;
  const wrap = el("div", { class: `msg ${m.sender.kind} ${mine ? "mine" : ""}`, "data-testid": "message", "data-message-id": m.messageId, "data-msg-type": m.msgType });
  wrap.append(el("div", { class: "meta" }, `${m.sender.kind === "bot" ? "平安校园助手" : m.sender.name} · ${when(m.createdAt)}`));
  if (m.urgent && m.urgent.length) wrap.append(el("div", { class: "urgent", "data-testid": "urgent" }, `加急提醒：${m.urgent.map(personName).join("、")}`));
  wrap.append(renderContent(m));
  return wrap;
}

async function cardAction(m, action) {
  try {
    const r = await api("/sim/api/act", { openId: state.person, messageId: m.messageId, action });
    if (r.toast) toast(r.toast.type, r.toast.content);
    // With an answer card the message is re-rendered by the next poll (its version changed).
    // Without one the card stays as it is, with whatever the person typed.
    await refreshMessages();
  } catch (e) {
    toast("error", e.message);
  }
}

async function refreshMessages() {
  if (!state.chat) return;
  const chatId = state.chat;
  const { messages, now } = await api(`/sim/api/messages?chatId=${encodeURIComponent(chatId)}`);
  if (chatId !== state.chat) return;
  $("now").textContent = when(now);
  const box = $("messages");
  const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 40;
  let added = false;
  for (const m of messages) {
    const key = `${m.messageId}@${m.version}`;
    const old = state.rendered.get(m.messageId);
    // Only changed messages are replaced, so half-filled forms keep their typed values.
    if (old && old.key === key) continue;
    const node = renderMessage(m);
    if (old) old.node.replaceWith(node);
    else { box.append(node); added = true; }
    state.rendered.set(m.messageId, { key, node });
  }
  if (added && atBottom) box.scrollTop = box.scrollHeight;
}

// ---------- people, chats, composer ----------
async function selectPerson(openId) {
  state.person = openId;
  for (const li of $("people").children) li.classList.toggle("active", li.dataset.openId === openId);
  const { chats } = await api(`/sim/api/chats?openId=${encodeURIComponent(openId)}`);
  state.chats = chats;
  $("chats").replaceChildren(...chats.map((c) => el("li", { "data-chat-id": c.chatId, "data-testid": "chat", "data-chat-type": c.type, onclick: () => selectChat(c.chatId) }, c.type === "p2p" ? "与 平安校园助手 的单聊" : `群聊：${c.name}`)));
  const p2p = chats.find((c) => c.type === "p2p") || chats[0];
  if (p2p) await selectChat(p2p.chatId);
}

async function selectChat(chatId) {
  state.chat = chatId;
  state.rendered.clear();
  $("messages").replaceChildren();
  for (const li of $("chats").children) li.classList.toggle("active", li.dataset.chatId === chatId);
  const c = state.chats.find((x) => x.chatId === chatId);
  $("chat-title").textContent = c ? (c.type === "p2p" ? `${personName(state.person)} 与 平安校园助手` : c.name) : chatId;
  $("composer-text").disabled = false;
  $("composer").querySelector("button").disabled = false;
  await refreshMessages();
}

$("composer").addEventListener("submit", async (e) => {
  e.preventDefault();
  const input = $("composer-text");
  const text = input.value.trim();
  if (!text || !state.chat) return;
  input.value = "";
  try {
    await api("/sim/api/say", { openId: state.person, chatId: state.chat, text });
    await refreshMessages();
  } catch (err) {
    toast("error", err.message);
    input.value = text;
  }
});

$("advance-go").addEventListener("click", async () => {
  try {
    const { now } = await api("/sim/api/clock", { minutes: Number($("advance").value) });
    toast("info", `模拟时间已前进到 ${when(now)}`);
    await refreshMessages();
  } catch (e) {
    toast("error", e.message);
  }
});

$("toggle-inspector").addEventListener("click", () => {
  $("inspector").hidden = !$("inspector").hidden;
});

async function refreshRequests() {
  if ($("inspector").hidden) return;
  const { requests } = await api("/sim/api/requests");
  for (const r of requests) {
    if (state.seenRequests.has(r.key)) continue;
    state.seenRequests.add(r.key);
    const detail = el("pre", {}, JSON.stringify({ body: r.body, response: r.response }, null, 2));
    const item = el("li", { "data-testid": "request" }, el("details", {}, el("summary", {}, `${r.direction} ${r.method} ${r.path} ${r.status ?? ""}`), detail));
    $("requests").prepend(item);
  }
}

async function boot() {
  const { people, now } = await api("/sim/api/people");
  state.people = people;
  $("now").textContent = when(now);
  $("people").replaceChildren(...people.map((p) => el("li", { "data-open-id": p.openId, "data-testid": "person", "data-role": p.roleLabel, onclick: () => selectPerson(p.openId) }, el("strong", {}, p.name), el("small", {}, p.roleLabel))));
  const wanted = new URLSearchParams(location.search).get("as");
  const first = people.find((p) => p.openId === wanted) || people[0];
  if (first) await selectPerson(first.openId);
  setInterval(() => refreshMessages().catch(() => {}), 1000);
  setInterval(() => refreshRequests().catch(() => {}), 1500);
}

boot().catch((e) => toast("error", `控制台加载失败：${e.message}`));
