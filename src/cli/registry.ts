import type { CliCommand } from "./types.js";
import { dbBackup } from "./commands/db-backup.js";
import { auditVerify } from "./commands/audit-verify.js";

/** Every admin command. Add a new one here (one file per command under commands/). */
export const commands: CliCommand[] = [dbBackup, auditVerify];
