/**
 * The minute tick: node-cron calls {@link Scheduler.tick} every minute and the tick runs every
 * registered job once, in order, on ONE instance.
 *
 * Leadership: on PostgreSQL the leader is the instance holding a session advisory lock on a
 * dedicated connection (`pg_try_advisory_lock`). If the leader dies, its connection closes, the
 * lock is freed and another instance takes over at its next tick. On SQLite there is one
 * instance by design, so it always leads. The lock is the first guard; every job's own unique
 * keys (e.g. Reminder's) are the second, so a split brain can waste work but never send twice.
 *
 * Jobs read the injected clock, so a test (or the simulator's clock control) decides what
 * "now" is; `tick()` may also be called directly.
 */
import cron, { type ScheduledTask } from "node-cron";
import pg from "pg";
import type { Database } from "./db/client.js";
import type { Logger } from "./logger.js";

export interface Job {
  name: string;
  run(): Promise<unknown>;
}

export interface SchedulerOptions {
  /** cron expression (default every minute) */
  expression?: string;
  /** advisory lock id shared by all instances of the bot on one database */
  lockId?: number;
}

export interface TickResult {
  leader: boolean;
  /** false when the previous tick was still running */
  ran: boolean;
  failed: string[];
}

/** "平安校园" scheduler: a fixed 32-bit id so every instance asks for the same lock. */
export const SCHEDULER_LOCK_ID = 0x5c_b0_01;

export class Scheduler {
  private task: ScheduledTask | null = null;
  private running: Promise<TickResult> | null = null;
  private lockClient: pg.Client | null = null;
  private leader = false;
  private stopped = false;

  constructor(
    private readonly db: Pick<Database, "provider" | "url">,
    private readonly jobs: Job[],
    private readonly log: Logger,
    private readonly opts: SchedulerOptions = {},
  ) {}

  get isLeader(): boolean {
    return this.leader;
  }

  start(): void {
    if (this.task) return;
    this.stopped = false;
    this.task = cron.schedule(this.opts.expression ?? "* * * * *", () => void this.tick(), { noOverlap: true });
  }

  /** Stop ticking, wait for a running tick, give up leadership. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.task) {
      await this.task.stop();
      await this.task.destroy();
      this.task = null;
    }
    if (this.running) await this.running.catch(() => undefined);
    await this.release();
  }

  /** Run every job once if this instance leads; a tick never overlaps the previous one. */
  tick(): Promise<TickResult> {
    if (this.running) return Promise.resolve({ leader: this.leader, ran: false, failed: [] });
    this.running = this.runTick().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async runTick(): Promise<TickResult> {
    const leader = await this.acquire();
    if (!leader || this.stopped) return { leader, ran: false, failed: [] };
    const failed: string[] = [];
    for (const job of this.jobs) {
      try {
        await job.run();
      } catch (e) {
        failed.push(job.name);
        this.log.error({ job: job.name, err: e }, "定时任务失败，下一分钟重试");
      }
    }
    return { leader, ran: true, failed };
  }

  private async acquire(): Promise<boolean> {
    if (this.db.provider !== "postgresql") return (this.leader = true);
    try {
      if (!this.lockClient) {
        const c = new pg.Client({ connectionString: this.db.url });
        c.on("error", (err) => {
          // The connection died: the lock went with it. Try again at the next tick.
          this.log.warn({ err }, "调度锁连接中断");
          this.leader = false;
          if (this.lockClient === c) this.lockClient = null;
        });
        await c.connect();
        this.lockClient = c;
        this.leader = false;
      }
      if (!this.leader) {
        const r = await this.lockClient.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [this.opts.lockId ?? SCHEDULER_LOCK_ID]);
        this.leader = r.rows[0]?.locked === true;
        if (this.leader) this.log.info("本实例成为定时任务主实例");
      }
      return this.leader;
    } catch (e) {
      this.log.warn({ err: e }, "获取调度锁失败，本分钟跳过");
      await this.release();
      return false;
    }
  }

  private async release(): Promise<void> {
    const c = this.lockClient;
    this.lockClient = null;
    this.leader = false;
    if (c) await c.end().catch(() => undefined);
  }
}
