import { Logger } from '@aws-lambda-powertools/logger';

/**
 * The one logger. Request bodies, tokens and contact data are never passed to it: errors are logged
 * by name, message and stack only.
 */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'bridge-crm' });
