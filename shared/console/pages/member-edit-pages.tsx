import { type Context, Hono } from 'hono';
import type { Child } from 'hono/jsx';
import {
  ConflictError,
  NotFoundError,
  PreconditionFailedError,
  ValidationError,
} from '../../domain/errors.ts';
import type { Member } from '../../domain/member-schema.ts';
import { actorOf } from '../../members/actor.ts';
import { editMember } from '../../members/member-patch.ts';
import { patchedProfile } from '../../members/member-state.ts';
import type { ConsoleEnv } from '../console-env.ts';
import { commonMessages } from '../i18n/common-messages.ts';
import { localizeIssues } from '../i18n/zod-messages.ts';
import { ConflictComparison, ContactForm, ProfileForm } from './member-form-views.tsx';
import {
  contactInputs,
  contactPatch,
  contactValuesOf,
  type FormValues,
  inputErrors,
  type PostedBody,
  profileInputs,
  profilePatch,
  profileValuesOf,
  valuesFrom,
} from './member-forms.ts';
import { memberMessages } from './member-messages.ts';
import { recordPath } from './member-parts.tsx';
import {
  contactParam,
  type MemberRecordServices,
  memberAsSeen,
  recordRoute,
} from './member-record-services.ts';

type Ctx = Context<ConsoleEnv>;

/**
 * The record's edits, the profile and one contact at a time: each form carries the version it was
 * filled from, is checked against the API's schema (each error beside its input, in the reader's
 * language, nothing written) and written as `PATCH /v1/members/{id}` writes, at that version; a member
 * changed since is a 412 page with what is stored now and the form again at the current version.
 */
export function memberEditPages(services: MemberRecordServices) {
  const app = new Hono<ConsoleEnv>();
  const editing = { members: services.service, accounts: services.accounts };

  /** An edit page: the form, and above it what went wrong, with the status that says it. */
  const editPage = (
    c: Ctx,
    title: string,
    memberId: string,
    body: Child,
    status: 200 | 409 | 412 | 422 = 200,
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
  const conflictBody = (c: Ctx, comparison: Child, form: Child, memberId: string) => {
    const locale = c.get('locale');
    const common = commonMessages[locale];
    const m = memberMessages[locale];
    return (
      <>
        <section aria-labelledby="conflict-title">
          <h2 id="conflict-title">{common.conflictTitle}</h2>
          <p role="alert">
            {common.conflict} {m.conflictNothingWritten}
          </p>
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
  ) {
    try {
      await editMember(editing, id, patch, actorOf(c.get('principal')), () => version);
    } catch (error) {
      if (error instanceof PreconditionFailedError)
        return answers.conflict(await memberAsSeen(c, services, id, true));
      if (error instanceof ValidationError) {
        return answers.invalid(
          error.errors.map((e) => [e.path, e.message] as const),
          422,
        );
      }
      if (error instanceof ConflictError && error.field)
        return answers.invalid([[error.field, error.message]], 409);
      throw error;
    }
    return c.redirect(`${recordPath(id)}?saved`, 303);
  }

  const versionOf = (body: PostedBody) => {
    const sent = body.version;
    return typeof sent === 'string' && /^\d{1,9}$/.test(sent) ? Number(sent) : 0;
  };

  app.get(`${recordRoute}/profile`, async (c) => {
    const member = await memberAsSeen(c, services, c.req.param('id'));
    const locale = c.get('locale');
    const m = memberMessages[locale];
    return editPage(
      c,
      m.editProfileTitle(member.name),
      member.id,
      <ProfileForm
        member={member}
        values={profileValuesOf(member)}
        errors={new Map()}
        version={member.version}
        locale={locale}
        submit={commonMessages[locale].save}
      />,
    );
  });

  app.post(`${recordRoute}/profile`, async (c) => {
    const id = c.req.param('id');
    const locale = c.get('locale');
    const m = memberMessages[locale];
    const body = await c.req.parseBody({ all: true });
    const sent = valuesFrom(body, profileInputs);
    const version = versionOf(body);
    const member = await memberAsSeen(c, services, id, true);
    const title = m.editProfileTitle(member.name);
    const form = (values: FormValues, errors: Map<string, string>, at: number, submit: string) => (
      <ProfileForm
        member={member}
        values={values}
        errors={errors}
        version={at}
        locale={locale}
        submit={submit}
      />
    );
    const conflict = (current: Member) =>
      editPage(
        c,
        title,
        id,
        conflictBody(
          c,
          <ConflictComparison
            inputs={profileInputs}
            sent={sent}
            stored={profileValuesOf(current)}
            locale={locale}
          />,
          form(sent, new Map(), current.version, m.reapply),
          id,
        ),
        412,
      );
    if (version !== member.version) return conflict(member);
    const patch = profilePatch(member, sent);
    const invalid = (errors: Iterable<readonly [string, string]>, status: 409 | 422) =>
      editPage(
        c,
        title,
        id,
        form(sent, inputErrors(errors, profileInputs), version, commonMessages[locale].save),
        status,
      );
    const checked = patchedProfile(member, patch);
    if (!checked.success) return invalid(localizeIssues(checked.error.issues, locale), 422);
    return write(c, id, patch, version, { conflict, invalid });
  });

  const liveContact = (member: Member, id: string) => {
    const contact = member.contacts.find((c) => c.id === id && !c.erasedAt);
    if (!contact) throw new NotFoundError(`Member ${member.id} has no contact ${id}.`);
    return contact;
  };

  app.get(`${recordRoute}/contacts/${contactParam}`, async (c) => {
    const member = await memberAsSeen(c, services, c.req.param('id'));
    const contact = liveContact(member, c.req.param('contactId'));
    const locale = c.get('locale');
    return editPage(
      c,
      memberMessages[locale].editContactTitle(contact.name, member.name),
      member.id,
      <ContactForm
        memberId={member.id}
        contactId={contact.id}
        values={contactValuesOf(contact)}
        errors={new Map()}
        version={member.version}
        locale={locale}
        submit={commonMessages[locale].save}
      />,
    );
  });

  app.post(`${recordRoute}/contacts/${contactParam}`, async (c) => {
    const id = c.req.param('id');
    const locale = c.get('locale');
    const m = memberMessages[locale];
    const body = await c.req.parseBody({ all: true });
    const sent = valuesFrom(body, contactInputs);
    const version = versionOf(body);
    const member = await memberAsSeen(c, services, id, true);
    const contact = liveContact(member, c.req.param('contactId'));
    const title = m.editContactTitle(contact.name, member.name);
    const form = (values: FormValues, errors: Map<string, string>, at: number, submit: string) => (
      <ContactForm
        memberId={id}
        contactId={contact.id}
        values={values}
        errors={errors}
        version={at}
        locale={locale}
        submit={submit}
      />
    );
    const conflict = (current: Member) =>
      editPage(
        c,
        title,
        id,
        conflictBody(
          c,
          <ConflictComparison
            inputs={contactInputs}
            sent={sent}
            stored={contactValuesOf(liveContact(current, contact.id))}
            locale={locale}
          />,
          form(sent, new Map(), current.version, m.reapply),
          id,
        ),
        412,
      );
    if (version !== member.version) return conflict(member);
    const edit = contactPatch(member, contact.id, sent);
    if (!edit) throw new NotFoundError(`Member ${id} has no contact ${contact.id}.`);
    const prefix = `contacts.${edit.index}.`;
    const invalid = (errors: Iterable<readonly [string, string]>, status: 409 | 422) =>
      editPage(
        c,
        title,
        id,
        form(sent, inputErrors(errors, contactInputs, prefix), version, commonMessages[locale].save),
        status,
      );
    const checked = patchedProfile(member, edit.patch);
    if (!checked.success) return invalid(localizeIssues(checked.error.issues, locale), 422);
    return write(c, id, edit.patch, version, { conflict, invalid });
  });

  return app;
}
