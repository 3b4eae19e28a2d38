/** The environment (the env contract's LARK_* and DATABASE_URL) of a bot that talks to a simulator in webhook mode. */
export function webhookBotEnv(o: { appId: string; appSecret: string; encryptKey: string; verificationToken: string; simUrl: string; dbUrl: string }): Record<string, string> {
  return {
    DATABASE_URL: o.dbUrl,
    LARK_APP_ID: o.appId,
    LARK_APP_SECRET: o.appSecret,
    LARK_ENCRYPT_KEY: o.encryptKey,
    LARK_VERIFICATION_TOKEN: o.verificationToken,
    LARK_DOMAIN: o.simUrl,
    LARK_TRANSPORT: "webhook",
  };
}
