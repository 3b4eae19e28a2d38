import { ConfigError, loadConfig, type Config } from "./config/env.js";
import { startBot } from "./app.js";
import { createLogger } from "./core/logger.js";

let config: Config;
try {
  config = loadConfig();
} catch (e) {
  if (e instanceof ConfigError) {
    process.stderr.write(`${e.message}\n`);
    process.exit(2);
  }
  throw e;
}

const log = createLogger(config.LOG_LEVEL);
// The port opens before start-up has finished (/healthz answers once the database does; the
// platform and the sandbox start after), so a signal can come while the bot is still starting:
// it is handled from the first moment, and stops the bot once start-up is through.
const starting = startBot({ config, log });
let signalled = false;
const shutdown = (signal: string) => {
  if (signalled) return;
  signalled = true;
  log.info({ signal }, "正在停止…");
  // A hung part must not keep the process alive past the orchestrator's patience.
  setTimeout(() => {
    log.error("停止超时，强制退出");
    process.exit(1);
  }, 4_000).unref();
  starting.then(
    (bot) =>
      bot.stop().then(() => {
        log.info("已停止");
        process.exit(0);
      }),
    () => undefined, // start-up failed: reported below
  );
};
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
try {
  const bot = await starting;
  if (!signalled) {
    log.info({ url: bot.url, db: bot.db.provider, sandbox: config.sandbox }, `平安校园助手已启动：${bot.url}`);
    if (bot.sandbox) {
      // Printed plainly as well: the one line a person trying the bot needs.
      process.stdout.write(`\n沙箱模式（未设置 LARK_APP_ID）：打开模拟飞书控制台 ${bot.sandbox.consoleUrl()}\n\n`);
    }
  }
} catch (e) {
  log.fatal({ err: e }, "启动失败");
  process.exit(1);
}
