/**
 * Child process of durability.test.ts: runs one sweep at the given instant and kills itself
 * (SIGKILL, no cleanup, no rollback handler) inside the transaction of the Nth digest.
 *   node --import tsx test/reminders/crash-child.ts <databaseUrl> <iso instant> <n>
 */
import { createDatabase } from "../../src/core/db/client.js";
import { sweep } from "../../src/domains/reminders/flows.js";
import { harness } from "./support.js";

const [url, now, n] = process.argv.slice(2);
const db = createDatabase(url);
const h = harness(db, now);
let count = 0;
await sweep(h.deps, {
  beforeCommit: () => {
    count++;
    if (count === Number(n)) process.kill(process.pid, "SIGKILL");
  },
});
// Reaching this line means the kill never happened: the test treats exit code 3 as a failure.
process.exit(3);
