import type { AuditLog } from '../audit/audit-log.ts';
import type { Actor } from './actor.ts';
import { directoryFilterShape } from './directory-listing.ts';
import { type DirectoryFilters, planDirectoryQuery } from './directory-query.ts';
import type { CsvDelimiter } from './member-csv.ts';
import type { MemberCsvService } from './member-csv-service.ts';

/** The filters as a query string in one fixed order: the same filter is one text on the audit log. */
function filterText(filters: DirectoryFilters): string {
  const given = Object.keys(directoryFilterShape).flatMap((name) => {
    const value = filters[name as keyof DirectoryFilters];
    return value === undefined ? [] : [[name, String(value)] as [string, string]];
  });
  return new URLSearchParams(given).toString();
}

/**
 * The directory, or the part a filter selects, as CSV, as the API's `GET /v1/members/export.csv` and
 * the console's export both give it: personal data leaving the system, so each export is on the audit
 * log (who, which filter, how many rows) whichever way it was asked for.
 */
export async function exportMemberCsv(
  filters: DirectoryFilters,
  actor: Actor,
  deps: { csv: MemberCsvService; audit: AuditLog },
  delimiter?: CsvDelimiter,
): Promise<{ csv: string; rows: number }> {
  const exported = await deps.csv.export(planDirectoryQuery(filters), delimiter);
  const filter = filterText(filters);
  // The whole directory has no filter to record: the entry shows none rather than an empty one.
  await deps.audit.record({ action: 'export', actor, ...(filter ? { filter } : {}), rows: exported.rows });
  return exported;
}
