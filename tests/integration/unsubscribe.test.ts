import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import PostalMime from 'postal-mime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendToRecipient } from '../../shared/campaigns/sender.ts';
import { scheduleHeld, sendNow } from '../support/campaign-runs.ts';
import { company } from '../support/companies.ts';
import { createTestApp, type TestApp, testPublicBaseUrl } from '../support/test-app.ts';

let t: TestApp;
let staff: string;
beforeAll(async () => {
  t = await createTestApp();
  staff = await t.token('staff');
});
afterAll(() => t.drop());

const get = async <T>(path: string) => (await (await t.call('GET', path, { token: staff })).json()) as T;

interface Member {
  id: string;
  contacts: { id: string; email: string; consent: { outreach: { granted: boolean; source: string } } }[];
}

/** A campaign in Vietnamese to the members of `sector`. */
async function newCampaign(
  sector: string,
  subject: string,
  html = '<p>{{contactName}}</p>',
): Promise<string> {
  const created = await t.call('POST', '/v1/campaigns', {
    token: staff,
    body: {
      name: `${subject} (${sector})`,
      segment: { sectors: [sector] },
      replyTo: 'partnerships@example.org',
      variants: { vi: { subject, html, text: '{{contactName}}' } },
    },
  });
  expect(created.status).toBe(201);
  return ((await created.json()) as { id: string }).id;
}

/** A member in `sector` with one Vietnamese contact, and a sent campaign to that sector. */
async function sentCampaignTo(sector: string, email: string) {
  const created = await t.call('POST', '/v1/members', {
    token: staff,
    body: company({
      sectors: [sector],
      languages: ['vi'],
      contacts: [{ name: 'Nguyễn Lan', email, language: 'vi', consent: { outreach: true } }],
    }),
  });
  expect(created.status).toBe(201);
  const member = (await created.json()) as Member;
  const id = await newCampaign(sector, 'Đối tác');
  await sendNow(t, staff, id);
  return { member, campaignId: id };
}

/** The one email the outbox holds for `address`, as sent. */
async function emailTo(address: string): Promise<string> {
  const files = (await readdir(t.outboxDir)).filter((f) => f.endsWith('.eml'));
  const emails = await Promise.all(files.map((f) => readFile(join(t.outboxDir, f), 'utf8')));
  const mine = emails.filter((eml) => eml.includes(`To: ${address}`));
  expect(mine).toHaveLength(1);
  return mine[0]!;
}

/** The path of the email's List-Unsubscribe link, on the test app. */
function unsubscribePathOf(eml: string): string {
  // The header section, its folded lines unfolded (RFC 5322).
  const headers = eml.slice(0, eml.search(/\r?\n\r?\n/)).replace(/\r?\n[ \t]+/g, ' ');
  const [, link, mailto] = /^List-Unsubscribe: <([^>]+)>, <(mailto:[^>]+)>\r?$/m.exec(headers) ?? [];
  expect(link?.startsWith(`${testPublicBaseUrl}/unsubscribe/`)).toBe(true);
  // The mailbox's request carries the same token as the link, so it can be honoured from any address.
  const token = link!.slice(`${testPublicBaseUrl}/unsubscribe/`.length);
  expect(mailto).toBe(`mailto:unsubscribe@bridge-crm.localhost?subject=unsubscribe%20${token}`);
  return link!.slice(testPublicBaseUrl.length);
}

const oneClick = (path: string) =>
  t.call('POST', path, {
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'List-Unsubscribe=One-Click',
  });

describe('the unsubscribe link of a campaign email', () => {
  it('is in every email, names no address, and offers one-click unsubscribe (RFC 8058)', async () => {
    const email = 'lan.links@unsub.test';
    await sentCampaignTo('energy', email);
    const eml = await emailTo(email);
    const path = unsubscribePathOf(eml);
    expect(eml).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
    expect(path).not.toContain('lan');
    expect(decodeURIComponent(path)).not.toContain(email);
  });

  it('ends every email with the sender and the link, and labels it [QC] for a recipient in Vietnam', async () => {
    const inVietnam = 'lan.vn@unsub.test';
    const created = await t.call('POST', '/v1/members', {
      token: staff,
      body: company({
        country: 'VN',
        region: 'VN-HN',
        taxId: '0109991239',
        sectors: ['garments-textiles'],
        languages: ['vi'],
        contacts: [{ name: 'Trần Lan', email: inVietnam, language: 'vi', consent: { outreach: true } }],
      }),
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const id = await newCampaign(
      'garments-textiles',
      'Đối tác cho {{companyName}}',
      '<p><a href="{{unsubscribeUrl}}">x</a></p>',
    );
    await sendNow(t, staff, id);
    const raw = await emailTo(inVietnam);
    const link = `${testPublicBaseUrl}${unsubscribePathOf(raw)}`;
    const parsed = await PostalMime.parse(raw);
    expect(parsed.subject).toMatch(/^\[QC\] Đối tác cho /);
    expect(parsed.text).toContain('Demo Business Association (bridge-crm), 1 Example Street, Moscow, Russia');
    expect(parsed.text?.trimEnd().endsWith(`hãy hủy đăng ký tại: ${link}`)).toBe(true);
    expect(parsed.html).toContain(`<a href="${link}">Hủy đăng ký</a>`);
    // The {{unsubscribeUrl}} merge field is the same link (mustache writes its slashes as &#x2F;).
    expect(parsed.html?.replaceAll('&#x2F;', '/')).toContain(`<p><a href="${link}">x</a></p>`);

    // A recipient outside Vietnam gets the footer, not the label.
    const abroad = 'lan.ru@unsub.test';
    await sentCampaignTo('digital-economy', abroad);
    const other = await PostalMime.parse(await emailTo(abroad));
    expect(other.subject).toBe('Đối tác');
    expect(other.text).toContain('Để ngừng nhận các email này');
  });

  it('shows a confirmation in the recipient’s language and changes nothing on GET', async () => {
    const email = 'lan.page@unsub.test';
    const { member, campaignId } = await sentCampaignTo('logistics', email);
    const path = unsubscribePathOf(await emailTo(email));
    for (let i = 0; i < 2; i++) {
      const page = await t.call('GET', path);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(page.headers.get('referrer-policy')).toBe('no-referrer');
      expect(page.headers.get('cache-control')).toBe('no-store');
      expect(page.headers.get('content-security-policy')).toContain("form-action 'self'");
      const html = await page.text();
      expect(html).toContain('<html lang="vi">');
      expect(html).toContain('Hủy đăng ký');
      expect(html).toContain('l•••@u•••.test');
      expect(html).not.toContain(email);
      expect(html).toContain('<form method="post">');
    }
    await t.mailEvents.idle();
    const read = await get<Member>(`/v1/members/${member.id}`);
    expect(read.contacts[0]!.consent.outreach.granted).toBe(true);
    const recipients = await get<{ items: { status: string }[] }>(`/v1/campaigns/${campaignId}/recipients`);
    expect(recipients.items[0]!.status).toBe('sent');
  });

  it('withdraws outreach consent on POST, once, marks the recipient unsubscribed, and keeps it out of the next campaign', async () => {
    const email = 'lan.post@unsub.test';
    const { member, campaignId } = await sentCampaignTo('agriculture', email);
    const path = unsubscribePathOf(await emailTo(email));

    for (let i = 0; i < 2; i++) {
      const answer = await oneClick(path);
      expect(answer.status).toBe(200);
      expect(await answer.text()).toContain('Bạn đã hủy đăng ký');
      await t.mailEvents.idle();
    }
    const read = await get<Member>(`/v1/members/${member.id}`);
    expect(read.contacts[0]!.consent.outreach).toMatchObject({ granted: false, source: 'member' });
    const history = await get<{ items: { action: string; actor: { sub: string } }[] }>(
      `/v1/members/${member.id}/history`,
    );
    const unsubscribes = history.items.filter((entry) => entry.action === 'unsubscribe');
    expect(unsubscribes).toEqual([
      expect.objectContaining({ actor: { sub: `unsubscribe-link:${campaignId}`, role: 'member' } }),
    ]);
    const stats = await get<{ byStatus: Record<string, number> }>(`/v1/campaigns/${campaignId}/stats`);
    expect(stats.byStatus).toMatchObject({ sent: 0, unsubscribed: 1 });
    expect(await (await t.call('GET', path)).text()).toContain('Bạn đã hủy đăng ký');

    const id = await newCampaign('agriculture', 'Lần nữa');
    const preview = (await (
      await t.call('POST', `/v1/campaigns/${id}/preview`, { token: staff })
    ).json()) as {
      audience: number;
      excluded: Record<string, number>;
    };
    expect(preview.audience).toBe(0);
    expect(preview.excluded['no-consent']).toBe(1);
  });

  it('confirms an unsubscribe in Vietnam by email (Decree 91/2020), once, saying when it was received', async () => {
    const inVietnam = 'minh.vn@unsub.test';
    const created = await t.call('POST', '/v1/members', {
      token: staff,
      body: company({
        country: 'VN',
        region: 'VN-SG',
        taxId: '0301234562',
        sectors: ['tourism'],
        languages: ['vi'],
        contacts: [{ name: 'Lê Minh', email: inVietnam, language: 'vi', consent: { outreach: true } }],
      }),
    });
    expect(created.status, await created.clone().text()).toBe(201);
    await sendNow(t, staff, await newCampaign('tourism', 'Du lịch'));
    const path = unsubscribePathOf(await emailTo(inVietnam));
    for (let i = 0; i < 2; i++) {
      expect((await oneClick(path)).status).toBe(200);
      await t.mailEvents.idle();
      await t.sends.idle();
    }
    const files = (await readdir(t.outboxDir)).filter((f) => f.endsWith('.eml'));
    const emails = await Promise.all(
      files.map(async (f) => PostalMime.parse(await readFile(join(t.outboxDir, f)))),
    );
    const confirmations = emails.filter(
      (e) =>
        e.to?.some((a) => a.address === inVietnam) && e.subject === 'Xác nhận từ chối nhận email quảng cáo',
    );
    expect(confirmations).toHaveLength(1);
    expect(confirmations[0]!.text).toMatch(
      /Chúng tôi đã nhận được yêu cầu từ chối nhận email quảng cáo của bạn lúc .*20\d\d/,
    );
    expect(confirmations[0]!.text).toContain(`tới ${inVietnam}`);
    // Nobody outside Vietnam gets one (the test above unsubscribed a Russian member's contact).
    expect(emails.filter((e) => e.subject === 'Xác nhận từ chối nhận email quảng cáo')).toHaveLength(1);
  });

  it('keeps an unsubscribed contact out of another campaign already waiting to send', async () => {
    const email = 'lan.waiting@unsub.test';
    await sentCampaignTo('finance', email);
    const second = await newCampaign('finance', 'Thư hai');
    const [waiting] = await scheduleHeld(t, staff, second);

    expect((await oneClick(unsubscribePathOf(await emailTo(email)))).status).toBe(200);
    await t.mailEvents.idle();
    await sendToRecipient({ campaignId: second, contactId: waiting!.contactId }, t.sending);
    await emailTo(email); // still the first campaign's one email, and no other
    const recipients = await get<{ items: { status: string | null; reason: string | null }[] }>(
      `/v1/campaigns/${second}/recipients`,
    );
    expect(recipients.items[0]).toMatchObject({ status: null, reason: 'no-consent' });
    expect((await get<{ state: string }>(`/v1/campaigns/${second}`)).state).toBe('sent');
  });

  it('refuses a link that was altered or made with another key, with a 404 page, and changes nothing', async () => {
    const email = 'lan.forged@unsub.test';
    const { member } = await sentCampaignTo('education', email);
    const path = unsubscribePathOf(await emailTo(email));
    const last = path.at(-1) === 'A' ? 'B' : 'A';
    const altered = `${path.slice(0, -1)}${last}`;
    const [campaignId, contactId] = path.split('/').at(-1)!.split('.');
    const otherContact = `/unsubscribe/${campaignId}.${contactId!.slice(0, -1)}${contactId!.at(-1) === 'A' ? 'B' : 'A'}.${path.split('.').at(-1)}`;
    for (const bad of [altered, otherContact, '/unsubscribe/not-a-token']) {
      for (const answer of [await t.call('GET', bad), await oneClick(bad)]) {
        expect(answer.status).toBe(404);
        expect(answer.headers.get('content-type')).toMatch(/^text\/html/);
        expect(await answer.text()).toContain('This unsubscribe link is not valid');
      }
    }
    await t.mailEvents.idle();
    const read = await get<Member>(`/v1/members/${member.id}`);
    expect(read.contacts[0]!.consent.outreach.granted).toBe(true);
  });
});
