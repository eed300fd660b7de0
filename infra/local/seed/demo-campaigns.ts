import { AudienceRepository } from '../../../shared/campaigns/audience-repository.ts';
import { resolveAudience } from '../../../shared/campaigns/audience-resolution.ts';
import { CampaignRepository } from '../../../shared/campaigns/campaign-repository.ts';
import {
  type Campaign,
  type CampaignCreate,
  campaignCreateSchema,
} from '../../../shared/campaigns/campaign-schema.ts';
import { recipientsOf } from '../../../shared/campaigns/dispatcher.ts';
import type { Recipient, RecipientStatus } from '../../../shared/campaigns/recipient.ts';
import { RecipientRepository } from '../../../shared/campaigns/recipient-repository.ts';
import type { Database } from '../../../shared/data/dynamo-client.ts';
import { EmailHasher } from '../../../shared/domain/email-hash.ts';
import type { Actor } from '../../../shared/members/actor.ts';
import { MemberRepository } from '../../../shared/members/member-repository.ts';
import { MemberService } from '../../../shared/members/member-service.ts';
import { SettingsRepository } from '../../../shared/settings/settings-repository.ts';

/** A demo campaign: what staff wrote, and when it went out. */
interface DemoCampaign {
  create: CampaignCreate;
  sentAt: string;
}

const footerNote = {
  ru: '<p>Ответьте на это письмо, и мы организуем встречу.</p>',
  vi: '<p>Hãy trả lời email này để chúng tôi sắp xếp cuộc gặp.</p>',
  en: '<p>Reply to this email and we will arrange the meeting.</p>',
};

/** Three campaigns of the association's Vietnam Year, oldest first, each before the demo's "today". */
const demoCampaigns: DemoCampaign[] = [
  {
    sentAt: '2025-11-20T07:00:00.000Z',
    create: {
      name: 'Vietnam Year: B2B meetings in Hanoi, March 2026',
      targetMarkets: ['VN'],
      segment: { targetMarkets: ['VN'], statuses: ['active'] },
      replyTo: 'b2b@bridge-crm.localhost',
      variants: {
        ru: {
          subject: '{{companyName}}: деловые встречи в Ханое в марте 2026',
          html: `<p>{{contactName}}, здравствуйте!</p><p>В марте около 40 российских и вьетнамских компаний проведут встречи один на один в Ханое. Расскажите партнёрам о сильных сторонах {{companyName}}.</p>${footerNote.ru}`,
          text: '{{contactName}}, здравствуйте! В марте около 40 российских и вьетнамских компаний проведут встречи один на один в Ханое. Ответьте на это письмо, и мы организуем встречу.',
        },
        vi: {
          subject: '{{companyName}}: gặp gỡ doanh nghiệp tại Hà Nội, tháng 3/2026',
          html: `<p>Kính gửi {{contactName}},</p><p>Tháng 3 này, khoảng 40 doanh nghiệp Nga và Việt Nam sẽ gặp gỡ trực tiếp tại Hà Nội. Hãy giới thiệu thế mạnh của {{companyName}} tới các đối tác.</p>${footerNote.vi}`,
          text: 'Kính gửi {{contactName}}, tháng 3 này khoảng 40 doanh nghiệp Nga và Việt Nam sẽ gặp gỡ trực tiếp tại Hà Nội. Hãy trả lời email này để chúng tôi sắp xếp cuộc gặp.',
        },
        en: {
          subject: '{{companyName}}: B2B meetings in Hanoi, March 2026',
          html: `<p>Dear {{contactName}},</p><p>In March about 40 Russian and Vietnamese firms meet one to one in Hanoi. Present what {{companyName}} does best to its future partners.</p>${footerNote.en}`,
          text: 'Dear {{contactName}}, in March about 40 Russian and Vietnamese firms meet one to one in Hanoi. Reply to this email and we will arrange the meeting.',
        },
      },
    },
  },
  {
    sentAt: '2025-12-16T04:00:00.000Z',
    create: {
      name: 'ASEAN outreach: food canning and agriculture partners in Thailand and Indonesia',
      targetMarkets: ['TH', 'ID'],
      segment: { sectors: ['food-canning', 'agriculture', 'fisheries'], statuses: ['active'] },
      replyTo: 'asean@bridge-crm.localhost',
      variants: {
        ru: {
          subject: 'Партнёры в Таиланде и Индонезии для {{companyName}}',
          html: `<p>{{contactName}}, здравствуйте!</p><p>Дистрибьюторы продуктов питания из Таиланда и Индонезии ищут поставщиков. Мы подберём им {{companyName}}.</p>${footerNote.ru}`,
          text: '{{contactName}}, здравствуйте! Дистрибьюторы продуктов питания из Таиланда и Индонезии ищут поставщиков. Ответьте на это письмо, и мы организуем встречу.',
        },
        en: {
          subject: 'Partners in Thailand and Indonesia for {{companyName}}',
          html: `<p>Dear {{contactName}},</p><p>Food distributors in Thailand and Indonesia are looking for suppliers. We would like to introduce {{companyName}}.</p>${footerNote.en}`,
          text: 'Dear {{contactName}}, food distributors in Thailand and Indonesia are looking for suppliers. Reply to this email and we will arrange the meeting.',
        },
      },
    },
  },
  {
    sentAt: '2026-01-12T06:00:00.000Z',
    create: {
      name: 'Water treatment: industrial parks in Vietnam ask for technology',
      targetMarkets: ['VN'],
      segment: { sectors: ['industrial-water-treatment', 'technology-transfer'] },
      replyTo: 'b2b@bridge-crm.localhost',
      variants: {
        ru: {
          subject: 'Промышленные парки Вьетнама ищут технологии водоподготовки',
          html: `<p>{{contactName}}, здравствуйте!</p><p>Три промышленных парка на севере Вьетнама ищут поставщиков технологий водоподготовки. Расскажите о решениях {{companyName}}.</p>${footerNote.ru}`,
          text: '{{contactName}}, здравствуйте! Три промышленных парка на севере Вьетнама ищут поставщиков технологий водоподготовки. Ответьте на это письмо, и мы организуем встречу.',
        },
        vi: {
          subject: 'Các khu công nghiệp Việt Nam tìm công nghệ xử lý nước',
          html: `<p>Kính gửi {{contactName}},</p><p>Ba khu công nghiệp ở miền Bắc Việt Nam đang tìm nhà cung cấp công nghệ xử lý nước. Hãy giới thiệu giải pháp của {{companyName}}.</p>${footerNote.vi}`,
          text: 'Kính gửi {{contactName}}, ba khu công nghiệp ở miền Bắc Việt Nam đang tìm nhà cung cấp công nghệ xử lý nước. Hãy trả lời email này để chúng tôi sắp xếp cuộc gặp.',
        },
      },
    },
  },
];

/**
 * What became of a mailed recipient, as a campaign of this size sees it weeks later: nearly all
 * delivered, about 1% unsubscribed, a few rejected, a few with no word from the provider yet.
 * Bounces and complaints are left out: they put addresses on the suppression list, whose key is
 * this machine's own (made at first start), while a seeded database is copied between data
 * directories by the seed cache.
 */
function outcome(draw: number): RecipientStatus {
  if (draw < 0.011) return 'unsubscribed';
  if (draw < 0.015) return 'failed';
  if (draw < 0.02) return 'sent';
  return 'delivered';
}

const unsubscribeActor = (campaignId: string): Actor => ({
  sub: `unsubscribe-link:${campaignId}`,
  role: 'member',
});

/**
 * Writes the demo's sent campaigns through the code that sends real ones: each campaign's audience is
 * resolved from the members seeded just before (so earlier campaigns' unsubscribes leave contacts out
 * of later ones), its recipients written by the dispatcher's rules with an outcome each, and each
 * unsubscribe applied to its member (consent withdrawn, in its history) as the link would. Ids and
 * outcomes come from the seed's generators, so the same seed gives the same campaigns.
 */
export async function seedDemoCampaigns(
  db: Database,
  options: { newId: (at: Date) => string; random: () => number },
): Promise<{ campaigns: number; recipients: number }> {
  const campaigns = new CampaignRepository(db);
  const recipients = new RecipientRepository(db);
  /** When the demo's unsubscribes happened: the day after their campaign went out. */
  let unsubscribedAt = new Date(0);
  const members = new MemberService({
    members: new MemberRepository(db),
    settings: new SettingsRepository(db),
    clock: () => unsubscribedAt,
    newId: () => options.newId(unsubscribedAt),
    // A consent change leaves revenue and tier as they are, so a tier table saved meanwhile has
    // nothing to settle on these writes: its own re-tier job reaches the member either way.
    settleLater: async () => {},
  });
  // The seed writes no suppression list (see `outcome`), so there is nothing to look up in one.
  const audience = {
    entries: () => new AudienceRepository(db).entries(),
    suppressed: async () => new Set<string>(),
  };
  // Each recipient's tier by its label, as the dispatcher names it.
  const { tiers } = (await new SettingsRepository(db).readTiers()).value;
  let written = 0;
  for (const demo of demoCampaigns) {
    const sentAt = new Date(demo.sentAt);
    const created = new Date(sentAt.getTime() - 3 * 24 * 3600 * 1000);
    const input = campaignCreateSchema.parse(demo.create);
    const campaign: Campaign = {
      id: options.newId(created),
      state: 'sent',
      name: input.name,
      targetMarkets: input.targetMarkets ?? [],
      segment: input.segment,
      replyTo: input.replyTo,
      variants: input.variants,
      sendAt: sentAt.toISOString(),
      timeZone: 'Asia/Ho_Chi_Minh',
      pausedBecause: null,
      createdAt: created.toISOString(),
      updatedAt: sentAt.toISOString(),
      version: 4,
    };
    const resolved = await resolveAudience(campaign, audience, new EmailHasher('seed', new Uint8Array(32)));
    const outcomes: Recipient[] = recipientsOf(campaign.id, resolved, sentAt, tiers).map((r) => {
      if (r.status !== 'queued') return r;
      const status = outcome(options.random());
      const delivered = status !== 'failed';
      return {
        ...r,
        status,
        messageId: delivered ? `${options.newId(sentAt)}@bridge-crm.localhost` : null,
        sentAt: delivered ? sentAt.toISOString() : null,
      };
    });
    await recipients.addNew(outcomes);
    unsubscribedAt = new Date(sentAt.getTime() + 24 * 3600 * 1000);
    for (const r of outcomes.filter((each) => each.status === 'unsubscribed')) {
      await members.withdrawConsent(
        r.memberId,
        r.contactId,
        'outreach',
        unsubscribeActor(campaign.id),
        'unsubscribe',
      );
    }
    // Last, so a seed cut short writes the campaign again, finding its recipients written.
    await campaigns.create(campaign).catch((error: unknown) => {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    });
    written += outcomes.length;
  }
  return { campaigns: demoCampaigns.length, recipients: written };
}
