// Tests never talk to the outside world and never print secrets on purpose.
process.env.LOG_LEVEL ??= "silent";
