import { OpenAPIHono, z } from '@hono/zod-openapi';
import { pageFrom } from '../../data/cursor.ts';
import { emailStatuses, ulidSchema } from '../../domain/member-schema.ts';
import { actorOf } from '../../members/actor.ts';
import { memberConfirmationsPerDay } from '../../members/address-confirmation.ts';
import type { MemberRepository } from '../../members/member-repository.ts';
import type { MemberService } from '../../members/member-service.ts';
import { problem, securedRoute } from '../access.ts';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { pageSchema, paginationQuery } from '../pagination.ts';
import { idParam, json } from '../route-parts.ts';

const contactParam = idParam.extend({
  contactId: ulidSchema.openapi({ param: { name: 'contactId', in: 'path' } }),
});

const confirmationSentSchema = z
  .object({
    memberId: ulidSchema,
    contactId: ulidSchema,
    emailStatus: z.enum(emailStatuses),
  })
  .openapi('AddressConfirmationSent');

export const requestConfirmation = securedRoute(
  { minimum: 'staff', member: 'path' },
  {
    method: 'post',
    path: '/v1/members/{id}/contacts/{contactId}/confirmation',
    summary: 'Email a contact the link that confirms its address, again',
    description:
      'For an `unverified` or `conflict` address: a new link, valid 7 days, in the contact’s language; ' +
      'the older link stops working. Until the person confirms, the address gets no other mail. A ' +
      `member may cause at most ${memberConfirmationsPerDay} confirmation emails a day (the addresses ` +
      'it adds included); staff are not limited.',
    request: { params: contactParam },
    responses: {
      202: { description: 'Queued for the sender.', ...json(confirmationSentSchema) },
      404: problem('No such member, or no such live contact of it.'),
      409: problem('The address is verified already.'),
      429: problem('The member reached its daily limit of confirmation emails; `Retry-After` says when.'),
      503: problem('This deployment cannot send confirmation emails yet.'),
    },
  },
);

const emailConflictSchema = z
  .object({
    memberId: ulidSchema,
    memberName: z.string().max(200),
    contactId: ulidSchema,
    contactName: z.string().max(200),
    email: z.string().max(254),
    heldBy: z
      .union([
        z.object({ memberId: ulidSchema, contactId: ulidSchema }),
        z.object({ partnerId: ulidSchema, contactId: ulidSchema }),
      ])
      .nullable()
      .openapi({
        description:
          "The contact whose verified address it is, a member's or a partner's; null once that one let " +
          'it go (send this contact a new confirmation then).',
      }),
  })
  .openapi('EmailConflict');

export const listEmailConflicts = securedRoute(
  { minimum: 'staff' },
  {
    method: 'get',
    path: '/v1/contact-conflicts',
    summary: 'Addresses confirmed by a contact of one member that another member holds',
    description:
      'A member adding an address never learns whether another member has it; when the person confirms ' +
      'it, the contact becomes `conflict` and is listed here. Resolve by removing the address from one of ' +
      'the two members, then (if it was the holder) sending the other a new confirmation.',
    request: { query: z.object(paginationQuery) },
    responses: {
      200: {
        description: 'A page of conflicts.',
        ...json(pageSchema(emailConflictSchema, 'EmailConflictPage')),
      },
    },
  },
);

/** Addresses members add: asking for a confirmation link again, and the conflicts staff resolve. */
export function contactAddressRoutes(deps: AppDeps, service: MemberService, repository: MemberRepository) {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(requestConfirmation, async (c) => {
    const { id, contactId } = c.req.valid('param');
    const member = await service.requestConfirmation(id, contactId, actorOf(c.get('principal')));
    const contact = member.contacts.find((each) => each.id === contactId)!;
    return c.json({ memberId: id, contactId, emailStatus: contact.emailStatus ?? 'unverified' }, 202);
  });

  app.openapi(listEmailConflicts, async (c) => {
    const { limit, cursor } = c.req.valid('query');
    const page = await pageFrom(deps.cursors, 'contact-conflicts', cursor, (startKey) =>
      repository.emailConflicts(limit, startKey),
    );
    const items = await Promise.all(
      page.items.map(async (conflict) => ({
        ...conflict,
        heldBy: (await repository.holderOfEmail(conflict.email)) ?? null,
      })),
    );
    return c.json({ items, nextCursor: page.nextCursor }, 200);
  });

  return app;
}
