import { type Context, Hono } from 'hono';
import type { Child } from 'hono/jsx';
import {
  ConflictError,
  NotFoundError,
  PreconditionFailedError,
  ValidationError,
} from '../../../domain/errors.ts';
import { heldReason } from '../../../domain/issue-rules.ts';
import { type Member, memberCreateSchema } from '../../../domain/member-schema.ts';
import { unassessedTier } from '../../../domain/tiers.ts';
import { actorOf } from '../../../members/actor.ts';
import { editMember } from '../../../members/member-patch.ts';
import { contactInputsOf, patchedProfile } from '../../../members/member-state.ts';
import { ConfirmFirst, wasConfirmed } from '../../components/confirm-first.tsx';
import { changedFromBase, ownEditsOver, postedBase } from '../../components/form-base.tsx';
import type { FormValues, PostedBody } from '../../components/form-fields.tsx';
import { requiredFormVersion } from '../../components/form-fields.tsx';
import type { ConsoleEnv } from '../../console-env.ts';
import { commonMessages } from '../../i18n/common-messages.ts';
import { formatDateTime } from '../../i18n/format.ts';
import type { Locale } from '../../i18n/locales.ts';
import { roleName } from '../../i18n/role-names.ts';
import { localizeFieldErrors, localizeIssues, localizeReason } from '../../i18n/zod-messages.ts';
import type { StaffRoster } from '../../staff-roster.ts';
import { contactParam } from '../route-patterns.ts';
import {
  ConflictComparison,
  ContactForm,
  newMemberPath,
  OffersNeedsForm,
  ProfileForm,
} from './member-form-views.tsx';
import {
  contactInputs,
  contactPatch,
  contactValuesOf,
  inputErrors,
  memberValuesFrom,
  newContactValues,
  newMemberBody,
  newMemberValues,
  offerLists,
  offersNeedsInputs,
  offersNeedsPatch,
  offersNeedsValuesOf,
  placeErrors,
  profileInputs,
  profilePatch,
  profileValuesOf,
} from './member-forms.ts';
import { memberMessages } from './member-messages.ts';
import { recordPath } from './member-parts.tsx';
import { type MemberEditServices, memberAsSeen, memberIdOf, recordRoute } from './member-record-services.ts';

type Ctx = Context<ConsoleEnv>;

/**
 * Why the members' service refused a write, beside the input it concerns: an entry only a write can
 * judge (422), a tax id or address another company holds (409, the uniqueness guards name the field).
 */
function refusalOf(
  error: unknown,
  locale: Locale,
): [errors: Iterable<readonly [string, string]>, status: 409 | 422] | undefined {
  if (error instanceof ValidationError) return [localizeFieldErrors(error.errors, locale), 422];
  if (error instanceof ConflictError && error.field) {
    const held = heldReason(error);
    return [[[error.field, (held && localizeReason(held, locale)) ?? error.message]], 409];
  }
  return undefined;
}

/**
 * A form's errors: its own refusals first (a place typed by a name it does not know is said so, not as
 * a code the schema refuses), then the schema's.
 */
const entryErrors = (
  refused: [string, string][],
  issues: Parameters<typeof localizeIssues>[0] | undefined,
  locale: Locale,
) => [...refused, ...(issues ? localizeIssues(issues, locale) : [])];

interface FormState {
  values: FormValues;
  /** What an edit form was filled from (components/form-base.tsx). */
  base?: FormValues | undefined;
  errors: Map<string, string>;
  version: number;
  submit: string;
}

/** Where the record opens after a form's save: at its notice (`#done`), above the section the form edits. */
const savedAt = {
  profile: '?saved',
  offers: '?saved=offers',
  contact: '?saved=contacts',
} as const;

/** One of the record's edit forms: what it shows, what it reads back, and the patch it makes. */
interface EditForm {
  kind: 'profile' | 'contact' | 'offers';
  /** Under the record's path. */
  path: string;
  /** Every name the form may post. */
  inputs: readonly string[];
  title: (c: Ctx, member: Member) => string;
  /** What the form shows of `member` as stored; a 404 for a part the member does not have. */
  stored: (c: Ctx, member: Member) => FormValues;
  /** The merge patch of what was sent, and the path its issues carry before an input's name. */
  patch: (c: Ctx, member: Member, sent: FormValues) => { patch: Record<string, unknown>; prefix?: string };
  render: (c: Ctx, member: Member, state: FormState) => Child;
  /** What the form refuses of what was sent before the schema sees it (a place it does not know). */
  refused?: (c: Ctx, sent: FormValues) => [string, string][];
  /**
   * Where what the form edits is gone from the member since it was read (a removed contact): the page
   * that offers what was entered instead (not found, as the API says).
   */
  gone?: (
    c: Ctx,
    member: Member,
    sent: FormValues,
    base: FormValues | undefined,
  ) => { title: string; body: Child } | undefined;
}

/**
 * The record's edits (the profile, its offers and needs, a contact, a contact to add): each form carries the version it was
 * filled from, is checked against the API's schema (each error beside its input, in the reader's
 * language, nothing written) and written as `PATCH /v1/members/{id}` writes, at that version; a member
 * changed since is a 412 page with what is stored now and the form again at the current version.
 */
export function memberEditPages(services: MemberEditServices, roster: StaffRoster) {
  const app = new Hono<ConsoleEnv>();
  const editing = { members: services.service, accounts: services.accounts };

  /** Who changed the member last, in which role, and when, as its history says: the conflict page names them. */
  const lastChange = async (c: Ctx, id: string): Promise<Child> => {
    // Consistent: the write that made this a conflict may be a moment old.
    const [history, staff] = await Promise.all([
      services.service.history(id, 1, undefined, { consistent: true }),
      roster.read(),
    ]);
    const entry = history.items[0];
    if (!entry) return null;
    const locale = c.get('locale');
    const m = memberMessages[locale];
    const { sub, role } = entry.actor;
    const when = formatDateTime(locale, entry.at);
    // The "someone else" of a conflict is often the same person in another tab.
    if (sub === c.get('session').sub) return <p>{m.lastChangedByYou(when)}</p>;
    const by = staff.has(sub) ? `${staff.nameOf(sub)} (${roleName(locale, role)})` : roleName(locale, role);
    return <p>{m.lastChanged(by, when)}</p>;
  };

  /** An edit page: the form, and above it what went wrong, with the status that says it. */
  const editPage = (
    c: Ctx,
    title: string,
    memberId: string,
    body: Child,
    status: 200 | 404 | 409 | 412 | 422 = 200,
  ) => {
    c.status(status);
    return c.render(
      <article>
        <hgroup>
          <h1>{title}</h1>
          <p>
            <a href={recordPath(memberId)}>{memberMessages[c.get('locale')].backToRecord}</a>
          </p>
        </hgroup>
        {body}
      </article>,
      { title, section: 'members' },
    );
  };

  /** Someone else changed the member since the form was filled: nothing was written. */
  const conflictBody = async (c: Ctx, comparison: Child, form: Child, memberId: string) => {
    const locale = c.get('locale');
    const common = commonMessages[locale];
    const m = memberMessages[locale];
    const changed = await lastChange(c, memberId);
    return (
      <>
        <section aria-labelledby="conflict-title">
          <h2 id="conflict-title" tabindex={-1} data-focus>
            {common.conflictTitle}
          </h2>
          <p role="alert">
            {common.conflict} {comparison ? m.conflictOwnEdits : null}
          </p>
          {changed}
          {comparison}
          <p>
            <a href={recordPath(memberId)}>{common.reload}</a>
          </p>
        </section>
        <section aria-labelledby="reapply-title">
          <h2 id="reapply-title">{m.reapply}</h2>
          {form}
        </section>
      </>
    );
  };

  /**
   * Writes `patch` at `version` and redirects to the record, or answers why not: the member changed
   * since (412), an entry the service refuses (422), an address or tax id another member holds (409).
   */
  async function write(
    c: Ctx,
    id: string,
    patch: Record<string, unknown>,
    version: number,
    answers: {
      conflict: (current: Member) => Response | Promise<Response>;
      invalid: (
        errors: Iterable<readonly [string, string]>,
        status: 409 | 422,
      ) => Response | Promise<Response>;
    },
    done: string,
    before: Member,
  ) {
    let after: Member;
    try {
      after = await editMember(editing, id, patch, actorOf(c.get('principal')), () => version);
    } catch (error) {
      if (error instanceof PreconditionFailedError)
        return answers.conflict(await memberAsSeen(c, services, id, true));
      const refused = refusalOf(error, c.get('locale'));
      if (refused) return answers.invalid(...refused);
      throw error;
    }
    // A save that moved the member to another tier (the revenue entered) says from which one.
    const tierWas =
      after.tier === before.tier ? '' : `&tierWas=${encodeURIComponent(before.tier ?? unassessedTier)}`;
    return c.redirect(`${recordPath(id)}${done}${tierWas}#done`, 303);
  }

  /**
   * A new member from the profile form, checked by the schema `POST /v1/members` takes and written by
   * the service it calls: its record next, where its contacts are added.
   */
  const newMemberPage = (c: Ctx, state: Omit<FormState, 'version'>, status: 200 | 409 | 422 = 200) => {
    const locale = c.get('locale');
    const m = memberMessages[locale];
    c.status(status);
    return c.render(
      <article>
        <hgroup>
          <h1>{m.newMemberTitle}</h1>
          <p>
            <a href="/console/members">{commonMessages[locale].members}</a>
          </p>
        </hgroup>
        <p>{m.newMemberHint}</p>
        <ProfileForm locale={locale} version={0} {...state} />
      </article>,
      { title: m.newMemberTitle, section: 'members' },
    );
  };

  app.get(newMemberPath, (c) =>
    newMemberPage(c, {
      values: newMemberValues(c.get('locale')),
      errors: new Map(),
      submit: memberMessages[c.get('locale')].createMember,
    }),
  );

  app.post(newMemberPath, async (c) => {
    const locale = c.get('locale');
    const sent = memberValuesFrom(await c.req.parseBody({ all: true }), profileInputs);
    const invalid = (errors: Iterable<readonly [string, string]>, status: 409 | 422) =>
      newMemberPage(
        c,
        {
          values: sent,
          errors: inputErrors(errors, profileInputs),
          submit: memberMessages[locale].createMember,
        },
        status,
      );
    const checked = memberCreateSchema.safeParse(newMemberBody(sent));
    const refused = placeErrors(sent, locale);
    if (!checked.success || refused.length > 0)
      return invalid(entryErrors(refused, checked.error?.issues, locale), 422);
    try {
      const member = await services.service.create(checked.data, actorOf(c.get('principal')));
      return c.redirect(`${recordPath(member.id)}?created#done`, 303);
    } catch (error) {
      const refused = refusalOf(error, locale);
      if (refused) return invalid(...refused);
      throw error;
    }
  });

  const versionOf = (body: PostedBody) => requiredFormVersion(body.version, 'member');

  /** The GET that shows a form filled from the member, and the POST that writes it. */
  function editRoutes(form: EditForm) {
    const path = `${recordRoute}/${form.path}`;
    app.get(path, async (c) => {
      const member = await memberAsSeen(c, services, memberIdOf(c));
      const locale = c.get('locale');
      const stored = form.stored(c, member);
      const props = { values: stored, base: stored, errors: new Map(), version: member.version };
      return editPage(
        c,
        form.title(c, member),
        member.id,
        form.render(c, member, { ...props, submit: commonMessages[locale].save }),
      );
    });

    app.post(path, async (c) => {
      const id = memberIdOf(c);
      const locale = c.get('locale');
      const m = memberMessages[locale];
      const body = await c.req.parseBody({ all: true });
      const sent = memberValuesFrom(body, form.inputs);
      const base = postedBase(body);
      const version = versionOf(body);
      const member = await memberAsSeen(c, services, id, true);
      // Gone since the form was read, or while it was being written.
      const gone = (current: Member) => {
        const page = form.gone?.(c, current, sent, base);
        return page && editPage(c, page.title, id, page.body, 404);
      };
      const goneNow = gone(member);
      if (goneNow) return goneNow;
      const title = form.title(c, member);
      // What this user changed, over what is stored now: nothing they left as it was is written back.
      const conflict = async (current: Member) => {
        const goneThen = gone(current);
        if (goneThen) return goneThen;
        const now = form.stored(c, current);
        const merged = ownEditsOver(form.inputs, sent, base, now);
        const changed = changedFromBase(form.inputs, sent, base);
        return editPage(
          c,
          title,
          id,
          await conflictBody(
            c,
            <ConflictComparison
              inputs={form.inputs}
              form={form.kind}
              sent={merged}
              base={base}
              stored={now}
              changed={changed}
              locale={locale}
            />,
            form.render(c, current, {
              values: merged,
              base: now,
              errors: new Map(),
              version: current.version,
              submit: m.reapply,
            }),
            id,
          ),
          412,
        );
      };
      const { patch, prefix } = form.patch(c, member, sent);
      // Authorized first, as the API's PATCH is: a caller refused (staff reinstating a resigned member)
      // gets the same 403 whatever version the form carries and whatever it entered.
      await editing.members.authorizePatch(id, patch, actorOf(c.get('principal')));
      if (version !== member.version) return conflict(member);
      const invalid = (errors: Iterable<readonly [string, string]>, status: 409 | 422) =>
        editPage(
          c,
          title,
          id,
          form.render(c, member, {
            values: sent,
            base,
            errors: inputErrors(errors, form.inputs, prefix),
            version,
            submit: commonMessages[locale].save,
          }),
          status,
        );
      const checked = patchedProfile(member, patch);
      const refused = form.refused?.(c, sent) ?? [];
      if (!checked.success || refused.length > 0)
        return invalid(entryErrors(refused, checked.error?.issues, locale), 422);
      return write(c, id, patch, version, { conflict, invalid }, savedAt[form.kind], member);
    });
  }

  const contactIn = (c: Ctx, member: Member) =>
    member.contacts.find((contact) => contact.id === c.req.param('contactId') && !contact.erasedAt);
  const contactOf = (c: Ctx, member: Member) => {
    const contact = contactIn(c, member);
    if (!contact) throw new NotFoundError(`Member ${member.id} has no contact ${c.req.param('contactId')}.`);
    return contact;
  };

  editRoutes({
    kind: 'profile',
    path: 'profile',
    inputs: profileInputs,
    title: (c, member) => memberMessages[c.get('locale')].editProfileTitle(member.name),
    stored: (c, member) => profileValuesOf(member, c.get('locale')),
    patch: (_, member, sent) => ({ patch: profilePatch(member, sent) }),
    refused: (c, sent) => placeErrors(sent, c.get('locale')),
    render: (c, member, props) => <ProfileForm member={member} locale={c.get('locale')} {...props} />,
  });

  editRoutes({
    kind: 'offers',
    path: 'offers',
    // Last, so an error of a whole list (a topic twice) is the list's, and a row's is the row's.
    inputs: [...offersNeedsInputs, ...offerLists],
    title: (c, member) => memberMessages[c.get('locale')].editOffersTitle(member.name),
    stored: (_, member) => offersNeedsValuesOf(member),
    patch: (_, member, sent) => ({ patch: offersNeedsPatch(member, sent) }),
    render: (c, member, props) => (
      <OffersNeedsForm action={`${recordPath(member.id)}/offers`} locale={c.get('locale')} {...props} />
    ),
  });

  editRoutes({
    kind: 'contact',
    path: 'contacts/new',
    inputs: contactInputs,
    title: (c, member) => memberMessages[c.get('locale')].newContactTitle(member.name),
    stored: () => newContactValues,
    patch: (_, member, sent) => {
      const { patch, index } = contactPatch(member, undefined, sent)!;
      return { patch, prefix: `contacts.${index}.` };
    },
    render: (c, member, props) => (
      <ContactForm action={`${recordPath(member.id)}/contacts/new`} locale={c.get('locale')} {...props} />
    ),
  });

  editRoutes({
    kind: 'contact',
    path: `contacts/${contactParam}`,
    inputs: contactInputs,
    title: (c, member) =>
      memberMessages[c.get('locale')].editContactTitle(contactOf(c, member).name, member.name),
    stored: (c, member) => contactValuesOf(contactOf(c, member)),
    // Removed meanwhile: what was entered, offered as a new contact. Only a form the page filled from
    // the contact carries its base, so an id the member never had is not found, as its page is.
    gone: (c, member, sent, base) => {
      if (contactIn(c, member) || !base) return undefined;
      const locale = c.get('locale');
      const m = memberMessages[locale];
      return {
        title: m.newContactTitle(member.name),
        body: (
          <>
            <p role="alert">{m.contactGone}</p>
            <ContactForm
              action={`${recordPath(member.id)}/contacts/new`}
              locale={locale}
              values={sent}
              base={newContactValues}
              errors={new Map()}
              version={member.version}
              submit={m.addContact}
            />
          </>
        ),
      };
    },
    patch: (c, member, sent) => {
      const edit = contactPatch(member, contactOf(c, member).id, sent);
      if (!edit) throw new NotFoundError(`Member ${member.id} has no contact ${c.req.param('contactId')}.`);
      return { patch: edit.patch, prefix: `contacts.${edit.index}.` };
    },
    render: (c, member, props) => (
      <ContactForm
        action={`${recordPath(member.id)}/contacts/${contactOf(c, member).id}`}
        locale={c.get('locale')}
        {...props}
      />
    ),
  });

  /**
   * Removing a contact: the contacts as stored less that one, written as the API's PATCH writes them
   * (an account of the contact is revoked, the history keeps the change), at the version the record
   * showed, once confirmed (where script does not run, on a page that asks). A member changed since
   * gets the conflict page, with the button again at its current version.
   */
  app.post(`${recordRoute}/contacts/${contactParam}/remove`, async (c) => {
    const id = memberIdOf(c);
    const locale = c.get('locale');
    const m = memberMessages[locale];
    const body = await c.req.parseBody({ all: true });
    const version = versionOf(body);
    const member = await memberAsSeen(c, services, id, true);
    const contact = contactOf(c, member);
    const patch = { contacts: contactInputsOf(member.contacts).filter((kept) => kept.id !== contact.id) };
    await editing.members.authorizePatch(id, patch, actorOf(c.get('principal')));
    const title = m.removeContactTitle(contact.name, member.name);
    const removeForm = (at: number) => (
      <form method="post" action={`${recordPath(id)}/contacts/${contact.id}/remove`}>
        <input type="hidden" name="version" value={String(at)} />
        <button type="submit" class="secondary" data-confirm={m.confirmRemoveContact(contact.name)}>
          {m.removeContact(contact.name)}
        </button>
      </form>
    );
    const conflict = async (current: Member) =>
      editPage(c, title, id, await conflictBody(c, null, removeForm(current.version), id), 412);
    if (version !== member.version) return conflict(member);
    const invalid = (errors: Iterable<readonly [string, string]>, status: 409 | 422) =>
      editPage(
        c,
        title,
        id,
        <>
          <ul role="alert">
            {[...errors].map(([, message]) => (
              <li>{message}</li>
            ))}
          </ul>
          {removeForm(version)}
        </>,
        status,
      );
    if (!wasConfirmed(body)) {
      return editPage(
        c,
        title,
        id,
        <ConfirmFirst
          question={m.confirmRemoveContact(contact.name)}
          action={`${recordPath(id)}/contacts/${contact.id}/remove`}
          fields={{ version: String(version) }}
          yes={m.removeContact(contact.name)}
          back={{ href: `${recordPath(id)}#contacts`, label: commonMessages[locale].cancel }}
        />,
      );
    }
    return write(c, id, patch, version, { conflict, invalid }, '?removed', member);
  });

  return app;
}
