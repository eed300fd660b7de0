import { type Context, Hono } from 'hono';
import { NotFoundError } from '../../../domain/errors.ts';
import { type Member, memberCreateSchema } from '../../../domain/member-schema.ts';
import { unassessedTier } from '../../../domain/tiers.ts';
import { actorOf } from '../../../members/actor.ts';
import { editMember } from '../../../members/member-patch.ts';
import { patchedProfile } from '../../../members/member-state.ts';
import type { FormState } from '../../components/form-fields.tsx';
import type { ConsoleEnv } from '../../console-env.ts';
import { commonMessages } from '../../i18n/common-messages.ts';
import type { StaffRoster } from '../../staff-roster.ts';
import { contactGone, contactIn, entryErrors, recordEdits, refusalOf } from '../record-edits.tsx';
import { contactParam } from '../route-patterns.ts';
import { ContactForm, newMemberPath, OffersNeedsForm, ProfileForm } from './member-form-views.tsx';
import {
  contactInputs,
  contactPatch,
  contactValuesOf,
  inputErrors,
  memberListInputs,
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

/** Where the record opens after a form's save: at its notice (`#done`), above the section the form edits. */
const savedAt = {
  profile: '?saved',
  offers: '?saved=offers',
  contact: '?saved=contacts',
} as const;

/**
 * The record's edits (the profile, its offers and needs, a contact, a contact to add): each form carries the version it was
 * filled from, is checked against the API's schema (each error beside its input, in the reader's
 * language, nothing written) and written as `PATCH /v1/members/{id}` writes, at that version; a member
 * changed since is a 412 page with what is stored now and the form again at the current version.
 */
export function memberEditPages(services: MemberEditServices, roster: StaffRoster) {
  const app = new Hono<ConsoleEnv>();
  const editing = { members: services.service, accounts: services.accounts };

  const edits = recordEdits<Member>(app, {
    route: recordRoute,
    what: 'member',
    read: (c, consistent) => memberAsSeen(c, services, memberIdOf(c), consistent),
    check: patchedProfile,
    // As the API's PATCH is: a caller refused (staff reinstating a resigned member) gets the same 403
    // whatever version the form carries and whatever it entered.
    authorize: (c, member, patch) =>
      editing.members.authorizePatch(member.id, patch, actorOf(c.get('principal'))),
    write: async (c, before, patch, version, done) => {
      const after = await editMember(editing, before.id, patch, actorOf(c.get('principal')), () => version);
      // A save that moved the member to another tier (the revenue entered) says from which one.
      const tierWas =
        after.tier === before.tier ? '' : `&tierWas=${encodeURIComponent(before.tier ?? unassessedTier)}`;
      return `${recordPath(before.id)}${done}${tierWas}#done`;
    },
    // Consistent: the write that made this a conflict may be a moment old.
    lastChange: async (id) =>
      (await services.service.history(id, 1, undefined, { consistent: true })).items[0],
    roster,
    recordHref: recordPath,
    backLabel: (locale) => memberMessages[locale].backToRecord,
    section: 'members',
  });

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

  const contactOf = (c: Ctx, member: Member) => {
    const contact = contactIn(c, member);
    if (!contact) throw new NotFoundError(`Member ${member.id} has no contact ${c.req.param('contactId')}.`);
    return contact;
  };

  edits.form({
    kind: 'profile',
    saved: savedAt.profile,
    path: 'profile',
    inputs: profileInputs,
    listInputs: memberListInputs,
    title: (c, member) => memberMessages[c.get('locale')].editProfileTitle(member.name),
    stored: (c, member) => profileValuesOf(member, c.get('locale')),
    patch: (_, member, sent) => ({ patch: profilePatch(member, sent) }),
    refused: (c, sent) => placeErrors(sent, c.get('locale')),
    render: (c, member, props) => <ProfileForm member={member} locale={c.get('locale')} {...props} />,
  });

  edits.form({
    kind: 'offers',
    saved: savedAt.offers,
    path: 'offers',
    // Last, so an error of a whole list (a topic twice) is the list's, and a row's is the row's.
    inputs: [...offersNeedsInputs, ...offerLists],
    listInputs: memberListInputs,
    title: (c, member) => memberMessages[c.get('locale')].editOffersTitle(member.name),
    stored: (_, member) => offersNeedsValuesOf(member),
    patch: (_, member, sent) => ({ patch: offersNeedsPatch(member, sent) }),
    render: (c, member, props) => (
      <OffersNeedsForm action={`${recordPath(member.id)}/offers`} locale={c.get('locale')} {...props} />
    ),
  });

  edits.form({
    kind: 'contact',
    saved: savedAt.contact,
    path: 'contacts/new',
    inputs: contactInputs,
    listInputs: memberListInputs,
    title: (c, member) => memberMessages[c.get('locale')].newContactTitle(member.name),
    stored: (_, member) => newContactValues(member),
    patch: (_, member, sent) => {
      const { patch, index } = contactPatch(member, undefined, sent)!;
      return { patch, prefix: `contacts.${index}.` };
    },
    render: (c, member, props) => (
      <ContactForm action={`${recordPath(member.id)}/contacts/new`} locale={c.get('locale')} {...props} />
    ),
  });

  edits.form({
    kind: 'contact',
    saved: savedAt.contact,
    path: `contacts/${contactParam}`,
    inputs: contactInputs,
    listInputs: memberListInputs,
    title: (c, member) =>
      memberMessages[c.get('locale')].editContactTitle(contactOf(c, member).name, member.name),
    stored: (c, member) => contactValuesOf(contactOf(c, member)),
    // Removed meanwhile: what was entered, offered as a new contact. Only a form the page filled from
    // the contact carries its base, so an id the member never had is not found, as its page is.
    // Removed meanwhile: what was entered, offered as a new contact.
    gone: contactGone((member) => member.name, recordPath),
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

  edits.contactRemoval({
    contactOf,
    title: (c, member, contact) =>
      memberMessages[c.get('locale')].removeContactTitle(contact.name, member.name),
  });

  return app;
}
