import { OpenAPIHono, z } from '@hono/zod-openapi';
import { pageFrom } from '../../data/cursor.ts';
import { NotFoundError } from '../../domain/errors.ts';
import { ulidSchema } from '../../domain/member-schema.ts';
import { queueChangedAgendas } from '../../events/agenda-queue.ts';
import { companyEvents } from '../../events/company-events.ts';
import type { EventRepository } from '../../events/event-repository.ts';
import {
  type Event,
  eventCreateSchema,
  eventPatchSchema,
  eventSummarySchema,
  eventWithSlotsSchema,
  type Participant,
  participantCardSchema,
  participantCreateSchema,
  participantPatchSchema,
  participantSchema,
  registrationSchema,
} from '../../events/event-schema.ts';
import type { EventService } from '../../events/event-service.ts';
import { slotsOf } from '../../events/event-slots.ts';
import { ParticipantChanges } from '../../events/participant-changes.ts';
import type { MatchCard } from '../../matching/match-card.ts';
import { scoreMatch } from '../../matching/match-score.ts';
import { actorOf } from '../../members/actor.ts';
import { memberReads } from '../../members/member-read.ts';
import { partnerReads } from '../../partners/partner-read.ts';
import { problem, securedRoute } from '../access.ts';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { etagOf, expectedVersion } from '../etag.ts';
import { pageSchema, paginationQuery } from '../pagination.ts';
import { etagHeader, idParam, ifMatchHeader, json } from '../route-parts.ts';

const tags = ['B2B meeting programmes'];
const etag = etagHeader("The event's version, strong; send it back in If-Match to edit it.");
/** The caller's own routes name the event `eventId`: `{id}` is a member's id on member routes. */
const eventIdParam = z.object({ eventId: ulidSchema.openapi({ param: { name: 'eventId', in: 'path' } }) });
const companyParam = z.object({
  id: ulidSchema.openapi({ param: { name: 'id', in: 'path' } }),
  companyId: ulidSchema.openapi({ param: { name: 'companyId', in: 'path' } }),
});

export const createEvent = securedRoute(
  { minimum: 'staff' },
  {
    method: 'post',
    path: '/v1/events',
    summary: 'Create a B2B meeting programme (in `draft`)',
    request: { body: { required: true, ...json(eventCreateSchema) } },
    responses: {
      201: { description: 'Created, with its slots.', ...json(eventWithSlotsSchema), headers: etag },
    },
    tags,
  },
);

export const listEvents = securedRoute(
  { minimum: 'staff' },
  {
    method: 'get',
    path: '/v1/events',
    summary: 'List events, the latest first day first',
    request: { query: z.object(paginationQuery) },
    responses: {
      200: { description: 'A page of events.', ...json(pageSchema(eventSummarySchema, 'EventPage')) },
    },
    tags,
  },
);

export const getEvent = securedRoute(
  { minimum: 'staff' },
  {
    method: 'get',
    path: '/v1/events/{id}',
    summary: 'One event with its slots (start and end in UTC)',
    request: { params: idParam },
    responses: {
      200: { description: 'The event.', ...json(eventWithSlotsSchema), headers: etag },
      404: problem('No such event.'),
    },
    tags,
  },
);

export const patchEvent = securedRoute(
  { minimum: 'staff' },
  {
    method: 'patch',
    path: '/v1/events/{id}',
    summary: 'Edit an event or move its state (JSON merge patch)',
    request: {
      params: idParam,
      headers: ifMatchHeader('The ETag of the event as you read it, or `*`. 428 without it, 412 if stale.'),
      body: {
        required: true,
        content: {
          'application/merge-patch+json': { schema: eventPatchSchema },
          'application/json': { schema: eventPatchSchema },
        },
      },
    },
    responses: {
      200: { description: 'The edited event.', ...json(eventWithSlotsSchema), headers: etag },
      404: problem('No such event.'),
      409: problem('The state cannot move so, or the plan is fixed in this state.'),
      412: problem('If-Match is stale.'),
      428: problem('If-Match is missing.'),
    },
    tags,
  },
);

export const registerParticipant = securedRoute(
  { minimum: 'staff' },
  {
    method: 'post',
    path: '/v1/events/{id}/participants',
    summary: 'Register a member or a partner, with its delegates',
    description:
      'Languages, offers and needs default to the company’s profile; slots to all. A company withdrawn ' +
      'earlier may be registered again.',
    request: { params: idParam, body: { required: true, ...json(participantCreateSchema) } },
    responses: {
      201: { description: 'Registered.', ...json(participantSchema) },
      404: problem('No such event, member or partner.'),
      409: problem('Registered already, or the event takes no more participants.'),
    },
    tags,
  },
);

export const listParticipants = securedRoute(
  { minimum: 'staff', member: 'participant' },
  {
    method: 'get',
    path: '/v1/events/{id}/participants',
    summary:
      'The participants: in full for staff; for a participant, the others’ company fields, best matches first',
    description:
      'A member registered in the event sees each other registered company’s match card, what it offers ' +
      'and seeks here and its languages, with the match score against its own (never delegates or contacts).',
    request: { params: idParam },
    responses: {
      200: {
        description: 'The participants.',
        ...json(
          z.object({
            items: z.union([z.array(participantSchema).max(2000), z.array(participantCardSchema).max(2000)]),
          }),
        ),
      },
      404: problem('No such event, or the member does not take part in it.'),
    },
    tags,
  },
);

export const withdrawParticipant = securedRoute(
  { minimum: 'staff' },
  {
    method: 'delete',
    path: '/v1/events/{id}/participants/{companyId}',
    summary: 'Withdraw a participant: its requests are withdrawn and its meetings cancelled',
    request: { params: companyParam },
    responses: {
      200: { description: 'Withdrawn.', ...json(participantSchema) },
      404: problem('No such registration.'),
      409: problem('The event is held or closed.'),
    },
    tags,
  },
);

export const amendParticipant = securedRoute(
  { minimum: 'staff' },
  {
    method: 'patch',
    path: '/v1/events/{id}/participants/{companyId}',
    summary: 'Change a registration in place: delegates, languages, topics, slots',
    description:
      'Each field given replaces the one held; its requests and meetings stay. A delegate already ' +
      'registered keeps its slots and zone unless given; with new slots alone, each delegate comes to ' +
      'those it came to that remain (all, if it came to all). A scheduled meeting whose delegate is taken ' +
      'out passes to a delegate kept who attends its slot and is free then; 409 where none is, where the ' +
      'company would leave a meeting’s slot, where a meeting already held would lose its delegate, or ' +
      'where languages change while it has scheduled meetings (their interpreters were planned with them). ' +
      'A published meeting handed over moves the schedule to its next version, and the agendas that ' +
      'changed are emailed at once; the delegate who was sent the meeting is sent its cancellation.',
    request: {
      params: companyParam,
      headers: ifMatchHeader(
        'The ETag of the participation as you read it, or `*`. 428 without it, 412 if stale.',
      ),
      body: { required: true, ...json(participantPatchSchema) },
    },
    responses: {
      200: {
        description: 'The changed registration.',
        ...json(participantSchema),
        headers: etagHeader("The participation's version; send it back in If-Match to change it again."),
      },
      404: problem('No such registration.'),
      409: problem('The event is held, or a scheduled meeting would be left without a delegate.'),
      412: problem('If-Match is stale.'),
      422: problem('A delegate is not a contact of the company, or a slot is not the event’s.'),
      428: problem('If-Match is missing.'),
    },
    tags,
  },
);

export const registerSelf = securedRoute(
  { minimum: 'member', member: 'self' },
  {
    method: 'post',
    path: '/v1/me/events/{eventId}/registration',
    summary: 'Register your company for an open event',
    request: { params: eventIdParam, body: { required: true, ...json(registrationSchema) } },
    responses: {
      201: { description: 'Registered.', ...json(participantSchema) },
      404: problem('No such event.'),
      409: problem('Registered already, or registration is closed.'),
    },
    tags,
  },
);

export const withdrawSelf = securedRoute(
  { minimum: 'member', member: 'self' },
  {
    method: 'delete',
    path: '/v1/me/events/{eventId}/registration',
    summary: 'Withdraw your company from an event',
    request: { params: eventIdParam },
    responses: {
      200: { description: 'Withdrawn.', ...json(participantSchema) },
      404: problem('Your company is not registered in this event.'),
    },
    tags,
  },
);

export const listMyEvents = securedRoute(
  { minimum: 'member', member: 'self' },
  {
    method: 'get',
    path: '/v1/me/events',
    summary: 'The events your company takes part in',
    request: { query: z.object(paginationQuery) },
    responses: {
      200: {
        description: 'A page of events with your participation.',
        ...json(
          pageSchema(
            z.object({ event: eventSummarySchema, participant: participantSchema }).openapi('MyEvent'),
            'MyEventPage',
          ),
        ),
      },
    },
    tags,
  },
);

const withSlots = (event: Event) => ({ ...event, slots: slotsOf(event) });

/** A participant as other participants see it, scored against the caller's offers and needs here. */
function cardFor(self: Participant, other: Participant) {
  const asCard = (p: Participant): MatchCard => ({
    ...p.card,
    offers: p.offers.map((topic) => ({ topic, text: '' })),
    needs: p.needs.map((topic) => ({ topic, text: '' })),
  });
  return {
    card: other.card,
    offers: other.offers,
    needs: other.needs,
    languages: other.languages,
    score: scoreMatch(asCard(self), asCard(other))?.score ?? 0,
  };
}

export function eventRoutes(deps: AppDeps, service: EventService, repository: EventRepository) {
  const app = new OpenAPIHono<AppEnv>();
  const changes = new ParticipantChanges({
    events: repository,
    members: memberReads(deps.db),
    partners: partnerReads(deps.db),
    clock: deps.clock,
    published: queueChangedAgendas(repository, deps.sendQueue),
  });

  app.openapi(createEvent, async (c) => {
    const event = await service.create(c.req.valid('json'));
    c.header('Location', `/v1/events/${event.id}`);
    c.header('ETag', etagOf(event.version));
    return c.json(withSlots(event), 201);
  });

  app.openapi(listEvents, async (c) => {
    const { limit, cursor } = c.req.valid('query');
    const page = await pageFrom(deps.cursors, 'events', cursor, (startKey) =>
      repository.list({ limit, startKey }),
    );
    return c.json(page, 200);
  });

  app.openapi(getEvent, async (c) => {
    const event = await service.get(c.req.valid('param').id);
    c.header('ETag', etagOf(event.version));
    return c.json(withSlots(event), 200);
  });

  app.openapi(patchEvent, async (c) => {
    const event = await service.patch(
      c.req.valid('param').id,
      c.req.valid('json') as Record<string, unknown>,
      expectedVersion(c, { allowAny: true }),
    );
    c.header('ETag', etagOf(event.version));
    return c.json(withSlots(event), 200);
  });

  app.openapi(registerParticipant, async (c) => {
    const { memberId, partnerId, ...registration } = c.req.valid('json');
    const company = memberId
      ? { kind: 'member' as const, id: memberId }
      : { kind: 'partner' as const, id: partnerId! };
    const participant = await service.register(
      c.req.valid('param').id,
      company,
      registration,
      actorOf(c.get('principal')),
    );
    return c.json(participant, 201);
  });

  app.openapi(listParticipants, async (c) => {
    const eventId = c.req.valid('param').id;
    const principal = c.get('principal');
    const participants = await repository.participants(eventId);
    if (principal.role !== 'member') {
      if (participants.length === 0) await service.get(eventId);
      return c.json({ items: participants }, 200);
    }
    const self = participants.find((p) => p.id === principal.memberId && p.status === 'registered');
    if (!self) throw new NotFoundError(`No event ${eventId} your company takes part in.`);
    const items = participants
      .filter((p) => p.status === 'registered' && p.id !== self.id)
      .map((p) => cardFor(self, p))
      .sort((x, y) => y.score - x.score || x.card.name.localeCompare(y.card.name));
    return c.json({ items }, 200);
  });

  app.openapi(withdrawParticipant, async (c) => {
    const { id, companyId } = c.req.valid('param');
    return c.json(await service.withdraw(id, companyId, actorOf(c.get('principal'))), 200);
  });

  app.openapi(amendParticipant, async (c) => {
    const { id, companyId } = c.req.valid('param');
    const participant = await changes.amend(
      id,
      companyId,
      c.req.valid('json'),
      expectedVersion(c, { allowAny: true }),
    );
    c.header('ETag', etagOf(participant.version));
    return c.json(participant, 200);
  });

  app.openapi(registerSelf, async (c) => {
    const principal = c.get('principal');
    const participant = await service.register(
      c.req.valid('param').eventId,
      { kind: 'member', id: principal.memberId! },
      c.req.valid('json'),
      actorOf(principal),
    );
    return c.json(participant, 201);
  });

  app.openapi(withdrawSelf, async (c) => {
    const principal = c.get('principal');
    return c.json(
      await service.withdraw(c.req.valid('param').eventId, principal.memberId!, actorOf(principal)),
      200,
    );
  });

  app.openapi(listMyEvents, async (c) => {
    const { limit, cursor } = c.req.valid('query');
    const memberId = c.get('principal').memberId!;
    const scope = `my-events:${memberId}`;
    const page = await pageFrom(deps.cursors, scope, cursor, (startKey) =>
      companyEvents(deps.db, memberId, { limit, startKey }),
    );
    return c.json(page, 200);
  });

  return app;
}
