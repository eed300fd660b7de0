import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { tokenClaims } from '../shared/identity/token-trigger.ts';
import { logger } from '../shared/observability/logger.ts';
import { cognitoMfaLookup } from '../shared/runtime/cognito-mfa-lookup.ts';

const mfaEnabled = cognitoMfaLookup();

/**
 * Cognito's Pre Token Generation (V2) trigger. A failed lookup throws, and Cognito then refuses the
 * sign-in: a staff token is never issued on a guess.
 */
export const handler = middy((event: PreTokenGenerationV2TriggerEvent) => tokenClaims(event, mfaEnabled)).use(
  injectLambdaContext(logger, { resetKeys: true }),
);
