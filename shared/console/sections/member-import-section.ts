import { consoleContext } from '../console-context.ts';
import type { ConsoleSection } from '../console-section.ts';
import { directoryImportPages } from '../pages/directory/directory-import.tsx';
import { memberCsvServices } from '../pages/directory/directory-services.ts';

/** The directory's CSV import: the upload, its per-row report, and an import job's progress. */
export const memberImportSection: ConsoleSection = {
  gatewayPaths: ['/console/members/import', '/console/members/import/jobs/{id}'],
  pages: (deps) => directoryImportPages(deps, memberCsvServices(deps)),
};

/** The console-member-import function's context. */
export const memberImportConsoleApi = consoleContext('console-member-import', [memberImportSection]);
