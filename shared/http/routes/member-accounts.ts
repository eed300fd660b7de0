import { OpenAPIHono, z } from '@hono/zod-openapi';
import { ulidSchema } from '../../domain/member-schema.ts';
import type { AccountService } from '../../members/account-service.ts';
import { actorOf } from '../../members/actor.ts';
import { accountSchema, memberInvitationsPerDay } from '../../members/member-accounts.ts';
import { problem, securedRoute } from '../access.ts';
import type { AppEnv } from '../app-env.ts';
import { idParam, json } from '../route-parts.ts';

const accountViewSchema = accountSchema
  .extend({
    lastSignInAt: z
      .string()
      .max(40)
      .nullable()
      .openapi({ description: 'Where the user directory knows it.' }),
  })
  .openapi('AccountView');
const accountsSchema = z.object({ items: z.array(accountViewSchema).max(100) }).openapi('Accounts');
const unavailable = problem('This deployment cannot manage member accounts yet.');

export const inviteContact = securedRoute(
  { minimum: 'staff', member: 'path' },
  {
    method: 'post',
    path: '/v1/members/{id}/contacts/{contactId}/invitation',
    summary: 'Invite a contact to an account of its member',
    description:
      'Creates the user (group `member`, bound to the member) without a password, and emails the contact, ' +
      'in its language, a link valid 7 days that sets one; a new invitation voids the older link. The ' +
      `contact’s address must be confirmed. A member’s account holders may invite their colleagues, ` +
      `${memberInvitationsPerDay} a day. No body.`,
    request: {
      params: idParam.extend({
        contactId: ulidSchema.openapi({
          param: { name: 'contactId', in: 'path' },
          example: '01JD5Z7Q8N3V2K4M6P8R0T2W50',
        }),
      }),
    },
    responses: {
      202: {
        description: 'Invited; the email is queued.',
        ...json(
          accountSchema.openapi('AccountInvited', {
            example: {
              accountId: '8f0e3c1a-5d2b-4e6f-9a1b-2c3d4e5f6a7b',
              memberId: '01JD5Z7Q8N3V2K4M6P8R0T2W4Y',
              contactId: '01JD5Z7Q8N3V2K4M6P8R0T2W50',
              email: 'i.sokolova@vladkon.ru',
              state: 'invited',
              invitedAt: '2026-12-02T10:00:00.000Z',
              activatedAt: null,
              disabledAt: null,
            },
          }),
        ),
      },
      404: problem('No such member, or no such live contact of it.'),
      409: problem(
        'The contact has an active account, its address is not confirmed, or another user signs in with it.',
      ),
      429: problem('The member reached its daily limit of invitations; `Retry-After` says when.'),
      503: unavailable,
    },
  },
);

export const listMemberAccounts = securedRoute(
  { minimum: 'staff' },
  {
    method: 'get',
    path: '/v1/members/{id}/accounts',
    summary: "Who has access to a member's data: its accounts",
    request: { params: idParam },
    responses: {
      200: { description: 'The accounts, invited, active and disabled.', ...json(accountsSchema) },
    },
  },
);

export const listMyAccounts = securedRoute(
  { minimum: 'member', member: 'self' },
  {
    method: 'get',
    path: '/v1/me/accounts',
    summary: "Who has access to the caller's own member: its accounts",
    responses: {
      200: { description: 'The accounts, invited, active and disabled.', ...json(accountsSchema) },
    },
  },
);

export const revokeAccount = securedRoute(
  { minimum: 'staff', member: 'path' },
  {
    method: 'delete',
    path: '/v1/members/{id}/accounts/{accountId}',
    summary: 'Revoke an account: disable the user and sign it out everywhere',
    request: {
      params: idParam.extend({
        accountId: z
          .string()
          .min(1)
          .max(64)
          .openapi({ param: { name: 'accountId', in: 'path' } }),
      }),
    },
    responses: {
      200: { description: 'The account, disabled.', ...json(accountSchema) },
      404: problem('No such account of this member.'),
      503: unavailable,
    },
  },
);

/** Member accounts: invitations, who has access, revocation. */
export function memberAccountRoutes(service: AccountService) {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(inviteContact, async (c) => {
    const { id, contactId } = c.req.valid('param');
    return c.json(await service.invite(id, contactId, actorOf(c.get('principal'))), 202);
  });

  app.openapi(listMemberAccounts, async (c) =>
    c.json({ items: await service.list(c.req.valid('param').id) }, 200),
  );

  app.openapi(listMyAccounts, async (c) =>
    c.json({ items: await service.list(c.get('principal').memberId!) }, 200),
  );

  app.openapi(revokeAccount, async (c) => {
    const { id, accountId } = c.req.valid('param');
    return c.json(await service.revoke(id, accountId, actorOf(c.get('principal'))), 200);
  });

  return app;
}
