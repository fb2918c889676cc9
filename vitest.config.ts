import { defineConfig } from "vitest/config";

// Forks, not threads: Pulumi's closure serializer needs the inspector, which worker threads lack.
// Tests load the compiled package from dist/ the way Pulumi does.
export default defineConfig({
  test: {
    pool: "forks",
    reporters: ["default", "./test/helpers/summary-reporter.ts"],
    include: ["test/**/*.test.ts"],
    // Generous: e2e steps run several Pulumi commands on a 2-core machine that may be busy.
    testTimeout: 300_000,
    hookTimeout: 120_000,
    fileParallelism: true,
    poolOptions: { forks: { maxForks: 2 } },
  },
});
