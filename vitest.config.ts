import { defineConfig } from "vitest/config";

// CI runs beside other work on 2 cores: a property test that takes 1 s on a quiet machine took
// over vitest's 5 s default at load 13. A test's budget is there to catch a hang, not to measure
// speed (performance is measured in bench/, never asserted in a test).
const budgets = { testTimeout: 60_000, hookTimeout: 60_000 };

// Two suites: `default` needs nothing but npm packages (npm test);
// `system` needs services installed by .ci/run (npm run test:system).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "default",
          // .test.tsx: the record card's tests (hubspot-card/, React).
          include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
          exclude: ["test/system/**"],
          ...budgets,
        },
      },
      {
        test: {
          name: "system",
          include: ["test/system/**/*.test.ts"],
          ...budgets,
        },
      },
    ],
  },
});
