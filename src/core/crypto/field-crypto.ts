/**
 * Encryption at rest of the sensitive free text of cases (design.md §8: reports about children).
 *
 * AES-256-GCM with a random 96-bit nonce per value. A stored value looks like
 *   enc1:<key id>:<nonce b64url>:<ciphertext+tag b64url>
 * The key id (first 8 hex of SHA-256 of the key) lets a row name the key that wrote it, so a
 * rotation can run while the bot keeps reading rows written with the previous key. The field
 * name is the additional authenticated data: a ciphertext copied from `privateNote` (task force
 * only) into `summary` (wider audience) does not decrypt.
 *
 * Values without the prefix are read as they are: rows written before encryption existed keep
 * working, and `keys rotate` encrypts them.
 *
 * The key ring is process-wide because the case service reads rows through plain functions
 * (`loadCase(tx, id)`) that carry no configuration; `configureCaseCrypto()` is called once at
 * boot by `startBot()` and by the CLI runner.
 */
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";
import { registerSecret } from "../logger.js";

export const PREFIX = "enc1:";

/** Shown instead of a value none of the configured keys can open (never a crash, never ciphertext). */
export const UNREADABLE = "〔内容无法解密：请管理员核对 CASE_DATA_KEY 配置〕";

export interface CryptoKey {
  id: string;
  key: Buffer;
}

export interface KeyRing {
  /** Encrypts new values. */
  current: CryptoKey;
  /** Also tried when reading (older keys during a rotation, the dev key). */
  all: CryptoKey[];
  /** The current key is the public development key (no CASE_DATA_KEY set). */
  dev: boolean;
}

/**
 * Without CASE_DATA_KEY the bot still encrypts, with a key derived from a fixed public label, so
 * the encrypted path is the only path (tests and sandbox exercise it) and a later `keys rotate`
 * to a real key finds every row in one format. It protects nothing: startup logs a warning, and a
 * production deployment (NODE_ENV=production) refuses to start without a real key.
 */
export function devKey(): CryptoKey {
  const key = Buffer.from(hkdfSync("sha256", Buffer.from("safe-campus-bot"), Buffer.alloc(0), Buffer.from("dev-case-data-key/v1"), 32));
  return toKey(key);
}

export function keyId(key: Buffer): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 8);
}

function toKey(key: Buffer): CryptoKey {
  return { id: keyId(key), key };
}

/** Parses a base64 32-byte key; null when malformed (the env schema reports it by name). */
export function parseKey(b64: string): Buffer | null {
  const t = b64.trim();
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(t)) return null;
  const buf = Buffer.from(t.replace(/-/g, "+").replace(/_/g, "/"), "base64");
  return buf.length === 32 ? buf : null;
}

export function makeKeyRing(currentB64: string | undefined, previousB64: string[] = []): KeyRing {
  const dev = devKey();
  const cur = currentB64 ? parseKey(currentB64) : null;
  if (currentB64 && !cur) throw new Error("CASE_DATA_KEY 应为 base64 编码的 32 字节密钥");
  const current = cur ? toKey(cur) : dev;
  const all: CryptoKey[] = [current];
  for (const p of previousB64) {
    const k = parseKey(p);
    if (!k) throw new Error("CASE_DATA_KEY_PREVIOUS 中的每一项应为 base64 编码的 32 字节密钥");
    if (!all.some((x) => x.id === keyId(k))) all.push(toKey(k));
  }
  if (!all.some((x) => x.id === dev.id)) all.push(dev);
  if (cur) {
    registerSecret(currentB64);
    for (const p of previousB64) registerSecret(p);
  }
  return { current, all, dev: !cur };
}

let ring: KeyRing | null = null;

export function setKeyRing(r: KeyRing): void {
  ring = r;
}

/** The configured ring; the dev ring until `configureCaseCrypto()` ran (unit tests of services). */
export function keyRing(): KeyRing {
  return (ring ??= makeKeyRing(undefined));
}

export function configureCaseCrypto(cfg: { CASE_DATA_KEY?: string | undefined; CASE_DATA_KEY_PREVIOUS?: string | undefined }): KeyRing {
  const r = makeKeyRing(cfg.CASE_DATA_KEY, splitKeys(cfg.CASE_DATA_KEY_PREVIOUS));
  setKeyRing(r);
  return r;
}

export function splitKeys(list: string | undefined): string[] {
  return (list ?? "").split(/[,\s]+/).filter(Boolean);
}

const b64u = (b: Buffer) => b.toString("base64url");

export function isEncrypted(v: string | null | undefined): boolean {
  return typeof v === "string" && v.startsWith(PREFIX);
}

export function encryptWith(k: CryptoKey, field: string, plain: string): string {
  const iv = randomBytes(12);
  const c = createCipheriv("aes-256-gcm", k.key, iv);
  c.setAAD(Buffer.from(field, "utf8"));
  const ct = Buffer.concat([c.update(plain, "utf8"), c.final(), c.getAuthTag()]);
  return `${PREFIX}${k.id}:${b64u(iv)}:${b64u(ct)}`;
}

/** Encrypts with the current key; null and "" stay as they are (absence is not a secret). */
export function encryptField<T extends string | null | undefined>(field: string, plain: T, r: KeyRing = keyRing()): T | string {
  if (plain === null || plain === undefined || plain === "") return plain;
  return encryptWith(r.current, field, plain);
}

export type DecryptResult = { ok: true; text: string; keyId: string | null } | { ok: false; reason: "unknown_key" | "corrupt" };

export function tryDecrypt(field: string, stored: string, r: KeyRing = keyRing()): DecryptResult {
  if (!stored.startsWith(PREFIX)) return { ok: true, text: stored, keyId: null };
  const parts = stored.slice(PREFIX.length).split(":");
  if (parts.length !== 3) return { ok: false, reason: "corrupt" };
  const [id, ivS, ctS] = parts as [string, string, string];
  const k = r.all.find((x) => x.id === id);
  if (!k) return { ok: false, reason: "unknown_key" };
  try {
    const iv = Buffer.from(ivS, "base64url");
    const all = Buffer.from(ctS, "base64url");
    if (iv.length !== 12 || all.length < 16) return { ok: false, reason: "corrupt" };
    const d = createDecipheriv("aes-256-gcm", k.key, iv);
    d.setAAD(Buffer.from(field, "utf8"));
    d.setAuthTag(all.subarray(all.length - 16));
    const text = Buffer.concat([d.update(all.subarray(0, all.length - 16)), d.final()]).toString("utf8");
    return { ok: true, text, keyId: k.id };
  } catch {
    return { ok: false, reason: "corrupt" };
  }
}

/** Decrypts for display; a value no key opens reads as UNREADABLE rather than failing the request. */
export function decryptField<T extends string | null | undefined>(field: string, stored: T, r: KeyRing = keyRing()): T | string {
  if (stored === null || stored === undefined || stored === "") return stored;
  const d = tryDecrypt(field, stored, r);
  return d.ok ? d.text : UNREADABLE;
}
