import { commands } from "./registry.js";
import { runCli } from "./run.js";

const code = await runCli(process.argv.slice(2), commands, {
  out: (t) => process.stdout.write(`${t}\n`),
  err: (t) => process.stderr.write(`${t}\n`),
  env: process.env,
});
process.exitCode = code;
