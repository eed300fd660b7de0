import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignKey, suppressionKey } from '../../shared/data/keys.ts';
import { company, mstSequence } from '../support/companies.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let staff: string;
beforeAll(async () => {
  t = await createTestApp();
  staff = await t.token('staff');
});
afterAll(() => t.drop());

const draft = (overrides: Record<string, unknown> = {}) => ({
  name: 'Vietnam Year: water treatment partners',
  targetMarkets: ['VN'],
  segment: { sectors: ['industrial-water-treatment'], statuses: ['active'] },
  replyTo: 'Partnerships@Example.org',
  variants: {
    ru: { subject: 'Партнёры для {{companyName}}', html: '<p>{{contactName}}</p>', text: '{{contactName}}' },
    vi: { subject: 'Đối tác cho {{companyName}}', html: '<p>{{contactName}}</p>', text: '{{contactName}}' },
  },
  sendAt: '2027-01-15T10:00:00+07:00',
  timeZone: 'Asia/Ho_Chi_Minh',
  ...overrides,
});

interface CampaignBody {
  id: string;
  state: string;
  name: string;
  replyTo: string;
  variants: Record<string, { subject: string } | undefined>;
  sendAt: string | null;
  sendAtLocal: string | null;
  version: number;
}

async function create(overrides: Record<string, unknown> = {}) {
  const response = await t.call('POST', '/v1/campaigns', { token: staff, body: draft(overrides) });
  expect(response.status).toBe(201);
  return { body: (await response.json()) as CampaignBody, response };
}

const patch = (id: string, body: unknown, etag: string | undefined) =>
  t.call('PATCH', `/v1/campaigns/${id}`, {
    token: staff,
    body,
    headers: { 'content-type': 'application/merge-patch+json', ...(etag ? { 'if-match': etag } : {}) },
  });

describe('campaign drafts', () => {
  it('creates a draft with sendAt in UTC and in its own time zone', async () => {
    const { body, response } = await create();
    expect(response.headers.get('location')).toBe(`/v1/campaigns/${body.id}`);
    expect(response.headers.get('etag')).toBe('"1"');
    expect(body).toMatchObject({
      state: 'draft',
      replyTo: 'partnerships@example.org',
      sendAt: '2027-01-15T03:00:00.000Z',
      sendAtLocal: '2027-01-15T10:00:00+07:00',
      version: 1,
    });
    const read = await t.call('GET', `/v1/campaigns/${body.id}`, { token: staff });
    expect(read.status).toBe(200);
    expect(await read.json()).toEqual(body);
  });

  it('refuses a template with an unknown merge field, naming the language and the part', async () => {
    const response = await t.call('POST', '/v1/campaigns', {
      token: staff,
      body: draft({
        variants: { vi: { subject: 'Chào {{firstName}}', html: '<p>x</p>', text: '{{{companyName}}}' } },
      }),
    });
    expect(response.status).toBe(422);
    const problem = (await response.json()) as { errors: { path: string; message: string }[] };
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: 'variants.vi.subject',
          message: expect.stringContaining('{{firstName}}'),
        }),
        expect.objectContaining({ path: 'variants.vi.text', message: expect.stringContaining('unescaped') }),
      ]),
    );
  });

  it('refuses a campaign in no language, and an unknown time zone', async () => {
    for (const overrides of [{ variants: {} }, { timeZone: 'Mars/Olympus' }]) {
      const response = await t.call('POST', '/v1/campaigns', { token: staff, body: draft(overrides) });
      expect(response.status).toBe(422);
    }
  });

  it('edits a draft by merge patch under If-Match, and takes back what it read', async () => {
    const { body } = await create();
    expect((await patch(body.id, { name: 'x' }, undefined)).status).toBe(428);
    expect((await patch(body.id, { name: 'x' }, '"7"')).status).toBe(412);
    // Preconditions before content: a stale ETag with a patch that would merge into an invalid template
    // is still a 412.
    expect((await patch(body.id, { variants: { ru: { subject: '{{nope}}' } } }, '"7"')).status).toBe(412);

    const edited = await patch(
      body.id,
      { variants: { vi: null, en: { subject: 'Hi', html: '<p>Hi</p>', text: 'Hi' } } },
      '"1"',
    );
    expect(edited.status).toBe(200);
    expect(edited.headers.get('etag')).toBe('"2"');
    const next = (await edited.json()) as CampaignBody;
    expect(Object.keys(next.variants).sort()).toEqual(['en', 'ru']);

    // null removes a segment field (RFC 7396).
    const narrowed = await patch(body.id, { segment: { statuses: null } }, '"2"');
    expect(narrowed.status).toBe(200);
    expect(((await narrowed.json()) as { segment: object }).segment).toEqual({
      sectors: ['industrial-water-treatment'],
    });

    // A part of one variant, checked as a template once merged.
    const unknown = await patch(body.id, { variants: { ru: { subject: '{{nope}}' } } }, '"3"');
    expect(unknown.status).toBe(422);

    // What was read, less its readOnly properties, is a valid patch.
    const {
      id: _id,
      state: _state,
      createdAt: _c,
      updatedAt: _u,
      version: _v,
      sendAtLocal: _l,
      pausedBecause: _p,
      ...writable
    } = next as unknown as Record<string, unknown>;
    const back = await patch(body.id, writable, '"3"');
    expect(back.status).toBe(200);
    expect(await back.json()).toMatchObject({ ...writable, version: 4 });
  });

  it('edits and deletes only drafts (409 naming the state), and deletes under If-Match', async () => {
    const { body } = await create();
    const { body: other } = await create();
    // The dispatcher does this once sending starts (a later issue); here the item is written as it would be.
    const { sendAtLocal: _local, ...stored } = other;
    await t.db.doc.send(
      new PutCommand({
        TableName: t.db.tableName,
        Item: {
          ...campaignKey(other.id),
          type: 'campaign',
          schemaVersion: 1,
          gsi1pk: 'CAMPAIGNS',
          gsi1sk: other.id,
          ...stored,
          state: 'sending',
        },
      }),
    );
    const refused = await patch(other.id, { name: 'x' }, '"1"');
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { detail: string }).detail).toContain('sending');
    expect(
      (await t.call('DELETE', `/v1/campaigns/${other.id}`, { token: staff, headers: { 'if-match': '"1"' } }))
        .status,
    ).toBe(409);

    expect(
      (await t.call('DELETE', `/v1/campaigns/${body.id}`, { token: staff, headers: { 'if-match': '"9"' } }))
        .status,
    ).toBe(412);
    expect(
      (await t.call('DELETE', `/v1/campaigns/${body.id}`, { token: staff, headers: { 'if-match': '"1"' } }))
        .status,
    ).toBe(204);
    expect((await t.call('GET', `/v1/campaigns/${body.id}`, { token: staff })).status).toBe(404);
  });

  it('lists campaigns newest first, page by page', async () => {
    const ids = [(await create()).body.id, (await create()).body.id, (await create()).body.id];
    const first = await t.call('GET', '/v1/campaigns?limit=2', { token: staff });
    const page = (await first.json()) as { items: CampaignBody[]; nextCursor: string | null };
    expect(page.items.map((c) => c.id)).toEqual([ids[2], ids[1]]);
    expect(page.nextCursor).not.toBeNull();
    const second = await t.call(
      'GET',
      `/v1/campaigns?limit=2&cursor=${encodeURIComponent(page.nextCursor!)}`,
      {
        token: staff,
      },
    );
    const next = (await second.json()) as { items: CampaignBody[] };
    expect(next.items[0]!.id).toBe(ids[0]);
  });

  it('is for staff: a member token gets 403 and learns nothing', async () => {
    const member = await t.token('member', '01JD5Z7Q8N3V2K4M6P8R0T2W4Y');
    const { body } = await create();
    expect((await t.call('GET', `/v1/campaigns/${body.id}`, { token: member })).status).toBe(403);
    expect((await t.call('GET', '/v1/campaigns', { token: member })).status).toBe(403);
    expect((await t.call('POST', '/v1/campaigns', { token: member, body: draft() })).status).toBe(403);
  });
});

describe('campaign preview', () => {
  it('counts who would be mailed per language, and who not and why, rendering a sample per language', async () => {
    const contact = (name: string, email: string, language: string, outreach = true) => ({
      name,
      email,
      language,
      consent: { outreach },
    });
    const member = async (overrides: Record<string, unknown>) => {
      const response = await t.call('POST', '/v1/members', {
        token: staff,
        body: company({ sectors: ['fisheries'], ...overrides }),
      });
      expect(response.status, await response.clone().text()).toBe(201);
      return (await response.json()) as { id: string; contacts: { email: string | null }[] };
    };
    const inn = Date.now() % 100_000;
    await member({
      name: 'ООО «Рыба & Ко»',
      contacts: [contact('Анна', `anna.${inn}@ryba.ru`, 'ru'), contact('Lan', `lan.${inn}@ryba.ru`, 'vi')],
    });
    await member({ contacts: [contact('Олег', `oleg.${inn}@ryba.ru`, 'ru', false)] });
    await member({ status: 'suspended', contacts: [contact('Пётр', `petr.${inn}@ryba.ru`, 'ru')] });
    await member({ languages: ['en'], contacts: [contact('John', `john.${inn}@ryba.ru`, 'en')] });
    const suppressedMember = await member({ contacts: [contact('Ирина', `irina.${inn}@ryba.ru`, 'ru')] });
    // Outside the segment: neither counted nor excluded.
    await member({ sectors: ['energy'], contacts: [contact('Вне', `vne.${inn}@ryba.ru`, 'ru')] });
    const hasher = await t.deps.suppression();
    await t.db.doc.send(
      new PutCommand({
        TableName: t.db.tableName,
        Item: { ...suppressionKey(hasher.hash(suppressedMember.contacts[0]!.email!)), type: 'suppression' },
      }),
    );

    const { body } = await create({
      segment: { sectors: ['fisheries'] },
      variants: {
        ru: {
          subject: 'Для {{companyName}}',
          html: '<p>{{contactName}}, {{companyName}}</p>',
          text: '{{contactName}}',
        },
        vi: { subject: 'Cho {{companyName}}', html: '<p>{{contactName}}</p>', text: '{{contactName}}' },
      },
    });
    const response = await t.call('POST', `/v1/campaigns/${body.id}/preview`, { token: staff });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      audience: 2,
      byLanguage: { ru: 1, vi: 1 },
      // A member's live contact always has an address (API, import, seed); the reason is for contacts that may not.
      excluded: {
        'member-not-active': 1,
        'no-email': 0,
        unverified: 0,
        'no-consent': 1,
        'no-variant': 1,
        suppressed: 1,
      },
      samples: {
        ru: { subject: 'Для ООО «Рыба & Ко»', html: '<p>Анна, ООО «Рыба &amp; Ко»</p>', text: 'Анна' },
        vi: { subject: 'Cho ООО «Рыба & Ко»', html: '<p>Lan</p>', text: 'Lan' },
      },
    });
    expect(
      (await t.call('POST', '/v1/campaigns/01JD5Z7Q8N3V2K4M6P8R0T2W4Y/preview', { token: staff })).status,
    ).toBe(404);
  });

  it('reaches through a Vietnamese province the members of the provinces merged into it in 2025', async () => {
    // Ho Chi Minh City (VN-SG) took in Bình Dương (VN-57) and Bà Rịa – Vũng Tàu (VN-43); Hà Nội took in
    // none. No other test here uses these regions.
    const taxIds = mstSequence(Date.now() % 1_000_000);
    for (const [i, region] of ['VN-SG', 'VN-57', 'VN-43', 'VN-HN'].entries()) {
      const response = await t.call('POST', '/v1/members', {
        token: staff,
        body: company({
          country: 'VN',
          region,
          taxId: taxIds(),
          contacts: [
            {
              name: `Liên ${i}`,
              email: `lien.${i}.${region}@mekong.vn`,
              language: 'vi',
              consent: { outreach: true },
            },
          ],
        }),
      });
      expect(response.status, await response.clone().text()).toBe(201);
    }
    const audienceOf = async (regions: string[]) => {
      const { body } = await create({ segment: { regions } });
      const response = await t.call('POST', `/v1/campaigns/${body.id}/preview`, { token: staff });
      expect(response.status).toBe(200);
      return ((await response.json()) as { audience: number }).audience;
    };
    expect(await audienceOf(['VN-SG'])).toBe(3);
    expect(await audienceOf(['VN-57'])).toBe(1);
    expect(await audienceOf(['VN-SG', 'VN-HN'])).toBe(4);
  });
});
