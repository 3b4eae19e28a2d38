/**
 * The process `npm start` runs, read from package.json's `start` script
 * (`<build> && exec [env K=V…] node [flags…] dist/main.js`), so the cold-start benchmark and the
 * test of the built entry run exactly what production runs, with its node flags and environment.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

export interface StartCommand {
  /** The build step before it (run from the project root). */
  build: string;
  command: string;
  args: string[];
  env: Record<string, string>;
  /** For the record: the command as written in package.json. */
  text: string;
}

/** `entry` replaces dist/main.js (e.g. a build in another directory). */
export function startCommand(entry?: string): StartCommand {
  const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
  const text = pkg.scripts.start!;
  const m = /^(.*?)\s*&&\s*exec\s+(.*)$/.exec(text);
  if (!m) throw new Error(`package.json start script is not "<build> && exec …": ${text}`);
  const words = m[2]!.trim().split(/\s+/);
  const env: Record<string, string> = {};
  if (words[0] === "env") {
    words.shift();
    while (words[0]?.includes("=")) {
      const [k, ...v] = words.shift()!.split("=");
      env[k!] = v.join("=");
    }
  }
  if (words.shift() !== "node") throw new Error(`package.json start script does not exec node: ${text}`);
  const args = words.map((w) => (w === "dist/main.js" && entry ? entry : w));
  return { build: m[1]!, command: process.execPath, args, env, text };
}
