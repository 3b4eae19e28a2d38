import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { randomBytes } from "node:crypto";
import { Router } from "express";
import { WebSocketServer, type WebSocket } from "ws";
import type { SimContext } from "../types.js";
import { bodyOf } from "../open-api/common.js";
import { decodeFrame, encodeFrame, header, type Frame } from "./frames.js";

export const WS_PATH = "/callback/ws/v2";
const SERVICE_ID = 33;

export interface WsAck {
  code: number;
  /** the handler's return value, decoded from the ack's base64 `data` */
  data?: unknown;
}

export interface WsOptions {
  /** ClientConfig sent at endpoint discovery and in every pong (seconds). */
  pingIntervalSec?: number;
  reconnectIntervalSec?: number;
  ackTimeoutMs?: number;
}

/**
 * The long-connection side of the fake: endpoint discovery, the WebSocket with pbbp2 frames,
 * ping/pong, events pushed (optionally in fragments) and their acks awaited.
 */
export class SimWsServer {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sockets = new Set<WebSocket>();
  /** Sockets whose client sent its first ping: only then is the SDK ready to ack frames. */
  private readonly ready = new Set<WebSocket>();
  private readonly pending = new Map<string, { resolve: (a: WsAck) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();
  private readonly waiters = new Set<() => void>();
  /** How many connections ever became ready (a reconnect shows as an increase). */
  connects = 0;
  pings = 0;
  private readonly upgrades = new Map<Server, (req: IncomingMessage, socket: Duplex, head: Buffer) => void>();

  constructor(
    private readonly ctx: SimContext,
    private readonly opts: WsOptions = {},
  ) {
    this.wss.on("connection", (ws) => this.onConnection(ws));
  }

  private clientConfig() {
    return { PingInterval: this.opts.pingIntervalSec ?? 120, ReconnectCount: -1, ReconnectInterval: this.opts.reconnectIntervalSec ?? 1, ReconnectNonce: 0 };
  }

  routes(): Router {
    const r = Router();
    r.post("/callback/ws/endpoint", (req, res) => {
      const b = bodyOf(req);
      if (b.AppID !== this.ctx.appId || b.AppSecret !== this.ctx.appSecret) {
        res.json({ code: 514, msg: "auth failed", data: {} });
        return;
      }
      // device_id/service_id must not be the first query parameter: the SDK parses the whole URL.
      const url = `ws://${req.headers.host}${WS_PATH}?fpid=sim&device_id=${randomBytes(6).toString("hex")}&service_id=${SERVICE_ID}&ticket=${randomBytes(8).toString("hex")}`;
      res.json({ code: 0, msg: "ok", data: { URL: url, ClientConfig: this.clientConfig() } });
    });
    return r;
  }

  /** Serve the WebSocket on this HTTP server (other upgrade paths are left alone). */
  attach(server: Server): void {
    const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      if (!(req.url ?? "").startsWith(WS_PATH)) return;
      this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit("connection", ws, req));
    };
    this.upgrades.set(server, onUpgrade);
    server.on("upgrade", onUpgrade);
  }

  private onConnection(ws: WebSocket): void {
    this.sockets.add(ws);
    const gone = () => {
      this.sockets.delete(ws);
      this.ready.delete(ws);
    };
    ws.on("close", gone);
    ws.on("error", gone);
    ws.on("message", (data: Buffer) => {
      let f: Frame;
      try {
        f = decodeFrame(data);
      } catch {
        return;
      }
      const type = header(f, "type");
      if (f.method === 0 && type === "ping") {
        this.pings += 1;
        if (!this.ready.has(ws)) {
          this.ready.add(ws);
          this.connects += 1;
          for (const w of [...this.waiters]) w();
        }
        ws.send(encodeFrame({ SeqID: 0, LogID: 0, service: f.service, method: 0, headers: [{ key: "type", value: "pong" }], payload: Buffer.from(JSON.stringify(this.clientConfig())) }));
        return;
      }
      if (f.method === 1) {
        const id = header(f, "message_id") ?? "";
        const p = this.pending.get(id);
        if (!p) return;
        this.pending.delete(id);
        clearTimeout(p.timer);
        try {
          const ack = JSON.parse(Buffer.from(f.payload ?? []).toString("utf8")) as { code: number; data?: string };
          p.resolve({ code: ack.code, data: ack.data ? JSON.parse(Buffer.from(ack.data, "base64").toString("utf8")) : undefined });
        } catch (e) {
          p.reject(e as Error);
        }
      }
    });
  }

  get connected(): number {
    return this.ready.size;
  }

  /** Resolves once at least `n` connections were ever made (e.g. 2 after a reconnect). */
  async waitForConnects(n = 1, timeoutMs = 10_000): Promise<void> {
    if (this.connects >= n && this.ready.size > 0) return;
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`sim: no long connection after ${timeoutMs} ms`));
      }, timeoutMs);
      const check = () => {
        if (this.connects >= n) {
          clearTimeout(t);
          this.waiters.delete(check);
          resolve();
        }
      };
      this.waiters.add(check);
    });
  }

  /** Push an event as `type=event` frame(s) to the newest connection and wait for its ack. */
  push(envelope: unknown, opts: { chunks?: number; type?: "event" | "card" } = {}): Promise<WsAck> {
    const ws = [...this.ready].pop();
    if (!ws) return Promise.reject(new Error("sim: the bot has no long connection"));
    const id = `msg_${randomBytes(8).toString("hex")}`;
    const bytes = Buffer.from(JSON.stringify(envelope), "utf8");
    const n = Math.max(1, opts.chunks ?? 1);
    const size = Math.ceil(bytes.length / n);
    const ack = new Promise<WsAck>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`sim: no ack for ${id}`));
      }, this.opts.ackTimeoutMs ?? 10_000);
      this.pending.set(id, { resolve, reject, timer });
    });
    for (let i = 0; i < n; i++) {
      ws.send(
        encodeFrame({
          SeqID: 0,
          LogID: 0,
          service: SERVICE_ID,
          method: 1,
          headers: [
            { key: "type", value: opts.type ?? "event" },
            { key: "message_id", value: id },
            { key: "sum", value: String(n) },
            { key: "seq", value: String(i) },
            { key: "trace_id", value: randomBytes(4).toString("hex") },
          ],
          payload: bytes.subarray(i * size, (i + 1) * size),
        }),
      );
    }
    return ack;
  }

  /** Drop every connection, as a network failure would (the bot should reconnect). */
  drop(): void {
    for (const ws of this.sockets) ws.terminate();
    this.sockets.clear();
    this.ready.clear();
  }

  close(): void {
    this.drop();
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(new Error("sim stopped"));
    }
    this.pending.clear();
    for (const [server, fn] of this.upgrades) server.off("upgrade", fn);
    this.upgrades.clear();
    this.wss.close();
  }
}
