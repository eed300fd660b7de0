import { type Context, Hono } from 'hono';
import { ConflictError, ValidationError } from '../../../domain/errors.ts';
import { heldReason } from '../../../domain/issue-rules.ts';
import { partnerCreateSchema } from '../../../domain/partner-schema.ts';
import { phoneE164 } from '../../../domain/phone.ts';
import { actorOf } from '../../../members/actor.ts';
import type { PartnerRepository } from '../../../partners/partner-repository.ts';
import { PartnerService } from '../../../partners/partner-service.ts';
import {
  Check,
  type Errors,
  FormAlert,
  type FormValues,
  trimmed,
  valuesFrom,
} from '../../components/form-fields.tsx';
import type { ConsolePageDeps } from '../../console-deps.ts';
import type { ConsoleEnv } from '../../console-env.ts';
import type { Locale } from '../../i18n/locales.ts';
import { companyName } from '../../i18n/names.ts';
import { placeText } from '../../i18n/place-lookup.ts';
import { localizeFieldErrors, localizeIssues, localizeReason } from '../../i18n/zod-messages.ts';
import { ContactFields } from '../member/member-form-views.tsx';
import { contactInputs, inputErrors, placeErrors } from '../member/member-forms.ts';
import { partnersPath } from './partner-components.tsx';
import {
  PartnerProfileInputs,
  partnerListInputs,
  partnerProfileEntries,
  partnerProfileInputs,
} from './partner-form.tsx';
import { partnerMessages } from './partner-messages.ts';

type Ctx = Context<ConsoleEnv>;

export const newPartnerPath = `${partnersPath}/new`;

/** The form's inputs: the profile's, and one contact's after `contact.`. */
const inputs = [
  ...partnerProfileInputs,
  ...contactInputs.map((name) => `contact.${name}`),
  'confirmNotDuplicate',
];

/** The form as first shown: a Vietnamese company working in Vietnamese and English. */
function newPartnerValues(locale: Locale): FormValues {
  return {
    country: placeText('country', 'VN', locale),
    languages: ['vi', 'en'],
    'contact.language': 'vi',
  };
}

/** What was left empty, left out; a place typed by name as its code (placeErrors says when none). */
function newPartnerBody(values: FormValues): Record<string, unknown> {
  const entered = (name: string) => trimmed(values, name) || undefined;
  const profile = partnerProfileEntries(values);
  const phone = entered('contact.phone');
  // The contact only if any of it was typed: the schema then says what it lacks.
  const contact = ['contact.name', 'contact.email', 'contact.phone', 'contact.position'].some(entered)
    ? {
        name: trimmed(values, 'contact.name'),
        email: trimmed(values, 'contact.email'),
        // As a contact added later reads it: the partner's country reads a number dialled at home.
        phone: phone && phoneE164(phone, typeof profile.country === 'string' ? profile.country : undefined),
        position: entered('contact.position'),
        language: trimmed(values, 'contact.language'),
        consent: {
          outreach: trimmed(values, 'contact.consent.outreach') === 'on',
          news: trimmed(values, 'contact.consent.news') === 'on',
        },
      }
    : undefined;
  const body: Record<string, unknown> = {
    ...profile,
    contacts: contact ? [contact] : [],
    confirmNotDuplicate: trimmed(values, 'confirmNotDuplicate') === 'on' || undefined,
  };
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
}

/** The schema's and the service's paths, by the input they belong beside (the one contact's as `contact.`). */
const byInput = (errors: Iterable<readonly [string, string]>) =>
  inputErrors(
    [...errors].map(([path, message]) => [path.replace(/^contacts\.0\./, 'contact.'), message] as const),
    inputs,
  );

/** A partner of the same name in the same country, which the user may confirm is another company. */
type Duplicate = { id: string; name: string };

/** Staff add a partner, as `POST /v1/partners` does, through the same service and schema. */
export function newPartnerPages(deps: ConsolePageDeps, partners: PartnerRepository) {
  const app = new Hono<ConsoleEnv>();
  const service = new PartnerService({ partners, clock: deps.app.clock, newId: deps.app.newId });

  const form = (
    c: Ctx,
    values: FormValues,
    errors: Errors,
    duplicate?: Duplicate,
    status: 200 | 409 | 422 = 200,
  ) => {
    const locale = c.get('locale');
    const p = partnerMessages[locale];
    c.status(status);
    return c.render(
      <article>
        <p>
          <a href={partnersPath}>{p.title}</a>
        </p>
        <h1>{p.newPartner}</h1>
        <form method="post" action={newPartnerPath} novalidate>
          <FormAlert errors={errors} locale={locale} />
          {duplicate ? (
            <div role="alert" tabindex={-1} data-focus>
              <p>
                {p.duplicate} <a href={`${partnersPath}/${duplicate.id}`}>{duplicate.name}</a>
              </p>
              <Check name="confirmNotDuplicate" label={p.notDuplicate} values={values} errors={errors} />
            </div>
          ) : null}
          <PartnerProfileInputs values={values} errors={errors} locale={locale} />
          <fieldset>
            <legend>{p.contactLegend}</legend>
            <ContactFields values={values} errors={errors} locale={locale} prefix="contact." />
          </fieldset>
          <button type="submit">{p.add}</button>
        </form>
      </article>,
      { title: p.newPartner, section: 'partners' },
    );
  };

  app.get(newPartnerPath, (c) => form(c, newPartnerValues(c.get('locale')), new Map()));

  app.post(newPartnerPath, async (c) => {
    const locale = c.get('locale');
    const values = valuesFrom(await c.req.parseBody({ all: true }), inputs, partnerListInputs);
    // A place that names none is said as such, beside the schema's other refusals: all at once.
    const places = placeErrors(values, locale);
    const parsed = partnerCreateSchema.safeParse(newPartnerBody(values));
    if (places.length > 0 || !parsed.success) {
      const schema = parsed.success ? [] : [...localizeIssues(parsed.error.issues, locale)];
      return form(c, values, byInput([...places, ...schema]), undefined, 422);
    }
    try {
      const partner = await service.create(parsed.data, actorOf(c.get('principal')));
      return c.redirect(`${partnersPath}/${partner.id}?created#done`, 303);
    } catch (error) {
      if (error instanceof ValidationError) {
        return form(c, values, byInput(localizeFieldErrors(error.errors, locale)), undefined, 422);
      }
      if (!(error instanceof ConflictError)) throw error;
      const held = heldReason(error);
      if (held) {
        const message = localizeReason(held, locale) ?? error.message;
        return form(c, values, byInput([[error.field ?? '(form)', message]]), undefined, 409);
      }
      const existing = error.existing?.kind === 'partner' ? await partners.get(error.existing.id) : undefined;
      if (!existing) throw error;
      const duplicate = { id: existing.id, name: companyName(existing) };
      return form(c, { ...values, confirmNotDuplicate: '' }, new Map(), duplicate, 409);
    }
  });

  return app;
}
