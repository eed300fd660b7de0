import type { FC } from 'hono/jsx';
import type { Contact } from '../../domain/member-schema.ts';
import { phoneForReading } from '../../domain/phone.ts';
import { commonMessages } from '../i18n/common-messages.ts';
import type { Locale } from '../i18n/locales.ts';

/** A contact's cells in a company's list of contacts: its name with its position beneath, and its phone. */

export const ContactNameCell: FC<{ contact: Pick<Contact, 'name' | 'position'> }> = ({ contact }) => (
  <td>
    {contact.name}
    {contact.position ? (
      <>
        <br />
        <small>{contact.position}</small>
      </>
    ) : null}
  </td>
);

/** The phone as written to be read, dialled by a tap; "none" where there is none. */
export const PhoneCell: FC<{ phone: string | undefined; locale: Locale }> = ({ phone, locale }) => (
  <td>{phone ? <a href={`tel:${phone}`}>{phoneForReading(phone)}</a> : commonMessages[locale].none}</td>
);
