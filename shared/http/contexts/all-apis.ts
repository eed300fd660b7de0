import type { ApiContext } from '../api-context.ts';
import { campaignsApi } from './campaigns-api.ts';
import { directoryApi } from './directory-api.ts';
import { eventsApi } from './events-api.ts';
import { partnershipsApi } from './partnerships-api.ts';
import { platformApi } from './platform-api.ts';

/**
 * Every context's HTTP side: what the local server serves and the OpenAPI document describes. A
 * Lambda function imports only the contexts it serves, never this list.
 */
export const allApis: readonly ApiContext[] = [
  directoryApi,
  campaignsApi,
  partnershipsApi,
  eventsApi,
  platformApi,
];
