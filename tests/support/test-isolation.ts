/**
 * Which test files run in a process of their own. The others share one per worker (vitest's
 * `isolate: false`): importing the app once instead of once per file took the unit tests from 51 to
 * 16 s and the integration tests from 247 to 121 s on 2 cores.
 *
 * A file that changes what the whole process sees must not share it: it sets, deletes or merges in
 * environment variables, fakes timers or globals, spies on a class's or the shared logger's methods or
 * changes the log level, mocks an AWS client class (aws-sdk-client-mock patches every instance of it),
 * configures zod as the bundles do, or loads a runtime entry point (whose clients and keys are built
 * once from the environment) or any module it names at run time. tests/unit/test-isolation.test.ts
 * reads every test file and fails when one that does is missing here, or one here no longer does; it
 * reads the test files' own text, so the helpers in tests/support change nothing of the process (the
 * one that sets variables, served-openapi.ts, is a script no test imports).
 */
export const processWideChange = new RegExp(
  [
    // Environment variables set, deleted or merged in.
    String.raw`process\.env\.\w+ *(\?\?|\|\||&&)?=[^=]`,
    String.raw`process\.env\[[^\]]+\] *=[^=]`,
    String.raw`delete process\.env`,
    String.raw`Object\.assign\(process\.env`,
    // Timers, globals, modules faked; a class's or the shared logger's methods spied on.
    String.raw`vi\.(useFakeTimers|setSystemTime|stubEnv|stubGlobal|mock|doMock)\(`,
    String.raw`defineProperty\(globalThis`,
    String.raw`vi\.spyOn\((\w+\.prototype|logger)\b`,
    String.raw`setLogLevel\(`,
    // Every instance of an AWS client class mocked (aws-sdk-client-mock).
    String.raw`mockClient\([A-Z]`,
    // A runtime entry point loaded, or any module named at run time; zod configured for the bundles.
    String.raw`['"]\.\./\.\./(shared/runtime|functions)/`,
    String.raw`import\(\``,
    'zod-without-locales/index',
  ].join('|'),
);

export const isolatedTestFiles = [
  'tests/integration/campaign-sending.test.ts',
  'tests/integration/console-bundles.test.ts',
  'tests/integration/console-directory.test.ts',
  'tests/integration/event-agendas.test.ts',
  'tests/integration/events-worker.test.ts',
  'tests/integration/job-worker.test.ts',
  'tests/integration/lambda-handler.test.ts',
  'tests/integration/member-item-layouts.test.ts',
  'tests/integration/pipeline-report.test.ts',
  'tests/unit/batch-get.test.ts',
  'tests/unit/campaign-aws-edges.test.ts',
  'tests/unit/chromium-path.test.ts',
  'tests/unit/cognito-sign-in.test.ts',
  'tests/unit/cognito-staff-directory.test.ts',
  'tests/unit/cognito-totp-enrolment.test.ts',
  'tests/unit/cognito-user-directory.test.ts',
  'tests/unit/consistent-reads.test.ts',
  'tests/unit/daily-timer.test.ts',
  'tests/unit/database-faults.test.ts',
  'tests/unit/follow-up-links.test.ts',
  'tests/unit/http-without-undici.test.ts',
  'tests/unit/icu-locale-index.test.ts',
  'tests/unit/in-process-queue.test.ts',
  'tests/unit/job-worker-gives-up.test.ts',
  'tests/unit/member-write-settles.test.ts',
  'tests/unit/partner-answer-links.test.ts',
  'tests/unit/secrets-extension.test.ts',
  'tests/unit/send-pacing.test.ts',
  'tests/unit/settings-change-with-job.test.ts',
  'tests/unit/signing-keys-unavailable.test.ts',
  'tests/unit/sqs-job-queue.test.ts',
  'tests/unit/token-trigger.test.ts',
  'tests/unit/zod-without-locales.test.ts',
];
