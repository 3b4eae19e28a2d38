/** The phrasing tests' notice wrapper: a body in a minimal notice (title, addressee, issuer, date line) and what was read. */
import { importNotice } from "../../src/domains/campaigns/importer.js";

export function phrasingKit(defaultTitle: string, opts: { issuer?: string; date?: string } = {}) {
  const issuer = opts.issuer ?? "某县教育局";
  const notice = (body: string, date = opts.date ?? "2024年3月1日", title = defaultTitle) => `${title}\n各学校：\n${body}\n${issuer}\n${date}\n`;
  const read = (body: string, date?: string, title?: string) => importNotice(notice(body, date, title));
  const phases = (body: string, date?: string) => read(body, date).phases.map((p) => `${p.start}|${p.end}`);
  const windows = (body: string, date?: string, title?: string) =>
    read(body, date, title).deadlines.filter((d) => d.kind === "window").map((d) => `${d.start}|${d.end}`);
  return { notice, read, phases, windows };
}

/** A whole notice's phases as [start, end] pairs and its deadlines' kinds, in order. */
export function readLayout(text: string) {
  const r = importNotice(text);
  return { r, phases: r.phases.map((p) => [p.start, p.end]), kinds: r.deadlines.map((d) => d.kind) };
}
