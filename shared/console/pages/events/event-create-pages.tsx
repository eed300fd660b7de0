import { type Context, Hono } from 'hono';
import { ValidationError } from '../../../domain/errors.ts';
import { languages } from '../../../domain/languages.ts';
import { eventCreateSchema } from '../../../events/event-schema.ts';
import type { EventService } from '../../../events/event-service.ts';
import {
  Check,
  type Errors,
  ErrorText,
  FormAlert,
  type FormValues,
  TextArea,
  TextInput,
  valuesFrom,
} from '../../components/form-fields.tsx';
import type { ConsoleEnv } from '../../console-env.ts';
import { languageName } from '../../i18n/domain-labels.ts';
import { localizeFieldErrors, localizeIssues } from '../../i18n/zod-messages.ts';
import { eventFormErrors, eventFormFields, eventInputOf, newEventValues } from './event-form.ts';
import { eventFormText, eventText } from './event-messages.ts';

type Ctx = Context<ConsoleEnv>;

/**
 * A new event, as a draft: the form `POST /v1/events` would take (name, place, zone, days and their
 * meeting blocks, slots, tables, deadlines, interpreters), checked by the same schema and created by
 * the same service. Its participants, requests and schedule are then the event's own pages.
 */
export function eventCreatePages(service: Pick<EventService, 'create'>) {
  const app = new Hono<ConsoleEnv>();

  const form = (c: Ctx, values: FormValues, errors: Errors) => {
    const locale = c.get('locale');
    const m = eventFormText[locale];
    const e = eventText[locale];
    const input = (name: string, label: string, options: { type?: string; hint?: string } = {}) => (
      <TextInput name={name} label={label} values={values} errors={errors} {...options} />
    );
    return c.render(
      <article>
        <h1>{m.newEvent}</h1>
        <p>
          <a href="/console/events">{e.title}</a>
        </p>
        <FormAlert errors={errors} locale={locale} />
        <form method="post" action="/console/events" novalidate>
          <fieldset aria-describedby={errors.has('name') ? 'f-name-error' : undefined}>
            <legend>{m.name}</legend>
            <ErrorText name="name" errors={errors} />
            {languages.map((l) => input(`name.${l}`, languageName(locale, l)))}
          </fieldset>
          {input('city', m.city)}
          <Check name="online" label={m.online} values={values} errors={errors} />
          {input('timeZone', e.timeZone, { hint: m.timeZoneHint })}
          <TextArea name="days" label={e.days} values={values} errors={errors} hint={m.daysHint} rows={3} />
          <div class="grid">
            <div>{input('slotMinutes', m.slotMinutes, { type: 'number' })}</div>
            <div>{input('gapMinutes', m.gapMinutes, { type: 'number' })}</div>
          </div>
          <div class="grid">
            <div>{input('tables', m.tables, { type: 'number', hint: m.tablesHint })}</div>
            <div>{input('spareTables', m.spareTables, { type: 'number', hint: m.spareTablesHint })}</div>
          </div>
          <div class="grid">
            <div>
              {input('registrationDeadline', e.registrationDeadline, { type: 'date', hint: m.deadlineHint })}
            </div>
            <div>{input('requestDeadline', e.requestDeadline, { type: 'date', hint: m.deadlineHint })}</div>
          </div>
          <TextArea
            name="interpreters"
            label={e.interpreters}
            values={values}
            errors={errors}
            hint={m.interpretersHint}
            rows={3}
          />
          <button type="submit">{m.create}</button>
        </form>
      </article>,
      { title: m.newEvent, section: 'events' },
    );
  };

  app.get('/console/events/new', (c) => form(c, newEventValues, new Map()));

  app.post('/console/events', async (c) => {
    const locale = c.get('locale');
    const values = valuesFrom(await c.req.parseBody(), eventFormFields);
    const refused = (errors: Map<string, string>) => {
      c.status(422);
      return form(c, values, eventFormErrors(errors));
    };
    const parsed = eventCreateSchema.safeParse(eventInputOf(values));
    if (!parsed.success) return refused(localizeIssues(parsed.error.issues, locale));
    try {
      const event = await service.create(parsed.data);
      return c.redirect(`/console/events/${event.id}`, 303);
    } catch (error) {
      // The event's own rules, which the schema cannot see (a block longer than its day, a deadline after it).
      if (error instanceof ValidationError) return refused(localizeFieldErrors(error.errors, locale));
      throw error;
    }
  });

  return app;
}
