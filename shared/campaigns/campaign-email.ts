import type { Language } from '../domain/languages.ts';
import { composeEmail } from '../email/compose-email.ts';
import { renderVariant } from './campaign-preview.ts';
import type { Campaign } from './campaign-schema.ts';
import { inVietnam, withFooter } from './email-footer.ts';
import type { RecipientValues } from './recipient.ts';
import type { SendingDeps } from './sending-deps.ts';
import { unsubscribeUrl } from './unsubscribe-token.ts';

/** Who one campaign email is for: the contact its unsubscribe link names, and what fills its fields. */
export interface CampaignEmailTarget {
  contactId: string;
  email: string;
  language: Language;
  values: RecipientValues;
}

/** The HTTPS link first: RFC 8058's one-click POST goes to it; the mailto is for older clients. */
function listUnsubscribe(url: string, token: string, mailbox: string | undefined): string {
  if (!mailbox) return `<${url}>`;
  return `<${url}>, <mailto:${mailbox}?subject=${encodeURIComponent(`unsubscribe ${token}`)}>`;
}

/** A test email's subject starts so, and it is never labelled as advertising: nobody else gets it. */
export const testSubjectPrefix = '[Test]';

/**
 * One campaign email as the bytes a transport sends: the variant in the target's language with its
 * merge values and unsubscribe link, the footer that names the sender and ends with that link, and the
 * headers every campaign email carries (RFC 2369 and RFC 8058: mail clients show an unsubscribe button
 * that POSTs to the link). The sender and the test send build their emails here and nowhere else.
 */
export async function composeCampaignEmail(
  campaign: Campaign,
  target: CampaignEmailTarget,
  deps: Pick<SendingDeps, 'sender' | 'unsubscribeTokens' | 'newId' | 'clock'>,
  options: { test?: boolean } = {},
): Promise<Buffer> {
  const token = (await deps.unsubscribeTokens()).sign({
    campaignId: campaign.id,
    contactId: target.contactId,
  });
  const unsubscribe = unsubscribeUrl(deps.sender.publicBaseUrl, token);
  const rendered = withFooter(
    renderVariant(campaign, target.language, { ...target.values, unsubscribeUrl: unsubscribe }),
    {
      language: target.language,
      organisation: deps.sender.organisation,
      unsubscribeUrl: unsubscribe,
      inVietnam: !options.test && inVietnam(target.values),
    },
  );
  return composeEmail({
    from: deps.sender.from,
    to: target.email,
    replyTo: campaign.replyTo,
    ...rendered,
    subject: options.test ? `${testSubjectPrefix} ${rendered.subject}` : rendered.subject,
    language: target.language,
    headers: {
      'List-Unsubscribe': listUnsubscribe(unsubscribe, token, deps.sender.unsubscribeMailto),
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
    messageId: deps.newId(),
    domain: deps.sender.domain,
    date: deps.clock(),
  });
}
