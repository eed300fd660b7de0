import {
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Context, PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';

const cognito = mockClient(CognitoIdentityProviderClient);
let handler: (
  event: PreTokenGenerationV2TriggerEvent,
  context: Context,
) => Promise<PreTokenGenerationV2TriggerEvent>;

beforeAll(async () => {
  process.env.POWERTOOLS_DEV = 'true';
  ({ handler } = (await import('../../functions/token-trigger.ts')) as unknown as {
    handler: typeof handler;
  });
});
beforeEach(() => cognito.reset());

const context = {
  functionName: 'token-trigger',
  awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
  invokedFunctionArn: 'arn:aws:lambda:eu-central-1:123456789012:function:token-trigger',
  getRemainingTimeInMillis: () => 5_000,
} as unknown as Context;

/** The V2 event Cognito sends at sign-in, for a user in `groups` with the given attributes. */
function signInEvent(
  groups: string[],
  attributes: Record<string, string> = {},
): PreTokenGenerationV2TriggerEvent {
  return {
    version: '2',
    triggerSource: 'TokenGeneration_Authentication',
    region: 'eu-central-1',
    userPoolId: 'eu-central-1_example',
    userName: '5f1c2a4e-0000-4000-8000-000000000001',
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: 'member-client' },
    request: {
      userAttributes: { sub: '5f1c2a4e-0000-4000-8000-000000000001', email_verified: 'true', ...attributes },
      groupConfiguration: { groupsToOverride: groups, iamRolesToOverride: [], preferredRole: undefined },
      scopes: ['aws.cognito.signin.user.admin'],
    },
    response: { claimsAndScopeOverrideDetails: {} },
  } as PreTokenGenerationV2TriggerEvent;
}

function totp(enabled: boolean) {
  cognito.on(AdminGetUserCommand).resolves({
    Username: '5f1c2a4e-0000-4000-8000-000000000001',
    UserMFASettingList: enabled ? ['SOFTWARE_TOKEN_MFA'] : [],
  });
}

const details = (event: PreTokenGenerationV2TriggerEvent) => event.response.claimsAndScopeOverrideDetails;

describe('the Pre Token Generation trigger', () => {
  it("adds member_id from custom:memberId to a member's access token, without asking Cognito anything", async () => {
    const result = await handler(
      signInEvent(['member'], { 'custom:memberId': '01JD5Z7Q8N3V2K4M6P8R0T2W4Y' }),
      context,
    );
    expect(details(result).accessTokenGeneration).toEqual({
      claimsToAddOrOverride: { member_id: '01JD5Z7Q8N3V2K4M6P8R0T2W4Y' },
    });
    expect(details(result).groupOverrideDetails?.groupsToOverride).toEqual(['member']);
    expect(cognito.commandCalls(AdminGetUserCommand)).toHaveLength(0);
  });

  it('adds no member_id to a member user without a memberId attribute, nor to staff', async () => {
    const unbound = await handler(signInEvent(['member']), context);
    expect(details(unbound).accessTokenGeneration?.claimsToAddOrOverride).toBeUndefined();
    totp(true);
    const staff = await handler(
      signInEvent(['staff'], { 'custom:memberId': '01JD5Z7Q8N3V2K4M6P8R0T2W4Y' }),
      context,
    );
    expect(details(staff).accessTokenGeneration?.claimsToAddOrOverride).toBeUndefined();
  });

  it('keeps the staff and admin groups for a user with TOTP enabled, asking the pool by username', async () => {
    totp(true);
    const result = await handler(signInEvent(['admin', 'staff']), context);
    expect(details(result).groupOverrideDetails?.groupsToOverride).toEqual(['admin', 'staff']);
    expect(details(result).accessTokenGeneration?.claimsToAddOrOverride).toBeUndefined();
    expect(cognito.commandCalls(AdminGetUserCommand)[0]!.args[0].input).toEqual({
      UserPoolId: 'eu-central-1_example',
      Username: '5f1c2a4e-0000-4000-8000-000000000001',
    });
  });

  it('withholds staff and admin from a user with no second factor, so the token can only enrol one', async () => {
    totp(false);
    const result = await handler(signInEvent(['admin', 'staff']), context);
    expect(details(result).groupOverrideDetails?.groupsToOverride).toEqual([]);
    expect(details(result).accessTokenGeneration?.claimsToAddOrOverride).toEqual({
      mfa_enrolment: 'admin',
    });
  });

  it('treats a user whose MFA list is missing as having none', async () => {
    cognito.on(AdminGetUserCommand).resolves({ Username: 'x' });
    const result = await handler(signInEvent(['staff']), context);
    expect(details(result).groupOverrideDetails?.groupsToOverride).toEqual([]);
  });

  it('fails the sign-in when the MFA lookup fails, rather than guessing', async () => {
    cognito.on(AdminGetUserCommand).rejects(new Error('ThrottlingException'));
    await expect(handler(signInEvent(['staff']), context)).rejects.toThrow('ThrottlingException');
  });
});
