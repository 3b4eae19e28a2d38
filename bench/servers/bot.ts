/**
 * One bot instance for the benchmarks, configured only through the environment as `npm start`
 * is (LARK_*, DATABASE_URL, PORT), started through the composition root. The scheduler runs
 * only with BENCH_SCHEDULER=1, so a measurement is not disturbed by the minute tick.
 */
import { loadConfig } from "../../src/config/env.js";
import { startBot } from "../../src/app.js";

const bot = await startBot({ config: loadConfig(), startScheduler: process.env.BENCH_SCHEDULER === "1" });
process.stdout.write(`READY ${bot.url}\n`);
const stop = () => void bot.stop().then(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
