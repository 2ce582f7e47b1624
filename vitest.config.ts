import { defineConfig } from 'vitest/config';

/**
 * Three projects: fast units (pure TS, happy-dom for React bits), engine tests (onnxruntime-web WASM in
 * Node on real bundles) and e2e (the built app in Debian chromium via playwright-core).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'engine',
          include: ['tests/engine/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 180_000,
          globalSetup: ['tests/e2e/globalSetup.ts'],
          fileParallelism: false,
        },
      },
    ],
  },
});
