import { defineConfig } from 'vitest/config'

// One site (node + three `next start`) for the whole run, started by the global setup; files run
// one after another so they share it without fighting over two CPU cores.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['./harness/globalSetup.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    teardownTimeout: 60_000,
  },
})
