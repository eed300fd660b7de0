import { defineConfig } from 'vitest/config';
import { isolatedTestFiles } from './tests/support/test-isolation.ts';

const integration = {
  include: ['tests/integration/**/*.test.ts'],
  globalSetup: ['tests/support/dynamodb-global-setup.ts'],
  testTimeout: 60_000,
  hookTimeout: 60_000,
};

export default defineConfig({
  test: {
    projects: [
      // Files that change the process run alone; the rest share a process per worker (test-isolation.ts).
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          exclude: isolatedTestFiles,
          isolate: false,
        },
      },
      { test: { name: 'unit-alone', include: isolatedTestFiles.filter((f) => f.startsWith('tests/unit/')) } },
      { test: { name: 'integration', ...integration, exclude: isolatedTestFiles, isolate: false } },
      {
        test: {
          name: 'integration-alone',
          ...integration,
          include: isolatedTestFiles.filter((f) => f.startsWith('tests/integration/')),
        },
      },
      { test: { name: 'infra', include: ['tests/infra/**/*.test.ts'], testTimeout: 120_000 } },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/support/e2e-global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
