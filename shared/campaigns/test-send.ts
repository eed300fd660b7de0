import type { Language } from '../domain/languages.ts';
import { writtenLanguages } from './audience.ts';
import { composeCampaignEmail } from './campaign-email.ts';
import type { Campaign } from './campaign-schema.ts';
import type { MergeValues } from './campaign-template.ts';
import type { SendingDeps } from './sending-deps.ts';

/** What a test email's merge fields hold: plainly samples, in the variant's own language. */
export const sampleValues: Record<Language, MergeValues> = {
  ru: {
    companyName: 'ООО «Пример»',
    contactName: 'Иван Петров',
    tier: 'large',
    country: 'RU',
    region: 'RU-MOW',
    website: 'https://example.org',
  },
  vi: {
    companyName: 'Công ty TNHH Ví Dụ',
    contactName: 'Nguyễn Văn An',
    tier: 'large',
    country: 'VN',
    region: 'VN-HN',
    website: 'https://example.org',
  },
  en: {
    companyName: 'Example Trading Ltd',
    contactName: 'Alex Smith',
    tier: 'large',
    country: 'SG',
    region: '',
    website: 'https://example.org',
  },
};

/**
 * The contact a test email's unsubscribe link names: no contact has it (ids are ULIDs of real times),
 * so the link opens the page as a recipient's would, and unsubscribing it changes nothing.
 */
const testContactId = '00000000000000000000000000';

/**
 * Sends each of the campaign's language variants to `to` (the caller's own address), built exactly as
 * the sender builds a recipient's (campaign-email.ts), with sample merge values and `[Test]` before the
 * subject. No recipient is written, so nothing counts in the campaign's stats. A refusal by the provider
 * (`MailNotAcceptedError`) is thrown for the queue to retry. Resolves to the provider's message id per
 * language.
 */
export async function sendTestEmails(
  campaign: Campaign,
  to: string,
  deps: Pick<SendingDeps, 'sender' | 'unsubscribeTokens' | 'newId' | 'clock' | 'transport'>,
): Promise<{ language: Language; messageId: string }[]> {
  const sent: { language: Language; messageId: string }[] = [];
  for (const language of writtenLanguages(campaign)) {
    const raw = await composeCampaignEmail(
      campaign,
      { contactId: testContactId, email: to, language, values: sampleValues[language] },
      deps,
      { test: true },
    );
    const { messageId } = await deps.transport.send({
      from: deps.sender.from,
      to,
      raw,
      tags: { campaignId: campaign.id, test: 'true' },
    });
    sent.push({ language, messageId });
  }
  return sent;
}
