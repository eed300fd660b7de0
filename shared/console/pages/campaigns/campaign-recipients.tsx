import type { FC } from 'hono/jsx';
import type { Campaign } from '../../../campaigns/campaign-schema.ts';
import { publicStatusOf, type Recipient } from '../../../campaigns/recipient.ts';
import { zoneInline } from '../../../events/zone-names.ts';
import { ListTable } from '../../components/list-table.tsx';
import { commonMessages } from '../../i18n/common-messages.ts';
import { languageName, recipientStatusLabels } from '../../i18n/domain-labels.ts';
import { formatDateTime, readerTimeZone } from '../../i18n/format.ts';
import type { Locale } from '../../i18n/locales.ts';
import { StateLabel } from './campaign-components.tsx';
import { campaignText } from './campaign-messages.ts';

/** What happened to a recipient, or why the contact was left out, in the reader's language. */
const Outcome: FC<{ locale: Locale; recipient: Recipient }> = ({ locale, recipient }) => {
  const m = campaignText[locale];
  const status = publicStatusOf(recipient.status);
  if (status) return <span class={`status-${status}`}>{recipientStatusLabels[locale][status]}</span>;
  return (
    <span>
      {m.leftOut}: {recipient.reason ? m[recipient.reason] : commonMessages[locale].none}
    </span>
  );
};

/**
 * A page of a campaign's recipients in contact order (one Query), with the status of each or why it
 * was left out. An `unknown` one never released can be sent once more, as the API's release does; the
 * form says what to check first.
 */
export const RecipientsPage: FC<{
  locale: Locale;
  campaign: Campaign;
  recipients: Recipient[];
  /** The names of the companies of those left out, who hold no merge values, by company id. */
  names: ReadonlyMap<string, string>;
  next: string | undefined;
  first: boolean;
  released: boolean;
  refusal: string | undefined;
}> = ({ locale, campaign, recipients, names, next, first, released, refusal }) => {
  const m = campaignText[locale];
  const common = commonMessages[locale];
  const base = `/console/campaigns/${campaign.id}`;
  const releasable = (r: Recipient) =>
    r.status === 'unknown' && r.releasedAt === null && campaign.state !== 'cancelled';
  return (
    <article>
      <hgroup>
        <h1>{m.recipientsOf(campaign.name)}</h1>
        <p>
          <StateLabel locale={locale} state={campaign.state} />
        </p>
      </hgroup>
      <p>
        <a href={base}>{m.back}</a>
      </p>
      {released ? <p role="status">{m.released}</p> : null}
      {refusal ? (
        <p role="alert" class="error">
          {refusal}
        </p>
      ) : null}
      <ListTable
        count={recipients.length}
        empty={m.noRecipients}
        // Sent times are in the reader's zone, which the campaign's own (in its heading) may not be.
        columns={[
          m.email,
          m.company,
          m.language,
          m.status,
          `${m.sentAt} (${zoneInline(readerTimeZone(), locale)})`,
          m.actions,
        ]}
      >
        {recipients.map((r) => (
          <tr data-contact={r.contactId}>
            <th scope="row">{r.email ?? common.none}</th>
            <td>
              {/* By the name it was mailed under; one left out by its name now, or its kind if gone. */}
              {r.companyKind === 'partner' ? (
                (r.values?.companyName ?? names.get(r.memberId) ?? m.partner)
              ) : (
                <a href={`/console/members/${r.memberId}`}>
                  {r.values?.companyName ?? names.get(r.memberId) ?? m.member}
                </a>
              )}
            </td>
            <td>{r.language ? languageName(locale, r.language) : common.none}</td>
            <td>
              <Outcome locale={locale} recipient={r} />
            </td>
            <td>{r.sentAt ? formatDateTime(locale, r.sentAt) : common.none}</td>
            <td>
              {releasable(r) ? (
                <form method="post" action={`${base}/recipients/${r.contactId}/release`}>
                  <button type="submit" class="secondary" title={m.releaseHint}>
                    {m.release}
                  </button>
                </form>
              ) : r.releasedAt ? (
                m.releasedAt(formatDateTime(locale, r.releasedAt))
              ) : null}
            </td>
          </tr>
        ))}
      </ListTable>
      {recipients.some(releasable) ? (
        <p>
          <small>{m.releaseHint}</small>
        </p>
      ) : null}
      {first ? <a href={`${base}/recipients`}>{common.first}</a> : null}{' '}
      {next ? <a href={`${base}/recipients?cursor=${encodeURIComponent(next)}`}>{common.next}</a> : null}
    </article>
  );
};
