import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "cards/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: test files with real servers and databases interfere when run many at once.
    maxWorkers: 2,
    setupFiles: ["test/support/setup.ts"],
  },
});
