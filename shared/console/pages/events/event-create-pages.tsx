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
} from '../../components/form-fields.tsx';
import type { ConsoleEnv } from '../../console-env.ts';
import { languageName } from '../../i18n/domain-labels.ts';
import { localizeFieldErrors, localizeIssues } from '../../i18n/zod-messages.ts';
import { eventFormErrors, eventInputOf, eventValuesOf, newEventValues } from './event-form.ts';
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
            {languages.map((l) => (
              <TextInput name={`name.${l}`} label={languageName(locale, l)} values={values} errors={errors} />
            ))}
          </fieldset>
          <TextInput name="city" label={m.city} values={values} errors={errors} />
          <Check name="online" label={m.online} values={values} errors={errors} />
          <TextInput
            name="timeZone"
            label={e.timeZone}
            values={values}
            errors={errors}
            hint={m.timeZoneHint}
          />
          <TextArea name="days" label={e.days} values={values} errors={errors} hint={m.daysHint} rows={3} />
          <div class="grid">
            <div>
              <TextInput
                name="slotMinutes"
                label={m.slotMinutes}
                type="number"
                values={values}
                errors={errors}
              />
            </div>
            <div>
              <TextInput
                name="gapMinutes"
                label={m.gapMinutes}
                type="number"
                values={values}
                errors={errors}
              />
            </div>
          </div>
          <div class="grid">
            <div>
              <TextInput
                name="tables"
                label={m.tables}
                type="number"
                values={values}
                errors={errors}
                hint={m.tablesHint}
              />
            </div>
            <div>
              <TextInput
                name="spareTables"
                label={m.spareTables}
                type="number"
                values={values}
                errors={errors}
                hint={m.spareTablesHint}
              />
            </div>
          </div>
          <div class="grid">
            <div>
              <TextInput
                name="registrationDeadline"
                label={e.registrationDeadline}
                type="date"
                values={values}
                errors={errors}
                hint={m.deadlineHint}
              />
            </div>
            <div>
              <TextInput
                name="requestDeadline"
                label={e.requestDeadline}
                type="date"
                values={values}
                errors={errors}
                hint={m.deadlineHint}
              />
            </div>
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
    const values = eventValuesOf(await c.req.parseBody());
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
