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
import { contactInputsOf } from '../../../members/member-state.ts';
import type { PartnerRepository } from '../../../partners/partner-repository.ts';
import { PartnerService } from '../../../partners/partner-service.ts';
import { patchedPartnerProfile } from '../../../partners/partner-state.ts';
import { ConfirmFirst, wasConfirmed } from '../../components/confirm-first.tsx';
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
import { companyName } from '../../i18n/names.ts';
import { roleName } from '../../i18n/role-names.ts';
import { localizeFieldErrors, localizeIssues, localizeReason } from '../../i18n/zod-messages.ts';
import { ConflictComparison, ContactForm, OffersNeedsForm } from '../member/member-form-views.tsx';
import {
  contactInputs,
  contactPatch,
  contactValuesOf,
  inputErrors,
  newContactValues,
  offerLists,
  offersNeedsInputs,
  offersNeedsPatch,
  offersNeedsValuesOf,
  placeErrors,
} from '../member/member-forms.ts';
import { memberMessages } from '../member/member-messages.ts';
import { contactParam, isUlid } from '../route-patterns.ts';
import { partnerContactPath, partnersPath } from './partner-components.tsx';
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
export const partnerOffersPath = (id: string) => `${partnersPath}/${id}/offers`;

interface FormState {
  values: FormValues;
  /** What the form was filled from (components/form-base.tsx). */
  base: FormValues | undefined;
  errors: Errors;
  version: number;
  submit: string;
}

/** One of the record's edit forms: what it shows, what it reads back, and the patch it makes. */
interface PartnerForm {
  /** Under `/console/partners/:id/`. */
  path: string;
  /** Every name the form may post; those that may come more than once. */
  inputs: readonly string[];
  listInputs?: ReadonlySet<string>;
  /** What the conflict page calls an input: the member forms' words, where the form is one of theirs. */
  kind: 'profile' | 'contact' | 'offers';
  title: (c: Ctx, partner: Partner) => string;
  /** What the form shows of `partner` as stored; a 404 for a part the partner does not have. */
  stored: (c: Ctx, partner: Partner) => FormValues;
  /** The merge patch of what was sent, and the path its issues carry before an input's name. */
  patch: (c: Ctx, partner: Partner, sent: FormValues) => { patch: Record<string, unknown>; prefix?: string };
  render: (c: Ctx, partner: Partner, state: FormState) => Child;
  /** What the form refuses of what was sent before the schema sees it (a place it does not know). */
  refused?: (c: Ctx, sent: FormValues) => [string, string][];
}

/**
 * A partner's profile, offers and needs, and contacts, edited as `PATCH /v1/partners/{id}` edits them,
 * through the same service: each form is checked by the API's schema (each error beside its input, in
 * the reader's language, nothing written) and written at the version it was filled from; a partner
 * changed since is a 412 page with what changed and the form again over what is stored now, with only
 * this user's own edits on top. A joined partner is the member's now, and edited there.
 */
export function partnerEditPages(deps: ConsolePageDeps, partners: PartnerRepository) {
  const app = new Hono<ConsoleEnv>();
  const service = new PartnerService({ partners, clock: deps.app.clock, newId: deps.app.newId });

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

  const page = (
    c: Ctx,
    title: string,
    partner: Partner,
    body: Child,
    status: 200 | 409 | 412 | 422 = 200,
  ) => {
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

  function editRoutes(form: PartnerForm) {
    const path = `${partnersPath}/:id/${form.path}`;

    app.get(path, async (c) => {
      const locale = c.get('locale');
      const partner = await editable(c);
      const stored = form.stored(c, partner);
      return page(
        c,
        form.title(c, partner),
        partner,
        form.render(c, partner, {
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
      const sent = valuesFrom(body, form.inputs, form.listInputs ?? new Set());
      const base = postedBase(body);
      const version = requiredFormVersion(body.version, 'partner');
      const partner = await editable(c, true);
      const title = form.title(c, partner);

      const conflict = async (current: Partner) => {
        const now = form.stored(c, current);
        const merged = ownEditsOver(form.inputs, sent, base, now);
        const common = commonMessages[locale];
        const p = partnerMessages[locale];
        return page(
          c,
          title,
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
                inputs={form.inputs}
                form={form.kind}
                sent={merged}
                base={base}
                stored={now}
                changed={changedFromBase(form.inputs, sent, base)}
                locale={locale}
                label={(name) => (name === 'latinName' || name === 'notes' ? p[name] : undefined)}
              />
              <p>
                <a href={`${partnersPath}/${current.id}`}>{common.reload}</a>
              </p>
            </section>
            <section aria-labelledby="reapply-title">
              <h2 id="reapply-title">{m.reapply}</h2>
              {form.render(c, current, {
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

      const { patch, prefix } = form.patch(c, partner, sent);
      const invalid = (errors: Iterable<readonly [string, string]>, status: 409 | 422) =>
        page(
          c,
          title,
          partner,
          form.render(c, partner, {
            values: sent,
            base,
            errors: inputErrors(errors, form.inputs, prefix),
            version,
            submit: commonMessages[locale].save,
          }),
          status,
        );
      // What the form refuses (a place it does not know) beside the schema's refusals: all at once.
      const checked = patchedPartnerProfile(partner, patch);
      const refused = form.refused?.(c, sent) ?? [];
      if (!checked.success || refused.length > 0) {
        return invalid(
          [...refused, ...(checked.success ? [] : localizeIssues(checked.error.issues, locale))],
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
  }

  editRoutes({
    path: 'profile',
    inputs: partnerProfileInputs,
    listInputs: partnerListInputs,
    kind: 'profile',
    title: (c, partner) => memberMessages[c.get('locale')].editProfileTitle(companyName(partner)),
    stored: (c, partner) => partnerProfileValuesOf(partner, c.get('locale')),
    patch: (_, __, sent) => ({ patch: partnerProfilePatch(sent) }),
    refused: (c, sent) => placeErrors(sent, c.get('locale')),
    render: (c, partner, state) => (
      <form method="post" action={partnerProfilePath(partner.id)} novalidate>
        <FormAlert errors={state.errors} locale={c.get('locale')} />
        <input type="hidden" name="version" value={String(state.version)} />
        <FormBase base={state.base} />
        <PartnerProfileInputs values={state.values} errors={state.errors} locale={c.get('locale')} />
        <button type="submit">{state.submit}</button>
      </form>
    ),
  });

  editRoutes({
    path: 'offers',
    // Last, so an error of a whole list (a topic twice) is the list's, and a row's is the row's.
    inputs: [...offersNeedsInputs, ...offerLists],
    kind: 'offers',
    title: (c, partner) => memberMessages[c.get('locale')].editOffersTitle(companyName(partner)),
    stored: (_, partner) => offersNeedsValuesOf(partner),
    patch: (_, partner, sent) => ({ patch: offersNeedsPatch(partner, sent) }),
    render: (c, partner, state) => (
      <OffersNeedsForm action={partnerOffersPath(partner.id)} locale={c.get('locale')} {...state} />
    ),
  });

  editRoutes({
    path: 'contacts/new',
    inputs: contactInputs,
    kind: 'contact',
    title: (c, partner) => memberMessages[c.get('locale')].newContactTitle(companyName(partner)),
    stored: () => ({ ...newContactValues, language: 'en' }),
    patch: (_, partner, sent) => {
      const { patch, index } = contactPatch(partner, undefined, sent)!;
      return { patch, prefix: `contacts.${index}.` };
    },
    render: (c, partner, state) => (
      <ContactForm action={partnerContactPath(partner.id)} locale={c.get('locale')} {...state} />
    ),
  });

  /** The live contact the path names, or a 404. */
  const contactOf = (c: Ctx, partner: Partner) => {
    const contact = partner.contacts.find((one) => one.id === c.req.param('contactId') && !one.erasedAt);
    if (!contact)
      throw new NotFoundError(`Partner ${partner.id} has no contact ${c.req.param('contactId')}.`);
    return contact;
  };

  editRoutes({
    path: `contacts/${contactParam}`,
    inputs: contactInputs,
    kind: 'contact',
    title: (c, partner) =>
      memberMessages[c.get('locale')].editContactTitle(contactOf(c, partner).name, companyName(partner)),
    stored: (c, partner) => contactValuesOf(contactOf(c, partner)),
    patch: (c, partner, sent) => {
      const { patch, index } = contactPatch(partner, contactOf(c, partner).id, sent)!;
      return { patch, prefix: `contacts.${index}.` };
    },
    render: (c, partner, state) => (
      <ContactForm
        action={partnerContactPath(partner.id, contactOf(c, partner).id)}
        locale={c.get('locale')}
        {...state}
      />
    ),
  });

  /**
   * Removing a contact: the contacts as stored less that one, written as the API's PATCH writes them,
   * at the version the record showed, once confirmed (where script does not run, on a page that asks).
   * A partner changed since gets the conflict page, with the button again at its current version.
   */
  app.post(`${partnersPath}/:id/contacts/${contactParam}/remove`, async (c) => {
    const locale = c.get('locale');
    const m = memberMessages[locale];
    const common = commonMessages[locale];
    const body = await c.req.parseBody({ all: true });
    const version = requiredFormVersion(body.version, 'partner');
    const partner = await editable(c, true);
    const contact = contactOf(c, partner);
    const action = `${partnerContactPath(partner.id, contact.id)}/remove`;
    const title = m.removeContactTitle(contact.name, companyName(partner));
    const removeForm = (at: number) => (
      <form method="post" action={action}>
        <input type="hidden" name="version" value={String(at)} />
        <button type="submit" class="secondary" data-confirm={m.confirmRemoveContact(contact.name)}>
          {m.removeContact(contact.name)}
        </button>
      </form>
    );
    const conflict = async (current: Partner) =>
      page(
        c,
        title,
        current,
        <section aria-labelledby="conflict-title">
          <h2 id="conflict-title" tabindex={-1} data-focus>
            {common.conflictTitle}
          </h2>
          <p role="alert">{common.conflict}</p>
          {await lastChange(c, current.id)}
          {removeForm(current.version)}
        </section>,
        412,
      );
    if (version !== partner.version) return conflict(partner);
    if (!wasConfirmed(body)) {
      return page(
        c,
        title,
        partner,
        <ConfirmFirst
          question={m.confirmRemoveContact(contact.name)}
          action={action}
          fields={{ version: String(version) }}
          yes={m.removeContact(contact.name)}
          back={{ href: `${partnersPath}/${partner.id}#contacts`, label: common.cancel }}
        />,
      );
    }
    const patch = { contacts: contactInputsOf(partner.contacts).filter((kept) => kept.id !== contact.id) };
    try {
      await service.patch(partner.id, patch, actorOf(c.get('principal')), version);
    } catch (error) {
      if (error instanceof PreconditionFailedError) return conflict(await editable(c, true));
      throw error;
    }
    return c.redirect(`${partnersPath}/${partner.id}?removed#done`, 303);
  });

  return app;
}
