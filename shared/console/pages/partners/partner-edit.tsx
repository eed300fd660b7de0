import { type Context, Hono } from 'hono';
import { ConflictError, NotFoundError } from '../../../domain/errors.ts';
import type { Partner } from '../../../domain/partner-schema.ts';
import { actorOf } from '../../../members/actor.ts';
import type { PartnerRepository } from '../../../partners/partner-repository.ts';
import { PartnerService } from '../../../partners/partner-service.ts';
import { patchedPartnerProfile } from '../../../partners/partner-state.ts';
import type { ConsolePageDeps } from '../../console-deps.ts';
import type { ConsoleEnv } from '../../console-env.ts';
import { companyName } from '../../i18n/names.ts';
import { ContactForm, OffersNeedsForm, VersionedForm } from '../member/member-form-views.tsx';
import {
  contactInputs,
  contactPatch,
  contactValuesOf,
  newContactValues,
  offerLists,
  offersNeedsInputs,
  offersNeedsPatch,
  offersNeedsValuesOf,
  placeErrors,
} from '../member/member-forms.ts';
import { memberMessages } from '../member/member-messages.ts';
import { contactGone, contactIn, recordEdits } from '../record-edits.tsx';
import { contactParam, ulidPattern } from '../route-patterns.ts';
import { partnerContactPath, partnersPath } from './partner-components.tsx';
import {
  PartnerProfileInputs,
  partnerListInputs,
  partnerProfileInputs,
  partnerProfilePatch,
  partnerProfileValuesOf,
} from './partner-form.tsx';
import { partnerMessages } from './partner-messages.ts';

export const partnerProfilePath = (id: string) => `${partnersPath}/${id}/profile`;
export const partnerOffersPath = (id: string) => `${partnersPath}/${id}/offers`;

/**
 * A partner's profile, offers and needs, and contacts, edited as `PATCH /v1/partners/{id}` edits them,
 * through the same service, with the member record's flow (record-edits.tsx): the API's schema, the
 * version the form was filled from, a 412 with this user's own edits over what is stored now. A joined
 * partner is the member's now, and edited there.
 */
export function partnerEditPages(deps: ConsolePageDeps, partners: PartnerRepository) {
  const app = new Hono<ConsoleEnv>();
  const service = new PartnerService({ partners, clock: deps.app.clock, newId: deps.app.newId });

  const edits = recordEdits<Partner>(app, {
    route: `${partnersPath}/:id{${ulidPattern}}`,
    what: 'partner',
    read: async (c, consistent = false) => {
      const partner = await service.get(c.req.param('id') ?? '', { consistent });
      if (partner.joinedAs) {
        throw new ConflictError(
          `The partner joined the association as member ${partner.joinedAs}; change the member.`,
        );
      }
      return partner;
    },
    check: patchedPartnerProfile,
    write: async (c, partner, patch, version, done) => {
      await service.patch(partner.id, patch, actorOf(c.get('principal')), version);
      return `${partnersPath}/${partner.id}${done}#done`;
    },
    // Consistent: the write that made this a conflict may be a moment old.
    lastChange: async (id) => (await partners.history(id, 1, undefined, { consistent: true })).items[0],
    roster: deps.roster,
    recordHref: (id) => `${partnersPath}/${id}`,
    backLabel: (locale) => partnerMessages[locale].backToPartner,
    section: 'partners',
    label: (name, locale) =>
      name === 'latinName' || name === 'notes' ? partnerMessages[locale][name] : undefined,
  });

  edits.form({
    kind: 'profile',
    saved: '?saved',
    path: 'profile',
    inputs: partnerProfileInputs,
    listInputs: partnerListInputs,
    title: (c, partner) => memberMessages[c.get('locale')].editProfileTitle(companyName(partner)),
    stored: (c, partner) => partnerProfileValuesOf(partner, c.get('locale')),
    patch: (_, partner, sent) => ({ patch: partnerProfilePatch(partner, sent) }),
    refused: (c, sent) => placeErrors(sent, c.get('locale')),
    render: (c, partner, state) => (
      <VersionedForm action={partnerProfilePath(partner.id)} locale={c.get('locale')} {...state}>
        <PartnerProfileInputs values={state.values} errors={state.errors} locale={c.get('locale')} />
      </VersionedForm>
    ),
  });

  edits.form({
    kind: 'offers',
    saved: '?saved',
    path: 'offers',
    // Last, so an error of a whole list (a topic twice) is the list's, and a row's is the row's.
    inputs: [...offersNeedsInputs, ...offerLists],
    listInputs: new Set(),
    title: (c, partner) => memberMessages[c.get('locale')].editOffersTitle(companyName(partner)),
    stored: (_, partner) => offersNeedsValuesOf(partner),
    patch: (_, partner, sent) => ({ patch: offersNeedsPatch(partner, sent) }),
    render: (c, partner, state) => (
      <OffersNeedsForm action={partnerOffersPath(partner.id)} locale={c.get('locale')} {...state} />
    ),
  });

  edits.form({
    kind: 'contact',
    saved: '?saved',
    path: 'contacts/new',
    inputs: contactInputs,
    listInputs: new Set(),
    title: (c, partner) => memberMessages[c.get('locale')].newContactTitle(companyName(partner)),
    stored: (_, partner) => newContactValues(partner),
    patch: (_, partner, sent) => {
      const { patch, index } = contactPatch(partner, undefined, sent)!;
      return { patch, prefix: `contacts.${index}.` };
    },
    render: (c, partner, state) => (
      <ContactForm action={partnerContactPath(partner.id)} locale={c.get('locale')} {...state} />
    ),
  });

  /** The live contact the path names, or a 404. */
  const contactOf = (c: Context<ConsoleEnv>, partner: Partner) => {
    const contact = contactIn(c, partner);
    if (!contact)
      throw new NotFoundError(`Partner ${partner.id} has no contact ${c.req.param('contactId')}.`);
    return contact;
  };

  edits.form({
    kind: 'contact',
    saved: '?saved',
    path: `contacts/${contactParam}`,
    inputs: contactInputs,
    listInputs: new Set(),
    title: (c, partner) =>
      memberMessages[c.get('locale')].editContactTitle(contactOf(c, partner).name, companyName(partner)),
    stored: (c, partner) => contactValuesOf(contactOf(c, partner)),
    // Removed meanwhile: what was entered, offered as a new contact.
    gone: contactGone<Partner>(companyName, (id) => `${partnersPath}/${id}`),
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

  edits.contactRemoval({
    contactOf,
    title: (c, partner, contact) =>
      memberMessages[c.get('locale')].removeContactTitle(contact.name, companyName(partner)),
  });

  return app;
}
