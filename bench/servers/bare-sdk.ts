/**
 * The upper bound of the card-callback benchmark: the SDK's own EventDispatcher (it checks the
 * signature and decrypts) behind express, answering `{}` and doing nothing else.
 */
import express from "express";
import * as lark from "@larksuiteoapi/node-sdk";
import type { AddressInfo } from "node:net";
import { ENCRYPT_KEY, VERIFICATION_TOKEN } from "../lib/lark.js";

const dispatcher = new lark.EventDispatcher({ encryptKey: ENCRYPT_KEY, verificationToken: VERIFICATION_TOKEN, loggerLevel: lark.LoggerLevel.error }).register({
  "card.action.trigger": async () => ({}),
} as Record<string, (data: unknown) => Promise<unknown>>);
const app = express();
app.disable("x-powered-by");
app.post("/lark/events", lark.adaptExpress(dispatcher, { autoChallenge: true }));
const server = app.listen(0, "127.0.0.1", () => {
  process.stdout.write(`READY http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
