/** autocannon over pre-signed requests: every request is a distinct event (its own event_id). */
import autocannon from "autocannon";
import type { SignedRequest } from "./lark.js";

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  max: number;
  requests: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** requests sent beyond the pre-signed set (they repeat an event id: the inbox drops them) */
  repeated: number;
}

/**
 * Load `urls` for `seconds` with `connections` split evenly over them. With several urls the
 * runs are concurrent; requests/s add up, p50 is request-weighted and p99/max the worst.
 */
export async function load(urls: string[], reqs: SignedRequest[], o: { seconds: number; connections: number }): Promise<LoadResult> {
  let next = 0;
  const pick = () => reqs[next++ % reqs.length]!;
  const runs = await Promise.all(
    urls.map((url) =>
      autocannon({
        url,
        connections: Math.max(1, Math.round(o.connections / urls.length)),
        duration: o.seconds,
        timeout: 10,
        requests: [{ method: "POST", path: "/lark/events", setupRequest: (r) => ({ ...r, ...pick() }) }],
      }),
    ),
  );
  const total = runs.reduce((a, r) => a + r.requests.total, 0);
  return {
    rps: Math.round(runs.reduce((a, r) => a + r.requests.total / r.duration, 0)),
    p50: total ? runs.reduce((a, r) => a + r.latency.p50 * r.requests.total, 0) / total : 0,
    p99: Math.max(...runs.map((r) => r.latency.p99)),
    max: Math.max(...runs.map((r) => r.latency.max)),
    requests: total,
    ok: runs.reduce((a, r) => a + r["2xx"], 0),
    non2xx: runs.reduce((a, r) => a + r.non2xx, 0),
    errors: runs.reduce((a, r) => a + r.errors, 0),
    timeouts: runs.reduce((a, r) => a + r.timeouts, 0),
    repeated: Math.max(0, next - reqs.length),
  };
}

export async function post(url: string, r: SignedRequest): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url + r.path, { method: "POST", headers: r.headers, body: r.body });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* keep the text */
  }
  return { status: res.status, body };
}

/** A count once requests still in flight after a load run have landed (it stops changing). */
export async function settled(count: () => Promise<number>): Promise<number> {
  let last = await count();
  for (let i = 0; i < 60; i++) {
    await new Promise((r) => setTimeout(r, 500));
    const n = await count();
    if (n === last) return n;
    last = n;
  }
  return last;
}

