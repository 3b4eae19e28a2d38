import type { RequestHandler } from "express";

export interface FaultSpec {
  /** Answer with this HTTP status (and `body`) instead of running the route. */
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** How many matching requests are affected (default 1; Infinity for all). */
  times?: number;
  /** Wait this long first (then answer with `status`, or run the route when no status is given). */
  delayMs?: number;
  /** Never answer (until the simulator stops). */
  hang?: boolean;
}

interface Fault extends FaultSpec {
  method: string;
  pattern: string | RegExp;
  left: number;
}

/** Injected failures of the fake Open API: errors, `code != 0` bodies, rate limits, slowness, hangs. */
export class Faults {
  private readonly list: Fault[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly hung = new Set<() => void>();

  add(method: string, pattern: string | RegExp, spec: FaultSpec): void {
    this.list.push({ ...spec, method: method.toUpperCase(), pattern, left: spec.times ?? 1 });
  }

  clear(): void {
    this.list.length = 0;
  }

  /** Releases pending delays and hangs, so a stopping server does not wait for them. */
  release(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const end of this.hung) end();
    this.hung.clear();
  }

  middleware(): RequestHandler {
    return (req, res, next) => {
      const path = req.originalUrl;
      const f = this.list.find(
        (x) => x.left > 0 && (x.method === "*" || x.method === req.method) && (typeof x.pattern === "string" ? path.includes(x.pattern) : x.pattern.test(path)),
      );
      if (!f) return next();
      f.left -= 1;
      const answer = () => {
        if (f.status === undefined) return next();
        for (const [k, v] of Object.entries(f.headers ?? {})) res.setHeader(k, v);
        if (typeof f.body === "string") res.status(f.status).type("text/plain").send(f.body);
        else res.status(f.status).json(f.body ?? { code: f.status >= 500 ? 1 : 0, msg: "injected" });
      };
      if (f.hang) {
        this.hung.add(() => res.socket?.destroy());
        return;
      }
      if (!f.delayMs) return answer();
      const t = setTimeout(() => {
        this.timers.delete(t);
        answer();
      }, f.delayMs);
      this.timers.add(t);
    };
  }
}
