/** What a dated clause is about: its deliverable, recipient, who acts, a short title. */

function deliverableOf(sentence: string): string | null {
  const s = sentence.replace(/《[^》]*》/g, (x) => x);
  const m =
    /(?:形成|报送|上报|提交|填报|报)\s*([^，。；、]{0,4}?[“《]?[^，。；“”《》]{2,24}?(?:报告|总结|方案|名单|报表|自查表|统计表|材料|清单|文件|台账|简报|信息|表)[”》]?(?:[（(][^）)]{0,20}[)）])?)/.exec(s) ??
    /([“《][^”》]{2,30}[”》])/.exec(s) ??
    /([^，。；\s]{2,20}?(?:报告|总结|方案|名单|报表|自查表|材料|清单|台账))/.exec(s) ??
    // "把排查统计表于9月20日交…" (the date already cut out of the clause): what 把/将 takes is what is handed in
    /(?:把|将)([^，。；把将]{2,24}?)\s*[，,]\s*(?:交|报|送|上报|报送|提交|上交)/.exec(s);
  return m ? m[1].replace(/^(?:将|把|的)/, "") : null;
}

export function recipientOf(sentence: string): string | undefined {
  const m = /(?:报送|上报|报|交|提交|发送|发至|送)(?:至|到|给)?\s*((?:区|市|县|省|州|上级|所属|本级|当地|各|[\u4e00-\u9fa5]{1,8}(?:省|市|区|县))[^，。；、（(\s]{0,30}(?:局|厅|办|科|室|股|处|中心|委|组|部门)(?:[（(][^）)]*[)）])?)/.exec(sentence);
  return m ? m[1] : undefined;
}

export function whoOf(sentence: string): string | undefined {
  const m = /(各[^，。；、\s]{1,12}?(?:学校|单位|股室|科室|县（市、区）|县市区|市|区|幼儿园|中小学|部门))|((?:区|市|县|省)[^，。；\s]{1,10}?(?:局|厅|部门))(?=将|要|于|在|联合|组织)/.exec(sentence);
  return m ? (m[1] ?? m[2]) : undefined;
}

export function clauseTitle(whole: string, raw: string, at?: number): string {
  // the position matters: the same raw ("于9月20日") may occur twice in one sentence for two deliverables
  const i0 = at !== undefined && whole.startsWith(raw, at) ? at : whole.indexOf(raw);
  // only the text near the date can name what it is about: a "sentence" with no full stop for pages (a junk text, a table run
  // into one line) would make every dated clause scan all of it (quadratic); 400 characters either side is far more than a
  // real sentence holds
  const from = i0 > 400 ? i0 - 400 : 0;
  const sentence = whole.length > 800 + raw.length ? whole.slice(from, Math.max(0, i0) + raw.length + 400) : whole;
  const i = i0 >= 0 ? i0 - (sentence === whole ? 0 : from) : -1;
  const cutAt = (str: string, off: number) => (off >= 0 && str.startsWith(raw, off) ? str.slice(0, off) + "，" + str.slice(off + raw.length) : str.replace(raw, "，"));
  const clauses = sentence.split(/(?<=[，,；])/);
  let acc = 0;
  let ci = 0;
  for (; ci < clauses.length; ci++) {
    if (i >= acc && i < acc + clauses[ci].length) break;
    acc += clauses[ci].length;
  }
  const near = cutAt((clauses[ci - 1] ?? "") + (clauses[ci] ?? "") + (clauses[ci + 1] ?? ""), (clauses[ci - 1] ?? "").length + i - acc);
  const d = deliverableOf(cutAt(clauses[ci] ?? "", i - acc)) ?? deliverableOf(near) ?? deliverableOf(cutAt(sentence, i));
  if (d) return d;
  const after = i >= 0 ? sentence.slice(i + raw.length) : "";
  const clause = after.split(/[，,；。]/)[0].replace(/^\s*(?:的|将|要|对)/, "").trim();
  if (clause.length >= 4) return clause.slice(0, 40);
  const before = i >= 0 ? sentence.slice(0, i).split(/[，,；。]/).pop()!.trim() : "";
  const prev = (clauses[ci - 1] ?? "").replace(/[，,；]$/, "").replace(/^[\d．.、\s]+/, "");
  const t = (before + clause).replace(/\s+/g, "");
  return (t.length >= 6 ? t : prev + "，" + t + raw).replace(/^，/, "").slice(0, 50);
}
