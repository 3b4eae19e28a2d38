import type { CliCommand } from "./types.js";
import { dbBackup } from "./commands/db-backup.js";
import { auditVerify } from "./commands/audit-verify.js";
import { outboxList } from "./commands/outbox-list.js";
import { outboxRetry } from "./commands/outbox-retry.js";

import { planImport } from "./commands/plan-import.js";
import { planValidate } from "./commands/plan-validate.js";
import { planTimeline } from "./commands/plan-timeline.js";
import { planActivate } from "./commands/plan-activate.js";
import { planDeactivate } from "./commands/plan-deactivate.js";
import { exportCasesCommand } from "./commands/export-cases.js";
import { exportReportsCommand } from "./commands/export-reports.js";
import { summaryCommand } from "./commands/summary.js";
import { exportFinalReportCommand } from "./commands/export-final-report.js";
import { scheduleCommand } from "./commands/schedule.js";
import { keysRotate } from "./commands/keys-rotate.js";
import { retentionPurge } from "./commands/retention-purge.js";
/** Every admin command. Add a new one here (one file per command under commands/). */
export const commands: CliCommand[] = [planImport, planValidate, planTimeline, planActivate, planDeactivate, dbBackup, auditVerify, outboxList, outboxRetry, exportCasesCommand, exportReportsCommand, summaryCommand, exportFinalReportCommand, scheduleCommand, keysRotate, retentionPurge];
