import { type Context, Hono } from 'hono';
import { ConflictError, NotFoundError, PreconditionFailedError } from '../../../domain/errors.ts';
import { currencies } from '../../../domain/money.ts';
import { type Partner, partnerJoinSchema } from '../../../domain/partner-schema.ts';
import { actorOf } from '../../../members/actor.ts';
import { PartnerRepository } from '../../../partners/partner-repository.ts';
import { PartnerService } from '../../../partners/partner-service.ts';
import {
  Choice,
  type Errors,
  FormAlert,
  type FormValues,
  requiredFormVersion,
  TextInput,
} from '../../components/form-fields.tsx';
import type { ConsolePageDeps } from '../../console-deps.ts';
import type { ConsoleEnv } from '../../console-env.ts';
import { commonMessages } from '../../i18n/common-messages.ts';
import { companyName } from '../../i18n/names.ts';
import { localizeIssues } from '../../i18n/zod-messages.ts';
import { partnerMessages } from '../partners/partner-messages.ts';
import { EditArticle, refusalOf } from '../record-edits.tsx';
import { partnerJoinPath, ulidPattern } from '../route-patterns.ts';
import { RevenueFields, topicOptions } from './member-form-views.tsx';
import { inputErrors, memberValuesFrom, newMemberBody } from './member-forms.ts';
import { memberMessages } from './member-messages.ts';
import { recordPath } from './member-parts.tsx';
import type { MemberEditServices } from './member-record-services.ts';

type Ctx = Context<ConsoleEnv>;

/** What the member takes beyond the partner's profile, as `POST /v1/partners/{id}/membership` does. */
const inputs = [
  'taxId',
  'status',
  'joinedOn',
  'interests',
  'verifiedRevenue.amount',
  'verifiedRevenue.currency',
  'declaredRevenue.amount',
  'declaredRevenue.currency',
] as const;
const joinFields = new Set([
  'taxId',
  'status',
  'joinedOn',
  'interests',
  'verifiedRevenue',
  'declaredRevenue',
]);

/** The partner's currency where we hold its country's, else US dollars: what revenue is likely told in. */
const currencyOf = (partner: Partner) =>
  (({ VN: 'VND', RU: 'RUB' }) as Record<string, string>)[partner.country] ??
  ((currencies as readonly string[]).includes('USD') ? 'USD' : currencies[0]!);

/**
 * A partner joins the association: staff make it a member from its record, as
 * `POST /v1/partners/{id}/membership` does, through the same service (PartnerService.join with the
 * members' service, in one transaction): the member takes the partner's profile, contacts, offers and
 * needs, and what this form adds; the partner stays as the record of the join. Served by a function
 * of its own (console-partner-join), which holds both services.
 */
export function memberFromPartnerPages(services: MemberEditServices, deps: ConsolePageDeps) {
  const app = new Hono<ConsoleEnv>();
  const partners = new PartnerService({
    partners: new PartnerRepository(deps.app.db),
    clock: deps.app.clock,
    newId: deps.app.newId,
  });
  const path = `/console/partners/:id{${ulidPattern}}/join`;

  const joinable = async (c: Ctx, consistent = false) => {
    const partner = await partners.get(c.req.param('id') ?? '', { consistent });
    if (partner.joinedAs) {
      throw new ConflictError(`The partner joined already, as member ${partner.joinedAs}.`);
    }
    if (partner.erasedAt) throw new NotFoundError('This partner is erased.');
    return partner;
  };

  const form = (
    c: Ctx,
    partner: Partner,
    /** `version`: the partner's the form was filled from, which a redrawn form keeps. */
    state: { values: FormValues; errors: Errors; version: number; notice?: string },
    status: 200 | 409 | 412 | 422 = 200,
  ) => {
    const locale = c.get('locale');
    const m = memberMessages[locale];
    const p = partnerMessages[locale];
    const title = p.joinTitle(companyName(partner));
    c.status(status);
    return c.render(
      <EditArticle title={title} back={{ href: `/console/partners/${partner.id}`, label: p.backToPartner }}>
        <p>{p.joinIntro}</p>
        {state.notice ? (
          <p role="alert" tabindex={-1} data-focus>
            {state.notice}
          </p>
        ) : null}
        <form method="post" action={partnerJoinPath(partner.id)} novalidate>
          <input type="hidden" name="version" value={String(state.version)} />
          <FormAlert errors={state.errors} locale={locale} />
          {partner.taxId ? null : (
            <TextInput name="taxId" label={m.taxId} values={state.values} errors={state.errors} required />
          )}
          <Choice
            name="status"
            label={m.status}
            values={state.values}
            errors={state.errors}
            options={(['active', 'suspended'] as const).map((s) => [s, m[s]] as const)}
          />
          <TextInput
            name="joinedOn"
            label={m.joinedOn}
            values={state.values}
            errors={state.errors}
            type="date"
          />
          <Choice
            name="interests"
            label={m.interests}
            values={state.values}
            errors={state.errors}
            options={topicOptions(locale)}
            multiple
          />
          <RevenueFields values={state.values} errors={state.errors} locale={locale} hint={m.amountHintNew} />
          <button type="submit">{p.join}</button>
        </form>
      </EditArticle>,
      { title, section: 'partners' },
    );
  };

  app.get(path, async (c) => {
    const partner = await joinable(c);
    const currency = currencyOf(partner);
    return form(c, partner, {
      values: {
        status: 'active',
        // What it seeks is what a member is interested in, until said otherwise.
        interests: [...new Set(partner.needs.map((need) => need.topic))].slice(0, 8),
        'verifiedRevenue.currency': currency,
        'declaredRevenue.currency': currency,
      },
      errors: new Map(),
      version: partner.version,
    });
  });

  app.post(path, async (c) => {
    const locale = c.get('locale');
    const body = await c.req.parseBody({ all: true });
    const version = requiredFormVersion(body.version, 'partner');
    const values = memberValuesFrom(body, inputs);
    const partner = await joinable(c, true);
    // Someone changed the partner since the form was filled: the form again as entered, at its
    // current version, before anything is checked or written.
    const changed = (current: Partner) =>
      form(
        c,
        current,
        { values, errors: new Map(), version: current.version, notice: commonMessages[locale].conflict },
        412,
      );
    if (version !== partner.version) return changed(partner);
    const invalid = (errors: Iterable<readonly [string, string]>, status: 409 | 422) =>
      form(c, partner, { values, errors: inputErrors(errors, inputs), version }, status);
    const join = Object.fromEntries(
      Object.entries(newMemberBody(values)).filter(
        ([field, value]) => joinFields.has(field) && value !== '' && value !== null,
      ),
    );
    const parsed = partnerJoinSchema.safeParse(join);
    if (!parsed.success) return invalid(localizeIssues(parsed.error.issues, locale), 422);
    try {
      const member = await partners.join(
        partner.id,
        parsed.data,
        actorOf(c.get('principal')),
        version,
        services.service,
      );
      return c.redirect(`${recordPath(member.id)}?created#done`, 303);
    } catch (error) {
      if (error instanceof PreconditionFailedError) return changed(await joinable(c, true));
      const refusal = refusalOf(error, locale);
      if (refusal) return invalid(...refusal);
      throw error;
    }
  });

  return app;
}
