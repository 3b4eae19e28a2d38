import { createCipheriv, createHash, randomBytes } from "node:crypto";

/** How Lark encrypts a webhook body: AES-256-CBC, key = sha256(encryptKey), iv prefixed, base64. */
export function larkEncrypt(encryptKey: string, plaintext: string): string {
  const key = createHash("sha256").update(encryptKey).digest();
  const iv = randomBytes(16);
  const c = createCipheriv("aes-256-cbc", key, iv);
  return Buffer.concat([iv, c.update(plaintext, "utf8"), c.final()]).toString("base64");
}

/** hex(sha256(timestamp + nonce + encryptKey + body)): Lark's X-Lark-Signature. */
export function larkSign(timestamp: string, nonce: string, encryptKey: string, body: string): string {
  return createHash("sha256").update(timestamp + nonce + encryptKey + body).digest("hex");
}
