import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { allApis } from '../../shared/http/contexts/all-apis.ts';
import { describeApis } from '../../shared/http/openapi-document.ts';

/**
 * Writes the whole API's OpenAPI document (every context's routes) to `file`: at build time into the
 * platform function's assets, which serves it as it is (`servers` added per request). No function
 * bundles another context's routes to describe them.
 */
export function writeOpenApiDocument(file: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(describeApis(allApis)));
}
