// Derive prisma/postgres/schema.prisma from prisma/schema.prisma (SQLite, the source of truth).
// Usage: node scripts/sync-pg-schema.mjs [--check]
import { readFileSync, writeFileSync, mkdirSync, existsSync } from "node:fs";

const src = "prisma/schema.prisma";
const dst = "prisma/postgres/schema.prisma";
let s = readFileSync(src, "utf8");
const swap = (re, to) => {
  if (!re.test(s)) throw new Error(`${src}: pattern ${re} not found`);
  s = s.replace(re, to);
};
swap(/^(\s*provider\s*=\s*)"sqlite"/m, '$1"postgresql"');
swap(/^(\s*url\s*=\s*)"file:[^"]*"/m, '$1"postgresql://placeholder/unused"');
swap(/^(\s*output\s*=\s*)"\.\.\/generated\/sqlite"/m, '$1"../../generated/postgres"');
s = "// GENERATED from prisma/schema.prisma by scripts/sync-pg-schema.mjs -- do not edit.\n" + s;

if (process.argv.includes("--check")) {
  const cur = existsSync(dst) ? readFileSync(dst, "utf8") : "";
  if (cur !== s) {
    console.error(`${dst} 已过期：请运行 npm run schema:sync`);
    process.exit(1);
  }
} else {
  mkdirSync("prisma/postgres", { recursive: true });
  writeFileSync(dst, s);
}
