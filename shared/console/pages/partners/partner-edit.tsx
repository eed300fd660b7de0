import { type Context, Hono } from 'hono';
import type { Child } from 'hono/jsx';
import {
  ConflictError,
  NotFoundError,
  PreconditionFailedError,
  ValidationError,
} from '../../../domain/errors.ts';
import { heldReason } from '../../../domain/issue-rules.ts';
import type { Partner } from '../../../domain/partner-schema.ts';
import { actorOf } from '../../../members/actor.ts';
import type { PartnerRepository } from '../../../partners/partner-repository.ts';
import { PartnerService } from '../../../partners/partner-service.ts';
import { patchedPartnerProfile } from '../../../partners/partner-state.ts';
import { changedFromBase, FormBase, ownEditsOver, postedBase } from '../../components/form-base.tsx';
import {
  type Errors,
  FormAlert,
  type FormValues,
  requiredFormVersion,
  valuesFrom,
} from '../../components/form-fields.tsx';
import type { ConsolePageDeps } from '../../console-deps.ts';
import type { ConsoleEnv } from '../../console-env.ts';
import { commonMessages } from '../../i18n/common-messages.ts';
import { formatDateTime } from '../../i18n/format.ts';
import type { Locale } from '../../i18n/locales.ts';
import { companyName } from '../../i18n/names.ts';
import { roleName } from '../../i18n/role-names.ts';
import { localizeFieldErrors, localizeIssues, localizeReason } from '../../i18n/zod-messages.ts';
import { ConflictComparison } from '../member/member-form-views.tsx';
import { inputErrors, placeErrors } from '../member/member-forms.ts';
import { memberMessages } from '../member/member-messages.ts';
import { isUlid } from '../route-patterns.ts';
import { partnersPath } from './partner-components.tsx';
import {
  PartnerProfileInputs,
  partnerListInputs,
  partnerProfileInputs,
  partnerProfilePatch,
  partnerProfileValuesOf,
} from './partner-form.tsx';
import { partnerMessages } from './partner-messages.ts';

type Ctx = Context<ConsoleEnv>;

export const partnerProfilePath = (id: string) => `${partnersPath}/${id}/profile`;

interface FormState {
  values: FormValues;
  /** What the form was filled from (components/form-base.tsx). */
  base: FormValues | undefined;
  errors: Errors;
  version: number;
  submit: string;
}

/**
 * A partner's profile edited as `PATCH /v1/partners/{id}` edits it, through the same service: checked
 * by the API's schema (each error beside its input, in the reader's language, nothing written) and
 * written at the version the form was filled from; a partner changed since is a 412 page with what
 * changed and the form again over what is stored now, with only this user's own edits on top.
 */
export function partnerEditPages(deps: ConsolePageDeps, partners: PartnerRepository) {
  const app = new Hono<ConsoleEnv>();
  const service = new PartnerService({ partners, clock: deps.app.clock, newId: deps.app.newId });
  const path = `${partnersPath}/:id/profile`;

  /** The partner, if it is one we hold; a joined one is the member's now, and edited there. */
  const editable = async (c: Ctx, consistent = false): Promise<Partner> => {
    const id = c.req.param('id') ?? '';
    if (!isUlid(id)) throw new NotFoundError('No such partner.');
    const partner = await service.get(id, { consistent });
    if (partner.joinedAs) {
      throw new ConflictError(
        `The partner joined the association as member ${partner.joinedAs}; change the member.`,
      );
    }
    return partner;
  };

  const page = (c: Ctx, partner: Partner, body: Child, status: 200 | 409 | 412 | 422 = 200) => {
    const title = memberMessages[c.get('locale')].editProfileTitle(companyName(partner));
    c.status(status);
    return c.render(
      <article>
        <hgroup>
          <h1>{title}</h1>
          <p>
            <a href={`${partnersPath}/${partner.id}`}>{partnerMessages[c.get('locale')].backToPartner}</a>
          </p>
        </hgroup>
        {body}
      </article>,
      { title, section: 'partners' },
    );
  };

  const form = (locale: Locale, partnerId: string, state: FormState) => (
    <form method="post" action={partnerProfilePath(partnerId)} novalidate>
      <FormAlert errors={state.errors} locale={locale} />
      <input type="hidden" name="version" value={String(state.version)} />
      <FormBase base={state.base} />
      <PartnerProfileInputs values={state.values} errors={state.errors} locale={locale} />
      <button type="submit">{state.submit}</button>
    </form>
  );

  /** Who changed the partner last, and when, as its history says; "you" when it was this user. */
  const lastChange = async (c: Ctx, id: string): Promise<Child> => {
    const [history, staff] = await Promise.all([partners.history(id, 1), deps.roster.read()]);
    const entry = history.items[0];
    if (!entry) return null;
    const locale = c.get('locale');
    const m = memberMessages[locale];
    const when = formatDateTime(locale, entry.at);
    const { sub, role } = entry.actor;
    if (sub === c.get('session').sub) return <p>{m.lastChangedByYou(when)}</p>;
    const by = staff.has(sub) ? `${staff.nameOf(sub)} (${roleName(locale, role)})` : roleName(locale, role);
    return <p>{m.lastChanged(by, when)}</p>;
  };

  app.get(path, async (c) => {
    const locale = c.get('locale');
    const partner = await editable(c);
    const stored = partnerProfileValuesOf(partner, locale);
    return page(
      c,
      partner,
      form(locale, partner.id, {
        values: stored,
        base: stored,
        errors: new Map(),
        version: partner.version,
        submit: commonMessages[locale].save,
      }),
    );
  });

  app.post(path, async (c) => {
    const locale = c.get('locale');
    const m = memberMessages[locale];
    const body = await c.req.parseBody({ all: true });
    const sent = valuesFrom(body, partnerProfileInputs, partnerListInputs);
    const base = postedBase(body);
    const version = requiredFormVersion(body.version, 'partner');
    const partner = await editable(c, true);

    const conflict = async (current: Partner) => {
      const now = partnerProfileValuesOf(current, locale);
      const merged = ownEditsOver(partnerProfileInputs, sent, base, now);
      const common = commonMessages[locale];
      const p = partnerMessages[locale];
      return page(
        c,
        current,
        <>
          <section aria-labelledby="conflict-title">
            <h2 id="conflict-title" tabindex={-1} data-focus>
              {common.conflictTitle}
            </h2>
            <p role="alert">
              {common.conflict} {base ? m.conflictOwnEdits : null}
            </p>
            {await lastChange(c, current.id)}
            <ConflictComparison
              inputs={partnerProfileInputs}
              form="profile"
              sent={merged}
              base={base}
              stored={now}
              changed={changedFromBase(partnerProfileInputs, sent, base)}
              locale={locale}
              label={(name) => (name === 'latinName' || name === 'notes' ? p[name] : undefined)}
            />
            <p>
              <a href={`${partnersPath}/${current.id}`}>{common.reload}</a>
            </p>
          </section>
          <section aria-labelledby="reapply-title">
            <h2 id="reapply-title">{m.reapply}</h2>
            {form(locale, current.id, {
              values: merged,
              base: now,
              errors: new Map(),
              version: current.version,
              submit: m.reapply,
            })}
          </section>
        </>,
        412,
      );
    };
    if (version !== partner.version) return conflict(partner);

    const invalid = (errors: Iterable<readonly [string, string]>, status: 409 | 422) =>
      page(
        c,
        partner,
        form(locale, partner.id, {
          values: sent,
          base,
          errors: inputErrors(errors, partnerProfileInputs),
          version,
          submit: commonMessages[locale].save,
        }),
        status,
      );
    // A place typed by a name we do not know is said so, beside the schema's refusals: all at once.
    const patch = partnerProfilePatch(sent);
    const checked = patchedPartnerProfile(partner, patch);
    const places = placeErrors(sent, locale);
    if (!checked.success || places.length > 0) {
      return invalid(
        [...places, ...(checked.success ? [] : localizeIssues(checked.error.issues, locale))],
        422,
      );
    }
    try {
      await service.patch(partner.id, patch, actorOf(c.get('principal')), version);
    } catch (error) {
      if (error instanceof PreconditionFailedError) return conflict(await editable(c, true));
      if (error instanceof ValidationError) return invalid(localizeFieldErrors(error.errors, locale), 422);
      const held = error instanceof ConflictError ? heldReason(error) : undefined;
      if (held && error instanceof ConflictError) {
        return invalid([[error.field ?? '(form)', localizeReason(held, locale) ?? error.message]], 409);
      }
      throw error;
    }
    return c.redirect(`${partnersPath}/${partner.id}?saved#done`, 303);
  });

  return app;
}
