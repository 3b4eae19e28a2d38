/**
 * One statement for many callers: the items that arrive while a statement is under way are
 * carried together by the next one. For writes this is group commit — each caller still waits
 * for the statement that carries its item, so "persisted before answered" holds; for reads it
 * is a shared lookup (`WHERE id IN (…)`). Under load a caller pays a share of one statement
 * instead of one of its own. Used on the card-click path, where Prisma's fixed cost per
 * statement (query compilation, result mapping) was most of the work (bench section 1).
 */
export class Batcher<T, R> {
  private queue: { item: T; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  private running: Promise<void> | null = null;

  /**
   * @param write one statement for the batch, returning one result per item, in order
   * @param max items per statement (bound parameters: SQLite allows 32,766, PostgreSQL 65,535)
   */
  constructor(
    private readonly write: (items: T[]) => Promise<R[]>,
    private readonly max = 200,
  ) {}

  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      // setImmediate, not a microtask: the items of requests parsed in the same turn join in.
      this.running ??= new Promise<void>((r) => setImmediate(r)).then(() => this.drain());
    });
  }

  /** Resolves when everything added so far is written (or failed). */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    while (this.queue.length) {
      const batch = this.queue.splice(0, this.max);
      try {
        const out = await this.write(batch.map((b) => b.item));
        batch.forEach((b, i) => b.resolve(out[i]!));
      } catch (e) {
        for (const b of batch) b.reject(e);
      }
    }
    this.running = null;
  }
}

/**
 * The batcher of one Prisma client (kept in `cache`): a transaction's client gets its own, so a
 * statement never carries items of two transactions.
 */
export function batcherOf<C extends object, T, R>(cache: WeakMap<C, Batcher<T, R>>, client: C, write: (client: C, items: T[]) => Promise<R[]>): Batcher<T, R> {
  let b = cache.get(client);
  if (!b) {
    b = new Batcher<T, R>((items) => write(client, items));
    cache.set(client, b);
  }
  return b;
}
