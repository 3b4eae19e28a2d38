import type { Config } from "../config/env.js";
import type { Database } from "../core/db/client.js";

export interface CliContext {
  /** --json given: print one JSON document on stdout and nothing else. */
  json: boolean;
  config(): Config;
  /** Opens (and migrates) the configured database on first use; closed by the runner. */
  db(): Promise<Database>;
  /** Human-readable line on stdout (suppressed with --json). */
  say(line: string): void;
  /** Progress for long jobs, on stderr so stdout stays parseable. */
  progress(line: string): void;
  /** The result: printed as JSON with --json, otherwise by `human` when given. */
  result(value: unknown, human?: (v: unknown) => string): void;
}

export interface CliCommand {
  /** Words that select it, e.g. ["db", "backup"]. */
  path: string[];
  usage: string;
  summary: string;
  run(args: string[], ctx: CliContext): Promise<number | void>;
}
