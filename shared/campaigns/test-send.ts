import type { Language } from '../domain/languages.ts';
import { readTierTable } from '../settings/settings-repository.ts';
import { writtenLanguages } from './audience.ts';
import { composeCampaignEmail } from './campaign-email.ts';
import type { Campaign } from './campaign-schema.ts';
import type { MergeValues } from './campaign-template.ts';
import { type MergeFacts, mergeValuesOf, type TierNames } from './merge-values.ts';
import type { SendingDeps } from './sending-deps.ts';

const website = 'https://example.org';

/** Whom a test email and the compose form's preview write to: plainly samples, in each variant's language. */
const samples: Record<Language, Omit<MergeFacts, 'companyKind' | 'tier'>> = {
  ru: {
    memberName: 'ООО «Пример»',
    contactName: 'Иван Петров',
    country: 'RU',
    region: 'RU-MOW',
    website,
  },
  vi: {
    memberName: 'Công ty TNHH Ví Dụ',
    contactName: 'Nguyễn Văn An',
    country: 'VN',
    region: 'VN-HN',
    website,
  },
  en: {
    memberName: 'Example Trading Ltd',
    contactName: 'Alex Smith',
    country: 'SG',
    region: null,
    website,
  },
};

/**
 * What a test email's merge fields hold in `language`: the samples above, a member in the table's
 * last (highest) tier, made into values as a recipient's are (merge-values.ts): the tier by its label,
 * the country and region by name.
 */
export function sampleValues(language: Language, tiers: TierNames): MergeValues {
  return mergeValuesOf(
    { ...samples[language], companyKind: 'member', tier: tiers.at(-1)?.name ?? null },
    language,
    tiers,
  );
}

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
  deps: Pick<SendingDeps, 'db' | 'sender' | 'unsubscribeTokens' | 'newId' | 'clock' | 'transport'>,
): Promise<{ language: Language; messageId: string }[]> {
  const { tiers } = await readTierTable(deps.db);
  const sent: { language: Language; messageId: string }[] = [];
  for (const language of writtenLanguages(campaign)) {
    const raw = await composeCampaignEmail(
      campaign,
      { contactId: testContactId, email: to, language, values: sampleValues(language, tiers) },
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
