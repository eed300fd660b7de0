/**
 * Foreign partners over HTTP on DynamoDB Local: create, read, list and search in either script,
 * duplicates refused by tax id and by name, one email guard across members and partners, merge
 * patches with If-Match, erasure and export, campaigns that reach partners' contacts and their
 * unsubscribes, and a partner joining the association as a member.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import PostalMime from 'postal-mime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendNow } from '../support/campaign-runs.ts';
import { company, mstSequence } from '../support/companies.ts';
import { createTestApp, type TestApp, testPublicBaseUrl } from '../support/test-app.ts';

let t: TestApp;
let staff: string;
let admin: string;
beforeAll(async () => {
  t = await createTestApp();
  staff = await t.token('staff');
  admin = await t.token('admin');
});
afterAll(() => t.drop());

interface Contact {
  id: string;
  name: string;
  email: string | null;
  consent: { outreach: { granted: boolean } };
  erasedAt?: string;
}
interface Partner {
  id: string;
  name: string;
  latinName: string;
  taxId?: string;
  contacts: Contact[];
  joinedAs?: string;
  version: number;
}
interface Problem {
  status: number;
  field?: string;
  existing?: { kind: string; id: string };
  errors?: { path: string }[];
}

const mst = mstSequence(31_440_000);
let serial = Date.now() % 100_000;

/** A valid create body for a Vietnamese partner with one contact, fresh tax id and address. */
function partnerBody(overrides: Record<string, unknown> = {}) {
  const n = serial++;
  return {
    name: `Công ty CP Khu công nghiệp Sài Gòn ${n}`,
    latinName: `Saigon Industrial Park ${n} JSC`,
    country: 'VN',
    region: 'VN-SG',
    taxId: mst(),
    sectors: ['industrial-parks'],
    targetMarkets: ['RU'],
    languages: ['vi', 'en'],
    offers: [{ topic: 'industrial-parks', text: 'Serviced plots near the port' }],
    needs: [{ topic: 'industrial-water-treatment', text: 'A treatment plant, 20,000 m³ a day' }],
    contacts: [
      {
        name: 'Nguyễn Thị Lan',
        email: `lan.${n}@partners.test`,
        language: 'vi',
        consent: { outreach: true },
      },
    ],
    ...overrides,
  };
}

async function create(body: Record<string, unknown>, token = staff) {
  const response = await t.call('POST', '/v1/partners', { token, body });
  return { status: response.status, body: (await response.json()) as Partner & Problem, response };
}

async function created(body: Record<string, unknown>): Promise<Partner> {
  const { status, body: partner } = await create(body);
  expect(status, JSON.stringify(partner)).toBe(201);
  return partner;
}

async function list(query: string) {
  const response = await t.call('GET', `/v1/partners?${query}`, { token: staff });
  return {
    status: response.status,
    body: (await response.json()) as { items: Partner[]; nextCursor: string | null },
  };
}

describe('POST /v1/partners and GET /v1/partners/{id}', () => {
  it('creates a partner with its contacts, read back with its ETag and Location', async () => {
    const body = partnerBody();
    const { status, body: partner, response } = await create(body);
    expect(status).toBe(201);
    expect(response.headers.get('location')).toBe(`/v1/partners/${partner.id}`);
    expect(response.headers.get('etag')).toBe('"1"');
    const read = await t.call('GET', `/v1/partners/${partner.id}`, { token: staff });
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe('"1"');
    const got = (await read.json()) as Partner & Record<string, unknown>;
    expect(got).toMatchObject({
      name: body.name,
      latinName: body.latinName,
      country: 'VN',
      matchmakingVisible: false,
    });
    expect(got.contacts[0]).toMatchObject({ email: body.contacts[0]!.email, emailStatus: 'verified' });
  });

  it('stores names NFC-normalised', async () => {
    const decomposed = 'Công ty TNHH Việt'.normalize('NFD');
    const partner = await created(partnerBody({ name: `${decomposed} ${serial}` }));
    expect(partner.name).toBe(partner.name.normalize('NFC'));
  });

  it('refuses a Latin name in another script, and a wrong MST check digit, with 422 and nothing stored', async () => {
    const thai = await create(partnerBody({ latinName: 'บริษัท สยาม จำกัด' }));
    expect(thai.status).toBe(422);
    expect(thai.body.errors?.map((e) => e.path)).toEqual(['latinName']);
    const good = mst();
    const wrong = good.slice(0, 9) + String((Number(good[9]) + 1) % 10);
    const bad = await create(partnerBody({ taxId: wrong }));
    expect(bad.status).toBe(422);
    expect(bad.body.errors?.map((e) => e.path)).toEqual(['taxId']);
    expect((await create(partnerBody({ taxId: good }))).status).toBe(201);
  });

  it('answers 404 for an unknown partner and 403 to a member token', async () => {
    expect((await t.call('GET', '/v1/partners/01JD5Z7Q8N3V2K4M6P8R0T2W4Y', { token: staff })).status).toBe(
      404,
    );
    const member = await t.token('member', '01JD5Z7Q8N3V2K4M6P8R0T2W4Y');
    expect((await t.call('GET', '/v1/partners', { token: member })).status).toBe(403);
    expect((await create(partnerBody(), member)).status).toBe(403);
  });
});

describe('duplicates', () => {
  it('refuses a tax id another partner holds with 409 naming it', async () => {
    const first = await created(partnerBody());
    const again = await create(partnerBody({ taxId: first.taxId }));
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ field: 'taxId', existing: { kind: 'partner', id: first.id } });
  });

  it('refuses a tax id a member holds with 409 naming the member, and the reverse', async () => {
    const taxId = mst();
    const member = await t.call('POST', '/v1/members', {
      token: staff,
      body: company({ country: 'VN', region: 'VN-HN', taxId, contacts: [] }),
    });
    expect(member.status).toBe(201);
    const memberId = ((await member.json()) as { id: string }).id;
    const clash = await create(partnerBody({ taxId }));
    expect(clash.status).toBe(409);
    expect(clash.body.existing).toEqual({ kind: 'member', id: memberId });

    const partner = await created(partnerBody());
    const memberClash = await t.call('POST', '/v1/members', {
      token: staff,
      body: company({ country: 'VN', region: 'VN-HN', taxId: partner.taxId, contacts: [] }),
    });
    expect(memberClash.status).toBe(409);
  });

  it('refuses the same name in the same country unless confirmNotDuplicate, in either script', async () => {
    const first = await created(partnerBody());
    const sameLatin = await create(partnerBody({ latinName: first.latinName.toUpperCase() }));
    expect(sameLatin.status).toBe(409);
    expect(sameLatin.body.existing).toEqual({ kind: 'partner', id: first.id });
    // The same name without its legal form and its tones is the same name.
    const sameOwn = await create(
      partnerBody({ name: first.name.replace('Công ty CP ', '').normalize('NFD').replace(/\p{M}/gu, '') }),
    );
    expect(sameOwn.status).toBe(409);
    expect(
      (await create(partnerBody({ latinName: first.latinName, confirmNotDuplicate: true }))).status,
    ).toBe(201);
    expect(
      (
        await create(
          partnerBody({
            latinName: first.latinName,
            name: 'Other',
            country: 'TH',
            region: undefined,
            taxId: undefined,
          }),
        )
      ).status,
    ).toBe(201);
  });

  it('holds one email guard across members and partners', async () => {
    const partner = await created(partnerBody());
    const email = partner.contacts[0]!.email!;
    const member = await t.call('POST', '/v1/members', {
      token: staff,
      body: company({ contacts: [{ name: 'Lan', email: email.toUpperCase(), language: 'vi' }] }),
    });
    expect(member.status).toBe(409);
    expect(((await member.json()) as Problem).field).toBe('contacts.0.email');

    const memberEmail = `m.${serial++}@partners.test`;
    const holder = await t.call('POST', '/v1/members', {
      token: staff,
      body: company({ contacts: [{ name: 'Member', email: memberEmail, language: 'ru' }] }),
    });
    expect(holder.status).toBe(201);
    const holderId = ((await holder.json()) as { id: string }).id;
    const clash = await create(
      partnerBody({ contacts: [{ name: 'Copy', email: memberEmail, language: 'en' }] }),
    );
    expect(clash.status).toBe(409);
    expect(clash.body).toMatchObject({
      field: 'contacts.0.email',
      existing: { kind: 'member', id: holderId },
    });
  });
});

describe('GET /v1/partners', () => {
  const tag = `q${Date.now() % 100_000}`;
  let thai: Partner;
  let vietnamese: Partner;
  beforeAll(async () => {
    thai = await created({
      name: `บริษัท สยามวอเตอร์ ${tag} จำกัด`,
      latinName: `Siam Water ${tag} Co., Ltd.`,
      country: 'TH',
      sectors: ['agriculture'],
      offers: [{ topic: 'food-canning', text: 'Canned fruit for export' }],
      contacts: [],
    });
    vietnamese = await created(
      partnerBody({
        name: `Công ty TNHH Dệt may Hưng Yên ${tag}`,
        latinName: `Hung Yen Garments ${tag} Co., Ltd.`,
        sectors: ['garments-textiles'],
      }),
    );
  });

  it('finds a Thai-script partner by its Latin name, ignoring case and legal form', async () => {
    const found = await list(`q=${encodeURIComponent(`siam water ${tag}`)}`);
    expect(found.status).toBe(200);
    expect(found.body.items.map((p) => p.id)).toEqual([thai.id]);
    expect(
      (await list(`q=${encodeURIComponent(`SIAM WATER ${tag} CO`)}`)).body.items.map((p) => p.id),
    ).toEqual([thai.id]);
  });

  it('finds a Vietnamese name without its tones or its legal form, and by its Latin name', async () => {
    for (const q of [
      `det may hung yen ${tag}`,
      `Dệt May ${tag}`.replace(tag, ''),
      `hung yen garments ${tag}`,
    ]) {
      const found = await list(`q=${encodeURIComponent(q)}`);
      expect(
        found.body.items.map((p) => p.id),
        q,
      ).toContain(vietnamese.id);
    }
  });

  it('lists by country, sector and topic, combined too, and refuses a name search with filters', async () => {
    expect((await list('country=TH&limit=100')).body.items.map((p) => p.id)).toContain(thai.id);
    expect((await list('country=TH&limit=100')).body.items.map((p) => p.id)).not.toContain(vietnamese.id);
    expect((await list('sector=garments-textiles&limit=100')).body.items.map((p) => p.id)).toContain(
      vietnamese.id,
    );
    expect((await list('topic=food-canning&limit=100')).body.items.map((p) => p.id)).toContain(thai.id);
    expect((await list('topic=industrial-water-treatment&limit=100')).body.items.map((p) => p.id)).toContain(
      vietnamese.id,
    );
    const ids = async (query: string) => (await list(`${query}&limit=100`)).body.items.map((p) => p.id);
    expect(await ids('country=TH&sector=agriculture')).toContain(thai.id);
    expect(await ids('country=TH&sector=garments-textiles')).not.toContain(thai.id);
    expect(await ids('topic=food-canning&country=TH&sector=agriculture')).toContain(thai.id);
    expect(await ids('topic=food-canning&country=VN')).not.toContain(thai.id);
    expect(await ids('topic=industrial-water-treatment&sector=garments-textiles')).toContain(vietnamese.id);
    // Pages of one read on past the partners that do not match, and list each match once.
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(
        `country=TH&sector=agriculture&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      paged.push(...page.body.items.map((p) => p.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(paged).toEqual(await ids('country=TH&sector=agriculture'));
    // A name search checks the country and sector it is given, not topic.
    expect((await list('q=siam&country=TH')).body.items.map((p) => p.id)).toEqual([thai.id]);
    expect((await list('q=siam&country=VN')).body.items).toEqual([]);
    expect((await list('q=siam&country=TH&sector=garments-textiles')).body.items).toEqual([]);
    expect((await list('q=siam&topic=food-canning')).status).toBe(400);
    expect((await list('q=s')).status).toBe(400);
  });

  it('pages in Latin-name order with a cursor bound to its query', async () => {
    const first = await list('limit=2');
    expect(first.body.items).toHaveLength(2);
    const next = await list(`limit=2&cursor=${encodeURIComponent(first.body.nextCursor!)}`);
    expect(next.status).toBe(200);
    expect(next.body.items.map((p) => p.id)).not.toContain(first.body.items[0]!.id);
    expect((await list(`country=TH&cursor=${encodeURIComponent(first.body.nextCursor!)}`)).status).toBe(400);
  });
});

describe('PATCH /v1/partners/{id}', () => {
  it('needs If-Match, refuses a stale one, applies a merge patch and records it', async () => {
    const partner = await created(partnerBody());
    const patch = (body: unknown, ifMatch?: string) =>
      t.call('PATCH', `/v1/partners/${partner.id}`, {
        token: staff,
        body,
        headers: ifMatch ? { 'if-match': ifMatch } : {},
      });
    expect((await patch({ matchmakingVisible: true })).status).toBe(428);
    expect((await patch({ matchmakingVisible: true }, '"7"')).status).toBe(412);
    const changed = await patch({ matchmakingVisible: true, notes: 'Met in Hanoi' }, '"1"');
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).toBe('"2"');
    expect(await changed.json()).toMatchObject({
      matchmakingVisible: true,
      notes: 'Met in Hanoi',
      version: 2,
    });
    expect((await patch({ country: 'XX' }, '"2"')).status).toBe(422);
    const history = await t.call('GET', `/v1/partners/${partner.id}/history`, { token: staff });
    const entries = ((await history.json()) as { items: { action: string; changes: { field: string }[] }[] })
      .items;
    expect(entries.map((e) => e.action)).toEqual(['update', 'create']);
    expect(entries[0]!.changes.map((c) => c.field).sort()).toEqual(['matchmakingVisible', 'notes']);
  });

  it('releases an address a patch removes, so a member may take it', async () => {
    const partner = await created(partnerBody());
    const email = partner.contacts[0]!.email!;
    const removed = await t.call('PATCH', `/v1/partners/${partner.id}`, {
      token: staff,
      body: { contacts: [] },
      headers: { 'if-match': '*' },
    });
    expect(removed.status).toBe(200);
    const member = await t.call('POST', '/v1/members', {
      token: staff,
      body: company({ contacts: [{ name: 'Lan', email, language: 'vi' }] }),
    });
    expect(member.status).toBe(201);
  });
});

describe('erasure and export', () => {
  it('tombstones the contacts and their history, suppresses the address, and is admin-only', async () => {
    const partner = await created(partnerBody());
    const email = partner.contacts[0]!.email!;
    expect((await t.call('POST', `/v1/partners/${partner.id}/erase`, { token: staff })).status).toBe(403);
    const erased = await t.call('POST', `/v1/partners/${partner.id}/erase`, { token: admin });
    expect(erased.status).toBe(200);
    const after = (await erased.json()) as Partner;
    expect(after.contacts[0]).toMatchObject({ email: null, name: '[erased]' });
    const exported = await t.call('GET', `/v1/partners/${partner.id}/export`, { token: staff });
    expect(exported.status).toBe(200);
    const text = await exported.text();
    expect(text).not.toContain(email);
    expect(text).not.toContain('Nguyễn Thị Lan');
    // The address is free for someone else's record, but on the suppression list.
    expect(
      (
        await t.call('POST', '/v1/members', {
          token: staff,
          body: company({ contacts: [{ name: 'New', email, language: 'ru' }] }),
        })
      ).status,
    ).toBe(201);
  });
});

describe('campaigns to partners', () => {
  it("reach partners' consenting contacts when the segment says so, and their unsubscribe withdraws consent", async () => {
    const email = `mai.${serial}@campaign.partners.test`;
    const partner = await created(
      partnerBody({
        country: 'MY',
        region: undefined,
        taxId: undefined,
        contacts: [
          { name: 'Mai', email, language: 'en', consent: { outreach: true } },
          { name: 'No Consent', email: `nc.${serial}@campaign.partners.test`, language: 'en' },
        ],
      }),
    );
    const campaign = await t.call('POST', '/v1/campaigns', {
      token: staff,
      body: {
        name: 'Malaysian partners',
        segment: { companies: ['partners'], countries: ['MY'] },
        replyTo: 'partnerships@example.org',
        variants: { en: { subject: 'Partnership', html: '<p>{{companyName}}</p>', text: '{{companyName}}' } },
      },
    });
    expect(campaign.status).toBe(201);
    const campaignId = ((await campaign.json()) as { id: string }).id;
    await sendNow(t, staff, campaignId);
    const recipients = await t.call('GET', `/v1/campaigns/${campaignId}/recipients?limit=100`, {
      token: staff,
    });
    const items = (
      (await recipients.json()) as {
        items: {
          contactId: string;
          companyKind: string;
          memberId: string;
          status: string | null;
          reason: string | null;
        }[];
      }
    ).items;
    expect(items.map((r) => [r.companyKind, r.memberId, r.reason ?? 'mailed']).sort()).toEqual([
      ['partner', partner.id, 'mailed'],
      ['partner', partner.id, 'no-consent'],
    ]);

    const files = (await readdir(t.outboxDir)).filter((f) => f.endsWith('.eml'));
    const emails = await Promise.all(files.map((f) => readFile(join(t.outboxDir, f), 'utf8')));
    const eml = emails.find((e) => e.includes(`To: ${email}`))!;
    expect((await PostalMime.parse(eml)).text).toContain(partner.name);
    const headers = eml.slice(0, eml.search(/\r?\n\r?\n/)).replace(/\r?\n[ \t]+/g, ' ');
    const link = /^List-Unsubscribe: <([^>]+)>/m.exec(headers)![1]!;
    const answer = await t.call('POST', link.slice(testPublicBaseUrl.length), {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(answer.status).toBe(200);
    await t.mailEvents.idle();
    const read = (await (
      await t.call('GET', `/v1/partners/${partner.id}`, { token: staff })
    ).json()) as Partner;
    expect(read.contacts.find((c) => c.email === email)!.consent.outreach.granted).toBe(false);
    const history = await t.call('GET', `/v1/partners/${partner.id}/history`, { token: staff });
    expect(((await history.json()) as { items: { action: string }[] }).items[0]!.action).toBe('unsubscribe');
  });

  it('leaves partners out of a segment that does not name them', async () => {
    await created(partnerBody({ country: 'PH', region: undefined, taxId: undefined }));
    const preview = await t.call('POST', '/v1/campaigns', {
      token: staff,
      body: {
        name: 'Members in PH',
        segment: { countries: ['PH'] },
        replyTo: 'partnerships@example.org',
        variants: { en: { subject: 'Hi', html: '<p>x</p>', text: 'x' } },
      },
    });
    const id = ((await preview.json()) as { id: string }).id;
    const audience = await t.call('POST', `/v1/campaigns/${id}/preview`, { token: staff });
    expect(audience.status).toBe(200);
    expect(((await audience.json()) as { audience: number }).audience).toBe(0);
  });
});

describe('POST /v1/partners/{id}/membership', () => {
  it('makes the partner a member in one transaction that moves its guards', async () => {
    const partner = await created(partnerBody());
    const joined = await t.call('POST', `/v1/partners/${partner.id}/membership`, {
      token: staff,
      body: { verifiedRevenue: { amount: 120_000_000_000, currency: 'VND' } },
      headers: { 'if-match': '"1"' },
    });
    expect(joined.status, await joined.clone().text()).toBe(201);
    const member = (await joined.json()) as {
      id: string;
      taxId: string;
      contacts: Contact[];
      interests: string[];
    };
    expect(joined.headers.get('location')).toBe(`/v1/members/${member.id}`);
    expect(member.taxId).toBe(partner.taxId);
    expect(member.contacts.map((c) => [c.id, c.email])).toEqual(partner.contacts.map((c) => [c.id, c.email]));
    expect(member.interests).toEqual(['industrial-water-treatment']);

    const read = (await (
      await t.call('GET', `/v1/partners/${partner.id}`, { token: staff })
    ).json()) as Partner;
    expect(read).toMatchObject({ joinedAs: member.id, contacts: [] });
    expect((await list(`q=${encodeURIComponent(partner.latinName)}`)).body.items).toEqual([]);
    // The guards are the member's now: a new partner with that tax id or address names the member.
    const clash = await create(partnerBody({ taxId: partner.taxId }));
    expect(clash.body.existing).toEqual({ kind: 'member', id: member.id });
    const emailClash = await create(
      partnerBody({ contacts: [{ name: 'x', email: partner.contacts[0]!.email, language: 'en' }] }),
    );
    expect(emailClash.body.existing).toEqual({ kind: 'member', id: member.id });
    // The member can be written: its guards hold its own id.
    const patched = await t.call('PATCH', `/v1/members/${member.id}`, {
      token: staff,
      body: { description: 'Joined from partners' },
      headers: { 'if-match': '*' },
    });
    expect(patched.status).toBe(200);

    const again = await t.call('POST', `/v1/partners/${partner.id}/membership`, {
      token: staff,
      body: {},
      headers: { 'if-match': '*' },
    });
    expect(again.status).toBe(409);
    expect(((await again.json()) as Problem).existing).toEqual({ kind: 'member', id: member.id });
    const edit = await t.call('PATCH', `/v1/partners/${partner.id}`, {
      token: staff,
      body: { notes: 'x' },
      headers: { 'if-match': `"${read.version}"` },
    });
    expect(edit.status).toBe(409);
  });

  it('needs a tax id for a partner without one, and refuses a stale If-Match, writing nothing', async () => {
    const partner = await created(partnerBody({ country: 'TH', region: undefined, taxId: undefined }));
    const join = (body: unknown, ifMatch: string) =>
      t.call('POST', `/v1/partners/${partner.id}/membership`, {
        token: staff,
        body,
        headers: { 'if-match': ifMatch },
      });
    const missing = await join({}, '"1"');
    expect(missing.status).toBe(422);
    expect(((await missing.json()) as Problem).errors?.map((e) => e.path)).toEqual(['taxId']);
    expect((await join({ taxId: '0105560012345' }, '"5"')).status).toBe(412);
    const read = (await (
      await t.call('GET', `/v1/partners/${partner.id}`, { token: staff })
    ).json()) as Partner;
    expect(read.joinedAs).toBeUndefined();
    expect((await join({ taxId: '0105560012345' }, '"1"')).status).toBe(201);
  });
});

describe('after a partner joins', () => {
  it('refuses edits of the partner, sends its old unsubscribe links to the member, and erases its past with the member', async () => {
    const email = `joined.${serial}@campaign.partners.test`;
    const partner = await created(
      partnerBody({
        country: 'SG',
        region: undefined,
        taxId: undefined,
        contacts: [{ name: 'Wei Ming', email, language: 'en', consent: { outreach: true } }],
      }),
    );
    const campaign = await t.call('POST', '/v1/campaigns', {
      token: staff,
      body: {
        name: 'Singapore partners',
        segment: { companies: ['partners'], countries: ['SG'] },
        replyTo: 'partnerships@example.org',
        variants: { en: { subject: 'Hello', html: '<p>{{contactName}}</p>', text: '{{contactName}}' } },
      },
    });
    await sendNow(t, staff, ((await campaign.json()) as { id: string }).id);
    const joined = await t.call('POST', `/v1/partners/${partner.id}/membership`, {
      token: staff,
      body: { taxId: '201912345K' },
      headers: { 'if-match': '*' },
    });
    expect(joined.status, await joined.clone().text()).toBe(201);
    const memberId = ((await joined.json()) as { id: string }).id;
    const edit = await t.call('PATCH', `/v1/partners/${partner.id}`, {
      token: staff,
      body: { notes: 'x' },
      headers: { 'if-match': '*' },
    });
    expect(edit.status).toBe(409);

    const files = (await readdir(t.outboxDir)).filter((f) => f.endsWith('.eml'));
    const emails = await Promise.all(files.map((f) => readFile(join(t.outboxDir, f), 'utf8')));
    const eml = emails.find((e) => e.includes(`To: ${email}`))!;
    const headers = eml.slice(0, eml.search(/\r?\n\r?\n/)).replace(/\r?\n[ \t]+/g, ' ');
    const link = /^List-Unsubscribe: <([^>]+)>/m.exec(headers)![1]!;
    await t.call('POST', link.slice(testPublicBaseUrl.length), {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    await t.mailEvents.idle();
    const member = (await (await t.call('GET', `/v1/members/${memberId}`, { token: staff })).json()) as {
      contacts: Contact[];
    };
    expect(member.contacts[0]!.consent.outreach.granted).toBe(false);

    expect((await t.call('POST', `/v1/members/${memberId}/erase`, { token: admin })).status).toBe(200);
    const history = await t.call('GET', `/v1/partners/${partner.id}/export`, { token: staff });
    const text = await history.text();
    expect(text).not.toContain(email);
    expect(text).not.toContain('Wei Ming');
  });
});
