/**
 * Partnership leads over HTTP on DynamoDB Local: create with its checks, one open lead per two
 * companies and topic, the stage rules, the timeline written with each change, every served list,
 * edits under If-Match, campaign events on the timeline, and what members see and ask for.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendNow } from '../support/campaign-runs.ts';
import { company } from '../support/companies.ts';
import type { Lead } from '../support/leads.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let staff: string;
let otherStaff: string;
const clockOffsetDays = 0;
beforeAll(async () => {
  t = await createTestApp({ clock: () => new Date(Date.now() + clockOffsetDays * 86_400_000) });
  staff = await t.token('staff');
  otherStaff = await t.token('admin');
});
afterAll(() => t.drop());

interface Problem {
  detail: string;
  existing?: { kind: string; id: string };
  errors?: { path: string }[];
}

let serial = Date.now() % 100_000;
const water = { topic: 'industrial-water-treatment', text: 'Treatment plants' };

async function member(overrides: Record<string, unknown> = {}) {
  const n = serial++;
  const response = await t.call('POST', '/v1/members', {
    token: staff,
    body: company({
      contacts: [
        { name: 'Ирина', email: `irina.${n}@leads.test`, language: 'ru', consent: { outreach: true } },
      ],
      ...overrides,
    }),
  });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as { id: string; contacts: { id: string }[] };
}

async function partner(overrides: Record<string, unknown> = {}) {
  const n = serial++;
  const response = await t.call('POST', '/v1/partners', {
    token: staff,
    body: {
      name: `Đối tác ${n}`,
      latinName: `Doi Tac ${n}`,
      country: 'VN',
      sectors: ['industrial-parks'],
      contacts: [{ name: 'Lan', email: `lan.${n}@leads.test`, language: 'vi', consent: { outreach: true } }],
      ...overrides,
    },
  });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as { id: string; contacts: { id: string }[] };
}

async function createLead(body: Record<string, unknown>, token = staff) {
  const response = await t.call('POST', '/v1/leads', { token, body });
  return { status: response.status, body: (await response.json()) as Lead & Problem, response };
}

async function openLead(body: Record<string, unknown>): Promise<Lead> {
  const { status, body: lead } = await createLead(body);
  expect(status, JSON.stringify(lead)).toBe(201);
  return lead;
}

const move = (id: string, to: string, extra: Record<string, unknown> = {}) =>
  t.call('POST', `/v1/leads/${id}/transitions`, { token: staff, body: { to, ...extra } });

async function read(id: string): Promise<Lead> {
  const response = await t.call('GET', `/v1/leads/${id}`, { token: staff });
  expect(response.status).toBe(200);
  return (await response.json()) as Lead;
}

async function listIds(query: string, token = staff) {
  const response = await t.call('GET', `/v1/leads?limit=100&${query}`, { token });
  expect(response.status, await response.clone().text()).toBe(200);
  return ((await response.json()) as { items: { id: string }[] }).items.map((l) => l.id);
}

/** A page of one lead of a list, from a cursor or its start. */
async function pageOfOne(query: string, cursor?: string) {
  const next = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
  const response = await t.call('GET', `/v1/leads?limit=1&${query}${next}`, { token: staff });
  expect(response.status).toBe(200);
  return (await response.json()) as { items: { id: string }[]; nextCursor: string | null };
}

describe('POST /v1/leads', () => {
  it('opens a lead in stage new, with a timeline that records who created it', async () => {
    const m = await member();
    const p = await partner();
    const { status, body, response } = await createLead({
      memberId: m.id,
      partnerId: p.id,
      topic: 'industrial-water-treatment',
      contacts: { member: [m.contacts[0]!.id], counterpart: [p.contacts[0]!.id] },
      source: { type: 'referral', by: 'Embassy' },
      estimatedValue: { amount: 4_500_000_000, currency: 'THB' },
      nextAction: { text: 'Send the specification', due: '2030-01-10' },
    });
    expect(status).toBe(201);
    expect(response.headers.get('location')).toBe(`/v1/leads/${body.id}`);
    expect(body).toMatchObject({
      stage: 'new',
      owner: null,
      counterpart: { kind: 'partner', id: p.id, country: 'VN' },
    });
    const lead = await read(body.id);
    expect(lead.timeline!.map((e) => [e.type, e.by?.sub])).toEqual([['created', 'local-staff']]);
  });

  it('refuses what does not hold, with 422 naming the field and nothing written', async () => {
    const m = await member();
    const p = await partner();
    const base = { memberId: m.id, partnerId: p.id, topic: 'trade', source: { type: 'inbound' } };
    const unknownMember = await createLead({ ...base, memberId: '01JD5Z7Q8N3V2K4M6P8R0T2W4Y' });
    expect(unknownMember.status).toBe(404);
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, otherMemberId: m.id }, 'partnerId'],
      [{ memberId: m.id, otherMemberId: m.id, topic: 'trade', source: { type: 'inbound' } }, 'otherMemberId'],
      [{ ...base, contacts: { member: [p.contacts[0]!.id] } }, 'contacts.member.0'],
      [
        { ...base, source: { type: 'campaign', campaignId: '01JD5Z7Q8N3V2K4M6P8R0T2W4Y' } },
        'source.campaignId',
      ],
      [{ ...base, source: { type: 'match', companies: [m.id, p.id], topic: 'trade' } }, 'source.topic'],
      [{ ...base, estimatedValue: { amount: 1.5, currency: 'USD' } }, 'estimatedValue.amount'],
    ];
    for (const [body, path] of cases) {
      const { status, body: problem } = await createLead(body);
      expect(status, path).toBe(422);
      expect(
        problem.errors?.map((e) => e.path),
        path,
      ).toContain(path);
    }
    expect(await listIds(`partnerId=${p.id}`)).toEqual([]);
  });

  it('accepts a match source only where the two companies meet on its topic', async () => {
    const m = await member({ offers: [water] });
    const p = await partner({ needs: [{ topic: 'industrial-water-treatment', text: 'A plant' }] });
    const lead = await openLead({
      memberId: m.id,
      partnerId: p.id,
      topic: 'industrial-water-treatment',
      source: { type: 'match', companies: [p.id, m.id], topic: 'industrial-water-treatment' },
    });
    expect(lead.stage).toBe('new');
  });

  it('keeps one open lead per two companies and topic: 409 naming it, free again once lost', async () => {
    const m = await member();
    const p = await partner();
    const body = { memberId: m.id, partnerId: p.id, topic: 'logistics', source: { type: 'inbound' } };
    const first = await openLead(body);
    const second = await createLead(body);
    expect(second.status).toBe(409);
    expect(second.body.existing).toEqual({ kind: 'lead', id: first.id });
    expect((await createLead({ ...body, topic: 'trade' })).status).toBe(201);
    expect((await move(first.id, 'lost', { reason: 'No budget' })).status).toBe(200);
    const third = await openLead(body);
    const reopen = await move(first.id, 'contacted');
    expect(reopen.status).toBe(409);
    expect(((await reopen.json()) as Problem).existing).toEqual({ kind: 'lead', id: third.id });
  });
});

describe('transitions', () => {
  it('walks new → contacted → meeting → negotiating → won, each on the timeline with who and when', async () => {
    const m = await member();
    const p = await partner();
    const lead = await openLead({
      memberId: m.id,
      partnerId: p.id,
      topic: 'energy',
      source: { type: 'inbound' },
    });
    for (const stage of ['contacted', 'meeting', 'negotiating', 'won']) {
      const response = await move(lead.id, stage, { note: `to ${stage}` });
      expect(response.status, stage).toBe(200);
      expect(((await response.json()) as Lead).stage).toBe(stage);
    }
    const after = (await read(lead.id)) as Lead & { wonAt?: string };
    expect(after.wonAt).toBeDefined();
    expect(after.timeline!.filter((e) => e.type === 'transition').map((e) => [e.from, e.to, e.text])).toEqual(
      [
        ['new', 'contacted', 'to contacted'],
        ['contacted', 'meeting', 'to meeting'],
        ['meeting', 'negotiating', 'to negotiating'],
        ['negotiating', 'won', 'to won'],
      ],
    );
    const final = await move(lead.id, 'lost', { reason: 'x' });
    expect(final.status).toBe(409);
    expect(((await final.json()) as Problem).detail).toContain('won is final');
  });

  it('answers 409 naming the allowed moves, and 422 for lost without a reason', async () => {
    const m = await member();
    const p = await partner();
    const lead = await openLead({
      memberId: m.id,
      partnerId: p.id,
      topic: 'tourism',
      source: { type: 'inbound' },
    });
    const skip = await move(lead.id, 'negotiating');
    expect(skip.status).toBe(409);
    expect(((await skip.json()) as Problem).detail).toBe('A lead in stage new may move to: contacted, lost.');
    expect((await move(lead.id, 'lost')).status).toBe(422);
    expect((await move(lead.id, 'lost', { reason: 'Went elsewhere' })).status).toBe(200);
    const lost = (await read(lead.id)) as Lead & { lostReason?: string };
    expect(lost.lostReason).toBe('Went elsewhere');
    expect((await move(lead.id, 'contacted')).status).toBe(200);
    expect(((await read(lead.id)) as Lead & { lostReason?: string }).lostReason).toBeUndefined();
    expect((await read(lead.id)).version).toBe(3);
  });
});

describe('activities, edits and lists', () => {
  let m: { id: string; contacts: { id: string }[] };
  let p: { id: string; contacts: { id: string }[] };
  let a: Lead;
  let b: Lead;
  beforeAll(async () => {
    m = await member();
    p = await partner({ country: 'TH' });
    a = await openLead({
      memberId: m.id,
      partnerId: p.id,
      topic: 'agriculture',
      source: { type: 'inbound' },
      owner: 'local-staff',
    });
    b = await openLead({
      memberId: m.id,
      partnerId: p.id,
      topic: 'fisheries',
      source: { type: 'inbound' },
      nextAction: { text: 'Call back', due: '2026-01-05' },
    });
  });

  it('adds activities to the timeline and orders lists by last activity', async () => {
    expect(await listIds(`memberId=${m.id}`)).toEqual([b.id, a.id]);
    const added = await t.call('POST', `/v1/leads/${a.id}/activities`, {
      token: staff,
      body: { type: 'call', text: 'Spoke with the director', shared: true },
    });
    expect(added.status).toBe(201);
    expect(await listIds(`memberId=${m.id}`)).toEqual([a.id, b.id]);
    const ahead = await t.call('POST', `/v1/leads/${b.id}/activities`, {
      token: staff,
      body: { type: 'note', text: 'From the future', at: '2999-01-01T00:00:00Z' },
    });
    expect(ahead.status).toBe(422);
    const lead = await read(a.id);
    expect(lead.timeline!.map((e) => [e.type, e.text ?? null])).toEqual([
      ['created', null],
      ['call', 'Spoke with the director'],
    ]);
  });

  it('serves each filter with one Query', async () => {
    expect(await listIds('stage=new')).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(await listIds('owner=me')).toContain(a.id);
    expect(await listIds('owner=me')).not.toContain(b.id);
    expect(await listIds('owner=none')).toContain(b.id);
    expect(await listIds('stage=new&owner=me')).toContain(a.id);
    expect(await listIds(`partnerId=${p.id}`)).toEqual([a.id, b.id]);
    expect(await listIds('country=TH')).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(await listIds('overdue=true')).toContain(b.id);
    expect(await listIds('overdue=true')).not.toContain(a.id);
  });

  it('combines filters, checking the others on the narrowest one’s list, and pages a checked list', async () => {
    const q = await partner({ country: 'VN' });
    const c = await openLead({
      memberId: m.id,
      partnerId: q.id,
      topic: 'agriculture',
      source: { type: 'inbound' },
      owner: 'local-staff',
    });
    const sorted = async (query: string) => (await listIds(query)).sort();
    expect(await sorted(`memberId=${m.id}&country=TH`)).toEqual([a.id, b.id].sort());
    expect(await sorted(`memberId=${m.id}&country=VN`)).toEqual([c.id]);
    expect(await sorted(`memberId=${m.id}&owner=me`)).toEqual([a.id, c.id].sort());
    expect(await sorted(`memberId=${m.id}&owner=none`)).toEqual([b.id]);
    expect(await sorted(`partnerId=${p.id}&owner=me&stage=new`)).toEqual([a.id]);
    expect(await sorted(`memberId=${m.id}&stage=contacted`)).toEqual([]);
    expect(await sorted(`country=VN&owner=me&stage=new`)).toContain(c.id);
    expect(await sorted(`country=VN&owner=me&stage=new`)).not.toContain(a.id);
    expect(await sorted(`overdue=true&memberId=${m.id}`)).toEqual([b.id]);
    expect(await sorted(`overdue=true&memberId=${m.id}&owner=me`)).toEqual([]);
    expect(await sorted(`overdue=true&stage=new&country=TH&partnerId=${p.id}`)).toEqual([b.id]);
    // A partner's list holds leads with a partner: a second member's id finds none there, and none when
    // checked on another list either (the overdue one, which holds this lead between two members).
    const n = await member();
    const between = await openLead({
      memberId: n.id,
      otherMemberId: m.id,
      topic: 'fisheries',
      source: { type: 'inbound' },
      nextAction: { text: 'Write to them', due: '2026-01-04' },
    });
    expect(await sorted(`overdue=true&memberId=${n.id}`)).toEqual([between.id]);
    expect(await sorted(`partnerId=${m.id}`)).toEqual([]);
    expect(await sorted(`overdue=true&partnerId=${m.id}`)).toEqual([]);
    expect((await t.call('GET', '/v1/leads?owner=&stage=new', { token: staff })).status).toBe(400);

    // Two of the member's three leads are mine: a page of one, then the other, then none left.
    const pageOf = (cursor?: string) => pageOfOne(`memberId=${m.id}&owner=me`, cursor);
    const first = await pageOf();
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).not.toBeNull();
    const second = await pageOf(first.nextCursor!);
    expect(second.items).toHaveLength(1);
    expect([first.items[0]!.id, second.items[0]!.id].sort()).toEqual([a.id, c.id].sort());
    const rest = second.nextCursor ? await pageOf(second.nextCursor) : { items: [] };
    expect(rest.items).toEqual([]);
  });

  it('pages a checked overdue list that read past a lead it did not keep, from the last lead it returned', async () => {
    // The overdue list, oldest first: another member's lead, then two of q's.
    const [q, other] = [await member(), await member()];
    const dueLead = async (memberId: string, due: string) =>
      openLead({
        memberId,
        partnerId: (await partner()).id,
        topic: 'agriculture',
        source: { type: 'inbound' },
        nextAction: { text: 'Call', due },
      });
    await dueLead(other.id, '2019-01-01');
    const older = await dueLead(q.id, '2019-01-02');
    const newer = await dueLead(q.id, '2019-01-03');
    const pageOf = (cursor?: string) => pageOfOne(`overdue=true&memberId=${q.id}`, cursor);
    // The first Query (Limit 1) keeps nothing, the second (Limit 2) both of q's: the page holds the
    // older, and the next one starts after it.
    const first = await pageOf();
    expect(first.items.map((l) => l.id)).toEqual([older.id]);
    const second = await pageOf(first.nextCursor!);
    expect(second.items.map((l) => l.id)).toEqual([newer.id]);
    const rest = second.nextCursor ? await pageOf(second.nextCursor) : { items: [] };
    expect(rest.items).toEqual([]);
  });

  it('refuses a campaign’s overdue leads, two lists neither of which holds the other’s key', async () => {
    const response = await t.call('GET', '/v1/leads?overdue=true&campaignId=01JD5Z7Q8N3V2K4M6P8R0T2W4Y', {
      token: staff,
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as Problem).detail).toContain(
      'campaignId and overdue cannot be combined',
    );
  });

  it('binds a cursor to the caller', async () => {
    const first = await t.call('GET', `/v1/leads?limit=1&memberId=${m.id}`, { token: staff });
    const { nextCursor } = (await first.json()) as { nextCursor: string };
    const query = `/v1/leads?limit=1&memberId=${m.id}&cursor=${encodeURIComponent(nextCursor)}`;
    expect((await t.call('GET', query, { token: staff })).status).toBe(200);
    expect((await t.call('GET', query, { token: otherStaff })).status).toBe(400);
  });

  it('edits under If-Match, recording what changed, and leaves the stage to transitions', async () => {
    const patch = (body: unknown, ifMatch?: string) =>
      t.call('PATCH', `/v1/leads/${b.id}`, {
        token: staff,
        body,
        headers: ifMatch ? { 'if-match': ifMatch } : {},
      });
    expect((await patch({ owner: 'local-staff' })).status).toBe(428);
    expect((await patch({ owner: 'local-staff' }, '"9"')).status).toBe(412);
    expect((await patch({ stage: 'won' }, '*')).status).toBe(422);
    const current = await read(b.id);
    const edited = await patch(
      { owner: 'local-staff', nextAction: null, notes: 'Prefers Thai' },
      `"${current.version}"`,
    );
    expect(edited.status, await edited.clone().text()).toBe(200);
    expect(await listIds('overdue=true')).not.toContain(b.id);
    expect((await read(b.id)).timeline!.at(-1)).toMatchObject({
      type: 'edited',
      fields: ['owner', 'nextAction', 'notes'],
    });
  });
});

describe('a lead from a campaign', () => {
  it("shows what the campaign did with the lead's contacts on its timeline", async () => {
    const m = await member({ sectors: ['chemicals'], languages: ['ru'] });
    const created = await t.call('POST', '/v1/campaigns', {
      token: staff,
      body: {
        name: 'Chemicals',
        segment: { sectors: ['chemicals'] },
        replyTo: 'partnerships@example.org',
        variants: { ru: { subject: 'Вьетнам', html: '<p>{{companyName}}</p>', text: '{{companyName}}' } },
      },
    });
    const campaignId = ((await created.json()) as { id: string }).id;
    await sendNow(t, staff, campaignId);
    const p = await partner();
    const lead = await openLead({
      memberId: m.id,
      partnerId: p.id,
      topic: 'chemicals',
      contacts: { member: [m.contacts[0]!.id] },
      source: { type: 'campaign', campaignId },
    });
    const timeline = (await read(lead.id)).timeline!;
    expect(timeline.find((e) => e.type === 'campaign')?.campaign).toMatchObject({
      status: expect.stringMatching(/sent|delivered/),
    });
    expect(await listIds(`campaignId=${campaignId}`)).toEqual([lead.id]);
    expect(await listIds(`campaignId=${campaignId}&stage=new&owner=none`)).toEqual([lead.id]);
    expect(await listIds(`campaignId=${campaignId}&stage=won`)).toEqual([]);
  });
});

describe('what members see and ask for', () => {
  it("lists a member's own leads without notes, value, owner or lost reason; shared activities only", async () => {
    const m = await member();
    const other = await member();
    const p = await partner();
    const lead = await openLead({
      memberId: m.id,
      partnerId: p.id,
      topic: 'education',
      source: { type: 'inbound' },
      notes: 'Secret',
      owner: 'local-staff',
      estimatedValue: { amount: 100, currency: 'SGD' },
    });
    await t.call('POST', `/v1/leads/${lead.id}/activities`, {
      token: staff,
      body: { type: 'note', text: 'Internal' },
    });
    await t.call('POST', `/v1/leads/${lead.id}/activities`, {
      token: staff,
      body: { type: 'meeting', text: 'Met in Hanoi', shared: true },
    });
    await move(lead.id, 'contacted', { note: 'internal note' });
    const token = await t.token('member', m.id);
    const listed = await t.call('GET', '/v1/me/leads', { token });
    expect(listed.status).toBe(200);
    const text = await listed.text();
    for (const secret of ['Secret', 'local-staff', 'estimatedValue', 'notes'])
      expect(text).not.toContain(secret);
    expect((JSON.parse(text) as { items: { id: string; stage: string }[] }).items).toEqual([
      expect.objectContaining({ id: lead.id, stage: 'contacted' }),
    ]);
    const one = await t.call('GET', `/v1/me/leads/${lead.id}`, { token });
    const body = (await one.json()) as { activities: { type: string; text?: string }[] };
    expect(body.activities.map((a) => [a.type, a.text ?? null])).toEqual([
      ['created', null],
      ['meeting', 'Met in Hanoi'],
      ['transition', null],
    ]);
    const stranger = await t.token('member', other.id);
    expect((await t.call('GET', `/v1/me/leads/${lead.id}`, { token: stranger })).status).toBe(404);
    expect((await t.call('GET', '/v1/leads', { token })).status).toBe(403);
  });

  it('opens a new, unassigned lead when a member asks for an introduction to a match', async () => {
    const m = await member({ offers: [water], matchmakingVisible: true });
    const p = await partner({
      needs: [{ topic: 'industrial-water-treatment', text: 'A plant' }],
      matchmakingVisible: true,
    });
    const hidden = await partner({ needs: [{ topic: 'industrial-water-treatment', text: 'A plant' }] });
    const token = await t.token('member', m.id);
    const ask = (companyId: string) =>
      t.call('POST', `/v1/me/matches/${companyId}/interest`, { token, body: { note: 'Keen to meet' } });
    const asked = await ask(p.id);
    expect(asked.status, await asked.clone().text()).toBe(201);
    const lead = (await asked.json()) as { id: string; stage: string; topic: string };
    expect(lead).toMatchObject({ stage: 'new', topic: 'industrial-water-treatment' });
    const staffView = (await read(lead.id)) as Lead & { source: unknown };
    expect(staffView).toMatchObject({ owner: null, source: { type: 'match', companies: [m.id, p.id] } });
    expect(await listIds('owner=none')).toContain(lead.id);
    const again = await ask(p.id);
    expect(again.status).toBe(409);
    // The open lead may be one the member does not see: its id is not given away.
    expect(((await again.json()) as Problem).existing).toBeUndefined();
    expect((await ask(hidden.id)).status).toBe(404);
  });
});
