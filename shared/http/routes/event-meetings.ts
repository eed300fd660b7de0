import { OpenAPIHono, z } from '@hono/zod-openapi';
import { BadRequestError, NotFoundError } from '../../domain/errors.ts';
import { ulidSchema } from '../../domain/member-schema.ts';
import { eventReport, eventReportSchema } from '../../events/event-report.ts';
import type { EventRepository } from '../../events/event-repository.ts';
import {
  eventSchema,
  meetingCreateSchema,
  meetingOutcomeInputSchema,
  meetingRequestCreateSchema,
  meetingRequestSchema,
  meetingSchema,
  scheduleRunSchema,
} from '../../events/event-schema.ts';
import type { EventService } from '../../events/event-service.ts';
import type { FollowUpAsked } from '../../events/follow-up.ts';
import type { OutcomeService } from '../../events/outcome-service.ts';
import { type ScheduleService, scheduleInRequestUpTo } from '../../events/schedule-service.ts';
import type { LeadRepository } from '../../leads/lead-repository.ts';
import { actorOf } from '../../members/actor.ts';
import { problem, securedRoute } from '../access.ts';
import type { AppEnv } from '../app-env.ts';
import { jobHref, jobRef, jobRefSchema } from '../job-ref.ts';
import { idParam, json } from '../route-parts.ts';

const tags = ['B2B meeting programmes'];

/** A request's or a meeting's id: the two participants' ids, sorted, joined by `-`. */
const pairSchema = z
  .string()
  .regex(/^[0-9A-HJKMNP-TV-Z]{26}-[0-9A-HJKMNP-TV-Z]{26}$/, 'Must be two ULIDs joined by `-`.')
  .openapi({ maxLength: 53, example: '01JD5Z7Q8N3V2K4M6P8R0T2W4Y-01JD5Z7Q8N3V2K4M6P8R0T2W50' });
const requestParams = z.object({
  id: ulidSchema.openapi({ param: { name: 'id', in: 'path' } }),
  requestId: pairSchema.openapi({ param: { name: 'requestId', in: 'path' } }),
});
const meetingParams = z.object({
  id: ulidSchema.openapi({ param: { name: 'id', in: 'path' } }),
  meetingId: pairSchema.openapi({ param: { name: 'meetingId', in: 'path' } }),
});

export const createRequest = securedRoute(
  { minimum: 'staff', member: 'participant' },
  {
    method: 'post',
    path: '/v1/events/{id}/requests',
    summary: 'Ask for a 1:1 meeting with another participant',
    description:
      'A participant asks for itself; staff name `from`. One request per two participants, either way. ' +
      'The topic defaults to the first one offers and the other seeks.',
    request: { params: idParam, body: { required: true, ...json(meetingRequestCreateSchema) } },
    responses: {
      201: { description: 'Sent, pending an answer.', ...json(meetingRequestSchema) },
      404: problem('No such event, or one side does not take part in it.'),
      409: problem('A request between the two exists, or the event or the deadline is past.'),
    },
    tags,
  },
);

export const listRequests = securedRoute(
  { minimum: 'staff', member: 'participant' },
  {
    method: 'get',
    path: '/v1/events/{id}/requests',
    summary: 'Meeting requests: all of them for staff, a participant’s own (either way) for it',
    request: { params: idParam },
    responses: {
      200: {
        description: 'The requests; unanswered ones past the deadline read `expired`.',
        ...json(z.object({ items: z.array(meetingRequestSchema).max(20_000) })),
      },
      404: problem('No such event.'),
    },
    tags,
  },
);

const answerRoute = (answer: 'accept' | 'decline') =>
  securedRoute(
    { minimum: 'staff', member: 'participant' },
    {
      method: 'post',
      path: `/v1/events/{id}/requests/{requestId}/${answer}`,
      summary: answer === 'accept' ? 'Accept a meeting request' : 'Decline a meeting request',
      description: 'The requested participant answers, or staff for it (a partner’s answer, for one).',
      request: { params: requestParams },
      responses: {
        200: { description: 'Answered.', ...json(meetingRequestSchema) },
        404: problem('No such request among the caller’s.'),
        409: problem('The request is answered, withdrawn or expired.'),
      },
      tags,
    },
  );
export const acceptRequest = answerRoute('accept');
export const declineRequest = answerRoute('decline');

export const addMeeting = securedRoute(
  { minimum: 'staff' },
  {
    method: 'post',
    path: '/v1/events/{id}/meetings',
    summary: 'Add a meeting (placed by the next schedule run) or force one into a slot and table',
    request: { params: idParam, body: { required: true, ...json(meetingCreateSchema) } },
    responses: {
      201: {
        description: 'The accepted request, and the confirmed meeting when forced.',
        ...json(z.object({ request: meetingRequestSchema, meeting: meetingSchema.optional() })),
      },
      404: problem('No such event, or a side is not registered.'),
      409: problem('The two meet already, the table is taken, or a side has no delegate free then.'),
    },
    tags,
  },
);

const scheduleRunResultSchema = z
  .object({
    placed: z.int32().min(0).openapi({ description: 'Meetings this run placed.' }),
    kept: z.int32().min(0).openapi({ description: 'Confirmed meetings kept where they were.' }),
    unplaced: z
      .array(
        z.object({
          requestId: z.string().max(60),
          reason: z.enum(['no-common-slot', 'no-interpreter', 'no-room']),
        }),
      )
      .max(20_000),
    method: z.enum(['exact', 'greedy']),
    optimal: z.boolean().openapi({ description: 'The solver proved no schedule places more.' }),
    bounds: z.object({ lp: z.number().min(0).max(1e6).optional(), simple: z.number().min(0).max(1e6) }),
    published: z.boolean(),
    scheduleVersion: z.int32().min(0),
  })
  .openapi('ScheduleRunResult');

export const runSchedule = securedRoute(
  { minimum: 'staff' },
  {
    method: 'post',
    path: '/v1/events/{id}/schedule',
    summary: 'Place the accepted requests into slots and tables; optionally publish',
    description:
      'An exact integer program (HiGHS) with a greedy fallback: one meeting per delegate per slot, only ' +
      'slots both attend, no table twice, must-requests first, an interpreter where two share no ' +
      'language. Confirmed meetings stay; `publish` confirms the placed ones and sends changed agendas. ' +
      `An event with more than ${scheduleInRequestUpTo} accepted requests is scheduled by a background job: ` +
      'the answer is then 202 with the job to poll.',
    request: { params: idParam, body: { required: false, ...json(scheduleRunSchema) } },
    responses: {
      200: { description: 'What the run placed.', ...json(scheduleRunResultSchema) },
      202: {
        description: 'A large event: the run was queued as a job.',
        ...json(z.object({ job: jobRefSchema }).openapi('ScheduleAccepted')),
        headers: {
          Location: {
            description: 'The job.',
            schema: { type: 'string', maxLength: 100, example: '/v1/jobs/{id}' },
          },
        },
      },
      404: problem('No such event.'),
      409: problem('The event is not open or scheduled.'),
    },
    tags,
  },
);

export const getSchedule = securedRoute(
  { minimum: 'staff' },
  {
    method: 'get',
    path: '/v1/events/{id}/schedule',
    summary: 'The schedule: every meeting not cancelled, by slot and table',
    request: { params: idParam },
    responses: {
      200: {
        description: 'The event and its meetings.',
        ...json(z.object({ event: eventSchema, meetings: z.array(meetingSchema).max(20_000) })),
      },
      404: problem('No such event.'),
    },
    tags,
  },
);

export const recordOutcome = securedRoute(
  { minimum: 'staff', member: 'participant' },
  {
    method: 'post',
    path: '/v1/events/{id}/meetings/{meetingId}/outcome',
    summary: 'Say whether a meeting happened and what came of it',
    description:
      'Each side answers for itself (staff name `side`), once the meeting’s slot has begun in the event’s ' +
      'time zone. A "did not happen" from either side makes it a ' +
      'no-show. The first `follow-up` or `deal-likely` opens one lead for the meeting; later outcomes, and ' +
      '`agreement` months on, go onto its timeline.',
    request: { params: meetingParams, body: { required: true, ...json(meetingOutcomeInputSchema) } },
    responses: {
      200: { description: 'The meeting with its outcomes (and its lead).', ...json(meetingSchema) },
      404: problem('No such meeting among the caller’s.'),
      409: problem('The meeting is not confirmed, its time has not come, or the event is not scheduled yet.'),
    },
    tags,
  },
);

export const askFollowUp = securedRoute(
  { minimum: 'staff' },
  {
    method: 'post',
    path: '/v1/events/{id}/follow-up',
    summary: 'Ask both sides of every meeting held, by email, whether an agreement was reached',
    description:
      'Months after the event: each side of a held meeting that has not answered `agreement` gets the ' +
      'question, one email per delegate in its language, with a yes and a no link (60 days). The answer ' +
      'goes onto the meeting’s outcome and its lead, as the outcome route’s would. The event records ' +
      '`followUpAskedAt`; asking again asks whoever has still not answered.',
    request: { params: idParam },
    responses: {
      200: {
        description: 'The meetings asked about and the emails queued.',
        ...json(
          z
            .object({
              asked: z.int32().min(0).openapi({ description: 'Meetings with a side asked.' }),
              emails: z.int32().min(0).openapi({ description: 'Emails queued, one per delegate.' }),
            })
            .openapi('EventFollowUpAsked'),
        ),
      },
      404: problem('No such event.'),
      409: problem('The event is not held or closed.'),
    },
    tags,
  },
);

export const getEventReport = securedRoute(
  { minimum: 'staff' },
  {
    method: 'get',
    path: '/v1/reports/events/{id}',
    summary: 'An event’s report: requests, acceptance, meetings placed and held, no-shows, leads, agreements',
    description:
      'Per country pair and topic, from counters every write keeps; the leads’ stages as they are now.',
    request: { params: idParam },
    responses: {
      200: { description: 'The report.', ...json(eventReportSchema) },
      404: problem('No such event.'),
    },
    tags: ['Reports'],
  },
);

export function eventMeetingRoutes(
  service: EventService,
  schedules: ScheduleService,
  outcomes: OutcomeService,
  repository: EventRepository,
  leads: LeadRepository,
  followUp: (eventId: string) => Promise<FollowUpAsked>,
) {
  const app = new OpenAPIHono<AppEnv>();

  /** The member's company, when it takes part in the event; 404 otherwise (it learns nothing else). */
  const participantOf = async (eventId: string, memberId: string) => {
    const participant = await repository.participant(eventId, memberId);
    if (!participant) throw new NotFoundError(`No event ${eventId} your company takes part in.`);
    return participant;
  };

  app.openapi(createRequest, async (c) => {
    const eventId = c.req.valid('param').id;
    const principal = c.get('principal');
    const input = c.req.valid('json');
    let from = input.from;
    if (principal.role === 'member') {
      if (from !== undefined && from !== principal.memberId) {
        throw new BadRequestError('A member asks for itself: leave `from` out.');
      }
      from = (await participantOf(eventId, principal.memberId!)).id;
    } else if (from === undefined) {
      throw new BadRequestError('Staff name the requesting participant in `from`.');
    }
    return c.json(await service.request(eventId, from, input, actorOf(principal)), 201);
  });

  app.openapi(listRequests, async (c) => {
    const eventId = c.req.valid('param').id;
    const principal = c.get('principal');
    if (principal.role !== 'member') return c.json({ items: await service.requests(eventId) }, 200);
    await participantOf(eventId, principal.memberId!);
    return c.json({ items: await service.requests(eventId, principal.memberId!) }, 200);
  });

  for (const [route, answer] of [
    [acceptRequest, 'accepted'],
    [declineRequest, 'declined'],
  ] as const) {
    app.openapi(route, async (c) => {
      const { id, requestId } = c.req.valid('param');
      const principal = c.get('principal');
      const by =
        principal.role === 'member'
          ? { role: 'member' as const, companyId: (await participantOf(id, principal.memberId!)).id }
          : { role: 'staff' as const };
      return c.json(await service.answer(id, requestId, answer, by), 200);
    });
  }

  app.openapi(addMeeting, async (c) => {
    return c.json(await service.addMeeting(c.req.valid('param').id, c.req.valid('json')), 201);
  });

  app.openapi(runSchedule, async (c) => {
    const body = scheduleRunSchema.parse(await c.req.json().catch(() => ({})));
    const started = await schedules.start(c.req.valid('param').id, body);
    if ('job' in started) {
      c.header('Location', jobHref(started.job.id));
      return c.json({ job: jobRef(started.job) }, 202);
    }
    return c.json(started.run, 200);
  });

  app.openapi(getSchedule, async (c) => {
    return c.json(await schedules.schedule(c.req.valid('param').id), 200);
  });

  app.openapi(recordOutcome, async (c) => {
    const { id, meetingId } = c.req.valid('param');
    const principal = c.get('principal');
    const companyId =
      principal.role === 'member' ? (await participantOf(id, principal.memberId!)).id : undefined;
    const meeting = await outcomes.record(id, meetingId, c.req.valid('json'), {
      actor: actorOf(principal),
      companyId,
    });
    // A side reads its own report back, never the other side's (its note is its own).
    const shown = companyId
      ? {
          ...meeting,
          outcomes: Object.fromEntries(
            Object.entries(meeting.outcomes).filter(([side]) => side === companyId),
          ),
        }
      : meeting;
    return c.json(shown, 200);
  });

  app.openapi(askFollowUp, async (c) => {
    return c.json(await followUp(c.req.valid('param').id), 200);
  });

  app.openapi(getEventReport, async (c) => {
    return c.json(await eventReport(c.req.valid('param').id, repository, leads), 200);
  });

  return app;
}
