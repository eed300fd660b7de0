import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isolatedTestFiles, processWideChange } from '../support/test-isolation.ts';

const root = join(import.meta.dirname, '../..');
const testFiles = readdirSync(join(root, 'tests'), { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.test.ts'))
  .map((file) => `tests/${file}`);
// Infra and e2e files each run in a process of their own anyway (vitest.config.ts); this file's own
// examples below would read as changes.
const sharing = (file: string) =>
  (file.startsWith('tests/unit/') || file.startsWith('tests/integration/')) &&
  file !== 'tests/unit/test-isolation.test.ts';

describe('which test files share a process', () => {
  it('runs every file that changes the process alone', () => {
    const changing = testFiles.filter(
      (file) => sharing(file) && processWideChange.test(readFileSync(join(root, file), 'utf8')),
    );
    expect(changing.sort()).toEqual([...isolatedTestFiles].sort());
  });

  it('tells a change to the process from a read of it', () => {
    const changes = [
      "process.env.TABLE_NAME = 'x'",
      'delete process.env.SIGNING_SECRET',
      'vi.useFakeTimers()',
      'mockClient(SQSClient)',
      "import { handler } from '../../functions/members-api.ts'",
      "await import('../../shared/runtime/job-worker.ts')",
      'Object.assign(process.env, { TABLE_NAME })',
      "process.env.TZ ??= 'UTC'",
      'await import(`../../functions/members-api.ts`)',
      "logger.setLogLevel('SILENT')",
      "vi.spyOn(MemberService.prototype, 'patch')",
      "import '../../infra/cdk/zod-without-locales/index.ts'",
    ];
    const reads = [
      "const table = process.env.TABLE_NAME === 'x'",
      'mockClient(client)',
      "from '../../shared/http/app.ts'",
      "vi.spyOn(t.db.doc, 'send')",
    ];
    expect(changes.filter((line) => !processWideChange.test(line))).toEqual([]);
    expect(reads.filter((line) => processWideChange.test(line))).toEqual([]);
  });

  it('names only files that exist', () => {
    expect(isolatedTestFiles.filter((file) => !testFiles.includes(file))).toEqual([]);
  });
});
