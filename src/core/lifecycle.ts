import type { Logger } from "./logger.js";

/**
 * Ordered shutdown: parts register a stop function as they start; on SIGTERM/SIGINT they
 * are stopped in reverse order (stop accepting → finish in-flight work → close the database).
 */
export class Lifecycle {
  private readonly stops: { name: string; fn: () => Promise<void> | void }[] = [];
  private stopping: Promise<void> | null = null;

  constructor(private readonly log: Logger) {}

  onStop(name: string, fn: () => Promise<void> | void): void {
    this.stops.push({ name, fn });
  }

  get isStopping(): boolean {
    return this.stopping !== null;
  }

  stop(): Promise<void> {
    this.stopping ??= (async () => {
      for (const { name, fn } of [...this.stops].reverse()) {
        try {
          await fn();
          this.log.debug({ part: name }, "已停止");
        } catch (e) {
          this.log.error({ part: name, err: e }, "停止时出错");
        }
      }
    })();
    return this.stopping;
  }
}
