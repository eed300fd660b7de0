import { OpenAPIHono, z } from '@hono/zod-openapi';
import { NotFoundError } from '../../domain/errors.ts';
import { languages } from '../../domain/languages.ts';
import { ulidSchema } from '../../domain/member-schema.ts';
import { agendaOf } from '../../events/agenda.ts';
import { agendaIcs } from '../../events/agenda-ics.ts';
import { agendaSchema } from '../../events/agenda-schema.ts';
import type { EventRepository } from '../../events/event-repository.ts';
import { interpreterPlanFor, interpreterPlanSchema } from '../../events/interpreter-plan.ts';
import { problem, securedRoute } from '../access.ts';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { idParam, json } from '../route-parts.ts';

const tags = ['B2B meeting programmes'];

const companyParam = z.object({
  id: ulidSchema.openapi({ param: { name: 'id', in: 'path' } }),
  companyId: ulidSchema.openapi({ param: { name: 'companyId', in: 'path' } }),
});

const agendaQuery = z.object({
  delegate: ulidSchema.optional().openapi({
    param: { name: 'delegate', in: 'query' },
    description: 'Only this delegate’s meetings (a contact id).',
  }),
  lang: z
    .enum(languages)
    .optional()
    .openapi({
      param: { name: 'lang', in: 'query' },
      description: 'The calendar’s language; default the (first) delegate’s.',
    }),
});

const icsExample = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//bridge-crm//agenda//EN',
  'METHOD:PUBLISH',
  'BEGIN:VEVENT',
  'UID:01JD5Z7Q8N3V2K4M6P8R0T2W4Y-01JD5Z7Q8N3V2K4M6P8R0T2W50@01JD5Z7Q8N3V2K4M6P8R0T2W52',
  'SEQUENCE:1',
  'DTSTAMP:20270301T090000Z',
  'DTSTART:20270316T070000Z',
  'DTEND:20270316T072000Z',
  'SUMMARY:B2B meeting: Công ty ABC (ABC Co)',
  'STATUS:CONFIRMED',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

export const getAgenda = securedRoute(
  { minimum: 'staff', member: 'participant' },
  {
    method: 'get',
    path: '/v1/events/{id}/participants/{companyId}/agenda',
    summary: 'A participant’s agenda, as JSON or as an iCalendar file',
    description:
      'Each meeting with its slot’s times (UTC, and local in the event’s zone and in the delegate’s), the ' +
      'table (its link for an online event), the interpreter, the company’s own delegate and the ' +
      'counterpart’s name, country and delegate’s name. JSON by default; `text/calendar` when the Accept ' +
      'header prefers it: times in UTC, one UID per meeting (`<meetingId>@<eventId>`) and the schedule ' +
      'version as SEQUENCE, so a newer file updates the entries. A member reads its own company’s agenda ' +
      '(another company’s is 404) and sees what was published: confirmed meetings, none before the first ' +
      'publish; staff see placed meetings too.',
    request: { params: companyParam, query: agendaQuery },
    responses: {
      200: {
        description: 'The agenda.',
        content: {
          'application/json': { schema: agendaSchema },
          'text/calendar': { schema: z.string().max(1_000_000).openapi({ example: icsExample }) },
        },
      },
      404: problem('No such event or participant (for a member: its own company does not take part).'),
    },
    tags,
  },
);

export const getInterpreterPlan = securedRoute(
  { minimum: 'staff' },
  {
    method: 'get',
    path: '/v1/events/{id}/interpreter-plan',
    summary: 'The interpreters’ plan: who interprets which meeting, at which table, when',
    description:
      'For each interpreter, in time order, the meetings not cancelled it is placed at (placed ones too): ' +
      'the slot (UTC and the event’s local time), the table, the two companies and the language pair.',
    request: { params: idParam },
    responses: {
      200: { description: 'The plan.', ...json(interpreterPlanSchema) },
      404: problem('No such event.'),
    },
    tags,
  },
);

/** The quality the Accept header gives `type` (an exact type, its `type/*`, or `*\/*`), 1 without one. */
function quality(accept: string | undefined, type: string): number {
  if (!accept) return type === 'application/json' ? 1 : 0;
  let best = -1;
  let bestSpecificity = -1;
  for (const entry of accept.split(',')) {
    const [range = '', ...params] = entry.split(';').map((p) => p.trim().toLowerCase());
    const specificity =
      range === type ? 2 : range === `${type.split('/')[0]}/*` ? 1 : range === '*/*' ? 0 : -1;
    if (specificity < bestSpecificity || specificity < 0) continue;
    const q = Number(params.find((p) => p.startsWith('q='))?.slice(2) ?? 1);
    best = Number.isFinite(q) ? q : 0;
    bestSpecificity = specificity;
  }
  return Math.max(best, 0);
}

/** Whether the caller prefers the calendar to JSON; a tie (`*\/*`) is JSON. */
export function prefersCalendar(accept: string | undefined): boolean {
  const calendar = quality(accept, 'text/calendar');
  return calendar > 0 && calendar > quality(accept, 'application/json');
}

export function eventAgendaRoutes(deps: Pick<AppDeps, 'clock'>, repository: EventRepository) {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(getAgenda, async (c) => {
    const { id, companyId } = c.req.valid('param');
    const { delegate, lang } = c.req.valid('query');
    const principal = c.get('principal');
    const member = principal.role === 'member';
    const notFound = () =>
      new NotFoundError(
        member ? `No event ${id} your company takes part in.` : `No participant ${companyId} in event ${id}.`,
      );
    // A member learns nothing of another company: its id answers as an unknown one does.
    if (member && companyId !== principal.memberId) throw notFound();
    const [event, participant] = await Promise.all([
      repository.event(id),
      repository.participant(id, companyId),
    ]);
    if (!event || !participant || (member && participant.status !== 'registered')) throw notFound();
    if (delegate !== undefined && !participant.delegates.some((d) => d.contactId === delegate)) {
      throw new NotFoundError(`No delegate ${delegate} of ${companyId}.`);
    }
    const [meetings, participants] = await Promise.all([
      repository.meetingsOf(id, companyId),
      repository.participants(id),
    ]);
    const agenda = agendaOf(
      { event, participant, meetings, participants },
      { view: member ? 'member' : 'staff', delegate },
    );
    c.header('Vary', 'Accept');
    if (!prefersCalendar(c.req.header('accept'))) return c.json(agenda, 200);
    const language =
      lang ??
      participant.delegates.find((d) => delegate === undefined || d.contactId === delegate)?.language ??
      'en';
    return c.body(agendaIcs(agenda, { language, stamp: deps.clock() }), 200, {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': `inline; filename="agenda-${companyId}.ics"`,
    });
  });

  app.openapi(getInterpreterPlan, async (c) => {
    return c.json(await interpreterPlanFor(repository, c.req.valid('param').id), 200);
  });

  return app;
}
