import { defineConfig } from "vitest/config";

// Two suites: `default` needs nothing but npm packages (npm test);
// `system` needs services installed by .ci/run (npm run test:system).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "default",
          include: ["test/**/*.test.ts"],
          exclude: ["test/system/**"],
        },
      },
      {
        test: {
          name: "system",
          include: ["test/system/**/*.test.ts"],
        },
      },
    ],
  },
});
