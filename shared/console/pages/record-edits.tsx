import type { Context, Hono } from 'hono';
import type { Child, FC } from 'hono/jsx';
import { ConflictError, PreconditionFailedError, ValidationError } from '../../domain/errors.ts';
import { heldReason } from '../../domain/issue-rules.ts';
import type { Contact } from '../../domain/member-schema.ts';
import type { Actor } from '../../members/actor.ts';
import { contactInputsOf } from '../../members/member-state.ts';
import { ConfirmFirst, wasConfirmed } from '../components/confirm-first.tsx';
import { changedFromBase, ownEditsOver, postedBase } from '../components/form-base.tsx';
import {
  type FormState,
  type FormValues,
  type PostedBody,
  requiredFormVersion,
  valuesFrom,
} from '../components/form-fields.tsx';
import type { ConsoleEnv } from '../console-env.ts';
import { commonMessages } from '../i18n/common-messages.ts';
import { formatDateTime } from '../i18n/format.ts';
import type { Locale } from '../i18n/locales.ts';
import { roleName } from '../i18n/role-names.ts';
import { localizeFieldErrors, localizeIssues, localizeReason } from '../i18n/zod-messages.ts';
import { safeReturnPath } from '../session/session-cookies.ts';
import type { StaffRoster } from '../staff-roster.ts';
import { ConflictComparison, ContactForm } from './member/member-form-views.tsx';
import { inputErrors, newContactValues } from './member/member-forms.ts';
import { memberMessages } from './member/member-messages.ts';
import { contactParam } from './route-patterns.ts';

/**
 * A company record's edit forms (a member's, a partner's): each form carries the version it was
 * filled from and what it was filled from, is checked by the API's schema (each error beside its
 * input, in the reader's language, nothing written) and written as the API's PATCH writes it, at that
 * version; a record changed since is a 412 page naming who changed it, with what changed on both sides
 * and the form again over what is stored now, with only this user's own edits on top.
 */

type Ctx = Context<ConsoleEnv>;
type Issues = Parameters<typeof localizeIssues>[0];
export type Refusal = [errors: Iterable<readonly [string, string]>, status: 409 | 422];

/**
 * Why a service refused a write, beside the input it concerns: an entry only a write can judge (422),
 * a tax id or address another company holds (409, the uniqueness guards name the field).
 */
export function refusalOf(error: unknown, locale: Locale): Refusal | undefined {
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
export const entryErrors = (refused: [string, string][], issues: Issues | undefined, locale: Locale) => [
  ...refused,
  ...(issues ? localizeIssues(issues, locale) : []),
];

/** An edit page's content: its title, the way back to the record, and the form with what it says. */
export const EditArticle: FC<{ title: string; back: { href: string; label: string }; children?: Child }> = ({
  title,
  back,
  children,
}) => (
  <article>
    <hgroup>
      <h1>{title}</h1>
      <p>
        <a href={back.href}>{back.label}</a>
      </p>
    </hgroup>
    {children}
  </article>
);

/** One of a record's edit forms: what it shows, what it reads back, and the patch it makes. */
export interface EditForm<R> {
  kind: 'profile' | 'contact' | 'offers';
  /** What the record's address says once it is saved (`?saved`): which notice it shows, and where. */
  saved: string;
  /** Under the record's route. */
  path: string;
  /** Every name the form may post; those of them that come as lists. */
  inputs: readonly string[];
  listInputs: ReadonlySet<string>;
  title: (c: Ctx, record: R) => string;
  /** What the form shows of the record as stored; a 404 for a part the record does not have. */
  stored: (c: Ctx, record: R) => FormValues;
  /** The merge patch of what was sent, and the path its issues carry before an input's name. */
  patch: (c: Ctx, record: R, sent: FormValues) => { patch: Record<string, unknown>; prefix?: string };
  render: (c: Ctx, record: R, state: FormState) => Child;
  /** What the form refuses of what was sent before the schema sees it (a place it does not know). */
  refused?: (c: Ctx, sent: FormValues) => [string, string][];
  /**
   * Where what the form edits is gone from the record since it was read (a removed contact): the page
   * that offers what was entered instead (not found, as the API says).
   */
  gone?: (
    c: Ctx,
    record: R,
    sent: FormValues,
    base: FormValues | undefined,
  ) => { title: string; body: Child } | undefined;
}

/** How a kind of record is read, checked, written and shown around its forms. */
export interface RecordEdits<R extends { id: string; version: number }> {
  /** The record's route, its id a parameter (`/console/members/:id{…}`). */
  route: string;
  /** What the messages call it: `member`, `partner`. */
  what: string;
  /** The record the route names, as stored (strongly consistent when `consistent`); a 404 if none. */
  read: (c: Ctx, consistent?: boolean) => Promise<R>;
  /** The schema's verdict on the profile `patch` makes of the record's. */
  check: (
    record: R,
    patch: Record<string, unknown>,
  ) => { success: true } | { success: false; error: { issues: Issues } };
  /** Refused before the version is compared, as the API's PATCH is (a 403 whatever the form carries). */
  authorize?: (c: Ctx, record: R, patch: Record<string, unknown>) => Promise<void>;
  /** Writes `patch` at `version`: where the browser goes next, its query starting with `done`. */
  write: (
    c: Ctx,
    record: R,
    patch: Record<string, unknown>,
    version: number,
    done: string,
  ) => Promise<string>;
  /** The newest entry of its history (who changed it last), read consistently. */
  lastChange: (id: string) => Promise<{ at: string; actor: Actor } | undefined>;
  roster: StaffRoster;
  /** The record's page, and the console section it is in. */
  recordHref: (id: string) => string;
  backLabel: (locale: Locale) => string;
  section: 'members' | 'partners';
  /** An input's name on the conflict page where the member forms have no word for it. */
  label?: (name: string, locale: Locale) => string | undefined;
}

/** The live contact a route's `contactId` names, if the record has it. */
export const contactIn = <C extends Pick<Contact, 'id' | 'erasedAt'>>(
  c: Ctx,
  record: { contacts: readonly C[] },
) => record.contacts.find((contact) => contact.id === c.req.param('contactId') && !contact.erasedAt);

/**
 * A contact's form posted after the contact was removed: what was entered, offered as a new contact
 * (not found, as the API says). Only a form the page filled from the contact carries its base, so an id
 * the record never had is simply not found.
 */
export function contactGone<
  R extends { id: string; version: number; contacts: readonly Contact[]; languages: readonly string[] },
>(company: (record: R) => string, recordHref: (id: string) => string): NonNullable<EditForm<R>['gone']> {
  return (c, record, sent, base) => {
    if (contactIn(c, record) || !base) return undefined;
    const locale = c.get('locale');
    const m = memberMessages[locale];
    return {
      title: m.newContactTitle(company(record)),
      body: (
        <>
          <p role="alert">{m.contactGone}</p>
          <ContactForm
            action={`${recordHref(record.id)}/contacts/new`}
            locale={locale}
            values={sent}
            base={newContactValues(record)}
            errors={new Map()}
            version={record.version}
            submit={m.addContact}
            returnTo={returnPathOf(c)}
          />
        </>
      ),
    };
  };
}

/**
 * The page an edit form was opened from (`?back=`), to lead back to: a path of the console only, any
 * other leads back to the record.
 */
function returnPathOf(c: Ctx): string | undefined {
  const back = c.req.query('back');
  return back !== undefined && safeReturnPath(back) === back ? back : undefined;
}

/** Edit pages of one kind of record: the page around a form, the conflict page, and each form's routes. */
export function recordEdits<R extends { id: string; version: number; contacts: readonly Contact[] }>(
  app: Hono<ConsoleEnv>,
  edits: RecordEdits<R>,
) {
  /** An edit page: the form, and above it what went wrong, with the status that says it. */
  const editPage = (
    c: Ctx,
    title: string,
    id: string,
    body: Child,
    status: 200 | 404 | 409 | 412 | 422 = 200,
  ) => {
    c.status(status);
    const returnTo = returnPathOf(c);
    return c.render(
      <EditArticle
        title={title}
        back={
          returnTo
            ? { href: returnTo, label: commonMessages[c.get('locale')].back }
            : { href: edits.recordHref(id), label: edits.backLabel(c.get('locale')) }
        }
      >
        {body}
      </EditArticle>,
      { title, section: edits.section },
    );
  };

  /** Who changed the record last, in which role, and when: the conflict page names them. */
  const lastChange = async (c: Ctx, id: string): Promise<Child> => {
    const [entry, staff] = await Promise.all([edits.lastChange(id), edits.roster.read()]);
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

  /** Someone else changed the record since the form was filled: nothing was written. */
  const conflictBody = async (c: Ctx, comparison: Child, form: Child, id: string) => {
    const locale = c.get('locale');
    const common = commonMessages[locale];
    const m = memberMessages[locale];
    return (
      <>
        <section aria-labelledby="conflict-title">
          <h2 id="conflict-title" tabindex={-1} data-focus>
            {common.conflictTitle}
          </h2>
          <p role="alert">
            {common.conflict} {comparison ? m.conflictOwnEdits : null}
          </p>
          {await lastChange(c, id)}
          {comparison}
          <p>
            <a href={edits.recordHref(id)}>{common.reload}</a>
          </p>
        </section>
        <section aria-labelledby="reapply-title">
          <h2 id="reapply-title">{m.reapply}</h2>
          {form}
        </section>
      </>
    );
  };

  const versionOf = (body: PostedBody) => requiredFormVersion(body.version, edits.what);

  /** The GET that shows a form filled from the record, and the POST that writes it. */
  function form(form: EditForm<R>) {
    const path = `${edits.route}/${form.path}`;
    app.get(path, async (c) => {
      const record = await edits.read(c);
      const stored = form.stored(c, record);
      return editPage(
        c,
        form.title(c, record),
        record.id,
        form.render(c, record, {
          values: stored,
          base: stored,
          errors: new Map(),
          version: record.version,
          returnTo: returnPathOf(c),
          submit: commonMessages[c.get('locale')].save,
        }),
      );
    });

    app.post(path, async (c) => {
      const locale = c.get('locale');
      const body = await c.req.parseBody({ all: true });
      const sent = valuesFrom(body, form.inputs, form.listInputs);
      const base = postedBase(body);
      const version = versionOf(body);
      const record = await edits.read(c, true);
      const id = record.id;
      // Gone since the form was read, or while it was being written.
      const gone = (current: R) => {
        const page = form.gone?.(c, current, sent, base);
        return page && editPage(c, page.title, id, page.body, 404);
      };
      const goneNow = gone(record);
      if (goneNow) return goneNow;
      const title = form.title(c, record);
      // What this user changed, over what is stored now: nothing they left as it was is written back.
      const conflict = async (current: R) => {
        const goneThen = gone(current);
        if (goneThen) return goneThen;
        const now = form.stored(c, current);
        const merged = ownEditsOver(form.inputs, sent, base, now);
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
              changed={changedFromBase(form.inputs, sent, base)}
              locale={locale}
              label={(name) => edits.label?.(name, locale)}
            />,
            form.render(c, current, {
              values: merged,
              base: now,
              errors: new Map(),
              version: current.version,
              returnTo: returnPathOf(c),
              submit: memberMessages[locale].reapply,
            }),
            id,
          ),
          412,
        );
      };
      const { patch, prefix } = form.patch(c, record, sent);
      await edits.authorize?.(c, record, patch);
      if (version !== record.version) return conflict(record);
      const invalid = (errors: Iterable<readonly [string, string]>, status: 409 | 422) =>
        editPage(
          c,
          title,
          id,
          form.render(c, record, {
            values: sent,
            base,
            errors: inputErrors(errors, form.inputs, prefix),
            version,
            returnTo: returnPathOf(c),
            submit: commonMessages[locale].save,
          }),
          status,
        );
      const checked = edits.check(record, patch);
      const refused = form.refused?.(c, sent) ?? [];
      if (!checked.success || refused.length > 0)
        return invalid(entryErrors(refused, checked.success ? undefined : checked.error.issues, locale), 422);
      let next: string;
      try {
        next = await edits.write(c, record, patch, version, form.saved);
      } catch (error) {
        if (error instanceof PreconditionFailedError) return conflict(await edits.read(c, true));
        const refusal = refusalOf(error, locale);
        if (refusal) return invalid(...refusal);
        throw error;
      }
      return c.redirect(returnPathOf(c) ?? next, 303);
    });
  }

  /**
   * Removing a contact: the contacts as stored less that one, written as the API's PATCH writes them
   * (a member's account of the contact is revoked, the history keeps the change), at the version the
   * record showed, once confirmed (where script does not run, on a page that asks). A record changed
   * since gets the conflict page, with the button again at its current version.
   */
  function contactRemoval(removal: {
    /** The live contact the path names, or a 404. */
    contactOf: (c: Ctx, record: R) => Contact;
    title: (c: Ctx, record: R, contact: Contact) => string;
  }) {
    app.post(`${edits.route}/contacts/${contactParam}/remove`, async (c) => {
      const locale = c.get('locale');
      const m = memberMessages[locale];
      const body = await c.req.parseBody({ all: true });
      const version = versionOf(body);
      const record = await edits.read(c, true);
      const { id } = record;
      const contact = removal.contactOf(c, record);
      const patch = { contacts: contactInputsOf(record.contacts).filter((kept) => kept.id !== contact.id) };
      await edits.authorize?.(c, record, patch);
      const title = removal.title(c, record, contact);
      const action = `${edits.recordHref(id)}/contacts/${contact.id}/remove`;
      const removeForm = (at: number) => (
        <form method="post" action={action}>
          <input type="hidden" name="version" value={String(at)} />
          <button type="submit" class="secondary" data-confirm={m.confirmRemoveContact(contact.name)}>
            {m.removeContact(contact.name)}
          </button>
        </form>
      );
      const conflict = async (current: R) =>
        editPage(c, title, id, await conflictBody(c, null, removeForm(current.version), id), 412);
      if (version !== record.version) return conflict(record);
      if (!wasConfirmed(body)) {
        return editPage(
          c,
          title,
          id,
          <ConfirmFirst
            question={m.confirmRemoveContact(contact.name)}
            action={action}
            fields={{ version: String(version) }}
            yes={m.removeContact(contact.name)}
            back={{ href: `${edits.recordHref(id)}#contacts`, label: commonMessages[locale].cancel }}
          />,
        );
      }
      try {
        return c.redirect(await edits.write(c, record, patch, version, '?removed'), 303);
      } catch (error) {
        if (error instanceof PreconditionFailedError) return conflict(await edits.read(c, true));
        const refusal = refusalOf(error, locale);
        if (!refusal) throw error;
        const [errors, status] = refusal;
        return editPage(
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
      }
    });
  }

  return { form, contactRemoval, editPage };
}
