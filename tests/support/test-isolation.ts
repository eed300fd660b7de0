/**
 * Which test files run in a process of their own. The others share one per worker (vitest's
 * `isolate: false`): importing the app once instead of once per file took the unit tests from 51 to
 * 16 s and the integration tests from 247 to 121 s on 2 cores.
 *
 * A file that changes what the whole process sees must not share it: it sets or deletes environment
 * variables, fakes timers or globals, mocks an AWS client class (aws-sdk-client-mock patches every
 * instance of it), or loads a runtime entry point, whose clients and keys are built once from the
 * environment. tests/unit/test-isolation.test.ts reads every test file and fails when one that does is
 * missing here, or one here no longer does.
 */
export const processWideChange =
  /process\.env\.\w+ *=[^=]|process\.env\[[^\]]+\] *=[^=]|delete process\.env|vi\.(useFakeTimers|stubEnv|stubGlobal|mock|doMock)\(|mockClient\([A-Z]|['"]\.\.\/\.\.\/(shared\/runtime|functions)\//;

export const isolatedTestFiles = [
  'tests/integration/campaign-sending.test.ts',
  'tests/integration/events-worker.test.ts',
  'tests/integration/job-worker.test.ts',
  'tests/integration/lambda-handler.test.ts',
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
  'tests/unit/job-worker-gives-up.test.ts',
  'tests/unit/partner-answer-links.test.ts',
  'tests/unit/secrets-extension.test.ts',
  'tests/unit/send-pacing.test.ts',
  'tests/unit/settings-change-with-job.test.ts',
  'tests/unit/signing-keys-unavailable.test.ts',
  'tests/unit/sqs-job-queue.test.ts',
  'tests/unit/token-trigger.test.ts',
];
