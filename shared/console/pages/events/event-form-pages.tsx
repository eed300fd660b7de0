import { type Context, Hono } from 'hono';
import { ConflictError, PreconditionFailedError, ValidationError } from '../../../domain/errors.ts';
import { type InLanguages, languages, textIn } from '../../../domain/languages.ts';
import { type Event, eventCreateSchema } from '../../../events/event-schema.ts';
import { defaultSpareTables, type EventService } from '../../../events/event-service.ts';
import {
  Check,
  type Errors,
  ErrorText,
  FormAlert,
  type FormValues,
  one,
  requiredFormVersion,
  TextArea,
  TextInput,
  valuesFrom,
} from '../../components/form-fields.tsx';
import { ZoneSelect } from '../../components/zone-options.tsx';
import type { ConsoleEnv } from '../../console-env.ts';
import { commonMessages } from '../../i18n/common-messages.ts';
import { languageName } from '../../i18n/domain-labels.ts';
import { readerTimeZone } from '../../i18n/format.ts';
import { localizeFieldErrors, localizeIssues } from '../../i18n/zod-messages.ts';
import {
  eventFormErrors,
  eventFormFields,
  eventInputOf,
  eventValuesOf,
  newEventValues,
  slotsStillInPlan,
} from './event-form.ts';
import { eventFormText, eventStateText, eventText } from './event-messages.ts';
import { eventPath } from './event-parts.tsx';

type Ctx = Context<ConsoleEnv>;

/** Where the form posts, what it is called, and the event it edits (with the version it was read at). */
interface FormPage {
  action: string;
  title: string;
  back: { href: string; text: string };
  submit: string;
  version?: number;
  conflict?: boolean;
}

/**
 * An event's form: a new event, as a draft, and an existing one's edit, both the body the API takes
 * (`POST /v1/events`, `PATCH /v1/events/{id}` with every field), checked by the same schema and
 * written by the same service. Its participants, requests and schedule are the event's own pages.
 */
export function eventFormPages(service: Pick<EventService, 'create' | 'get' | 'patch'>) {
  const app = new Hono<ConsoleEnv>();

  const form = (c: Ctx, page: FormPage, values: FormValues, errors: Errors) => {
    const locale = c.get('locale');
    const m = eventFormText[locale];
    const e = eventText[locale];
    const common = commonMessages[locale];
    const input = (name: string, label: string, options: { type?: string; hint?: string } = {}) => (
      <TextInput name={name} label={label} values={values} errors={errors} {...options} />
    );
    return c.render(
      <article>
        <h1>{page.title}</h1>
        <p>
          <a href={page.back.href}>{page.back.text}</a>
        </p>
        {page.conflict ? (
          <section aria-labelledby="conflict-title">
            <h2 id="conflict-title">{common.conflictTitle}</h2>
            <p role="alert">
              {common.conflict} {m.conflictAgain}
            </p>
            <p>
              <a href={page.back.href}>{common.reload}</a>
            </p>
          </section>
        ) : null}
        <FormAlert errors={errors} locale={locale} />
        <form method="post" action={page.action} novalidate>
          {page.version === undefined ? null : (
            <input type="hidden" name="version" value={String(page.version)} />
          )}
          <fieldset aria-describedby={errors.has('name') ? 'f-name-error' : undefined}>
            <legend>{m.name}</legend>
            <ErrorText name="name" errors={errors} />
            {languages.map((l) => input(`name.${l}`, languageName(locale, l)))}
          </fieldset>
          <fieldset aria-describedby={errors.has('city') ? 'f-city-error' : undefined}>
            <legend>{m.city}</legend>
            <ErrorText name="city" errors={errors} />
            {languages.map((l) => input(`city.${l}`, languageName(locale, l)))}
          </fieldset>
          <Check name="online" label={m.online} values={values} errors={errors} />
          <ZoneSelect
            name="timeZone"
            label={e.timeZone}
            locale={locale}
            selected={one(values, 'timeZone')}
            utcValue="UTC"
            errors={errors}
          />
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
          <button type="submit">{page.submit}</button>
        </form>
      </article>,
      { title: page.title, section: 'events' },
    );
  };

  const newPage = (c: Ctx): FormPage => {
    const locale = c.get('locale');
    const m = eventFormText[locale];
    return {
      action: '/console/events',
      title: m.newEvent,
      back: { href: '/console/events', text: eventText[locale].title },
      submit: m.create,
    };
  };

  const editPage = (c: Ctx, event: Event, extra: Partial<FormPage> = {}): FormPage => {
    const locale = c.get('locale');
    return {
      action: `/console/events/${event.id}/edit`,
      title: `${eventFormText[locale].editEvent}: ${textIn(event.name, locale)}`,
      back: { href: `/console/events/${event.id}`, text: textIn(event.name, locale) },
      submit: commonMessages[locale].save,
      version: event.version,
      ...extra,
    };
  };

  /** Why the service refused an edit of the plan, in the reader's language, beside the field it names. */
  const planConflict = (c: Ctx, event: Event, error: ConflictError): Errors => {
    const locale = c.get('locale');
    const m = eventFormText[locale];
    if (error.field === 'state')
      return new Map([['(form)', m.planFixed(eventStateText[locale][event.state])]]);
    const field = error.field ?? '(form)';
    const known: Record<string, string> = {
      days: m.slotsFixed,
      tables: m.planInUse,
      interpreters: m.planInUse,
    };
    return new Map([[field, known[field] ?? error.message]]);
  };

  // Held where the one who plans it is, until they say otherwise; in Moscow for a reader on UTC.
  app.get('/console/events/new', (c) => {
    const zone = readerTimeZone();
    return form(
      c,
      newPage(c),
      { ...newEventValues, ...(zone === 'UTC' ? {} : { timeZone: zone }) },
      new Map(),
    );
  });

  app.post('/console/events', async (c) => {
    const locale = c.get('locale');
    const values = valuesFrom(await c.req.parseBody(), eventFormFields);
    const refused = (errors: Map<string, string>) => {
      c.status(422);
      return form(c, newPage(c), values, eventFormErrors(errors));
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

  app.get(`${eventPath}/edit`, async (c) => {
    const event = await service.get(c.req.param('id'));
    return form(c, editPage(c, event), eventValuesOf(event), new Map());
  });

  app.post(`${eventPath}/edit`, async (c) => {
    const locale = c.get('locale');
    const id = c.req.param('id');
    const body = await c.req.parseBody();
    const values = valuesFrom(body, eventFormFields);
    const event = await service.get(id, { consistent: true });
    const refused = (status: 409 | 422, errors: Map<string, string>) => {
      c.status(status);
      return form(c, editPage(c, event), values, eventFormErrors(errors));
    };
    // Someone else's change since the form was filled: nothing written, the form again at the version now.
    const stale = (current: Event) => {
      c.status(412);
      return form(c, editPage(c, current, { conflict: true }), values, new Map());
    };
    const version = requiredFormVersion(body.version, 'event');
    if (version !== event.version) return stale(event);
    const parsed = eventCreateSchema.safeParse(eventInputOf(values, event));
    if (!parsed.success) return refused(422, localizeIssues(parsed.error.issues, locale));
    const input = slotsStillInPlan(parsed.data);
    try {
      // Every field, and null for what the form emptied: a merge patch keeps what it omits. Spare
      // tables left empty are the default share, as the field's hint says, not the number before.
      const inEach = (given: InLanguages) => Object.fromEntries(languages.map((l) => [l, given[l] ?? null]));
      const { city } = input;
      const spareTables = input.spareTables ?? defaultSpareTables(input.tables.length);
      await service.patch(
        id,
        {
          ...input,
          name: inEach(input.name),
          city: typeof city === 'object' ? inEach(city) : (city ?? null),
          spareTables,
        },
        version,
      );
      return c.redirect(`/console/events/${id}?saved`, 303);
    } catch (error) {
      if (error instanceof PreconditionFailedError) return stale(await service.get(id, { consistent: true }));
      if (error instanceof ValidationError) return refused(422, localizeFieldErrors(error.errors, locale));
      if (error instanceof ConflictError) return refused(409, planConflict(c, event, error));
      throw error;
    }
  });

  return app;
}
