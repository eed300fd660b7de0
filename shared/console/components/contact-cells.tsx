import type { FC } from 'hono/jsx';
import type { Contact } from '../../domain/member-schema.ts';
import { phoneForReading } from '../../domain/phone.ts';
import { commonMessages } from '../i18n/common-messages.ts';
import type { Locale } from '../i18n/locales.ts';
import { memberMessages } from '../pages/member/member-messages.ts';

/**
 * A contact's cells in a company's list of contacts (a card per row at a phone's width, ListTable
 * `cards`): its name with its position beneath, the row's head, and its phone.
 */
export const ContactNameCell: FC<{ contact: Pick<Contact, 'name' | 'position'> }> = ({ contact }) => (
  <th scope="row">
    {contact.name}
    {contact.position ? (
      <>
        <br />
        <small>{contact.position}</small>
      </>
    ) : null}
  </th>
);

/** The phone as written to be read, dialled by a tap; "none" where there is none. */
export const PhoneCell: FC<{ phone: string | undefined; locale: Locale }> = ({ phone, locale }) => (
  <td data-label={memberMessages[locale].phone}>
    {phone ? <a href={`tel:${phone}`}>{phoneForReading(phone)}</a> : commonMessages[locale].none}
  </td>
);

/**
 * A contact's edit link and its remove button (which asks first, console.js or a page of its own), for
 * a company's record at `recordHref`, as of `version`.
 */
export const ContactEditActions: FC<{
  recordHref: string;
  contact: Pick<Contact, 'id' | 'name'>;
  version: number;
  locale: Locale;
}> = ({ recordHref, contact, version, locale }) => {
  const m = memberMessages[locale];
  return (
    <>
      <a href={`${recordHref}/contacts/${contact.id}`} aria-label={m.editContactOf(contact.name)}>
        {m.edit}
      </a>
      <form method="post" action={`${recordHref}/contacts/${contact.id}/remove`}>
        <input type="hidden" name="version" value={String(version)} />
        <button
          type="submit"
          class="secondary outline"
          aria-label={m.removeContact(contact.name)}
          data-confirm={m.confirmRemoveContact(contact.name)}
        >
          {m.remove}
        </button>
      </form>
    </>
  );
};
