/**
 * The served OpenAPI document against what the API really answers: a run through every operation,
 * with successes and the usual failures, records each response; each must have a documented status,
 * a documented content type, a body that validates against the documented schema, and every header
 * the document says is sent.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../shared/http/app.ts';
import { allApis } from '../../shared/http/contexts/all-apis.ts';
import { company } from '../support/companies.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

interface ResponseObject {
  content?: Record<string, { schema?: object }>;
  headers?: Record<string, { required?: boolean }>;
}
interface OperationObject {
  responses: Record<string, ResponseObject>;
}
interface OpenApiDocument {
  paths: Record<string, Record<string, OperationObject>>;
  components: { schemas: Record<string, { example?: unknown }> };
}

interface Recorded {
  operation: string;
  status: number;
  contentType: string | undefined;
  headers: Headers;
  body: string;
}

/** The real clock, but for the outcomes' calls: they come once the example event's meeting has begun. */
let now: number | undefined;
const t: TestApp = await createTestApp({ clock: () => new Date(now ?? Date.now()) });
/** Imports over 5 rows run as a job here, so a small file covers the 202 path. */
const app = createApp({ ...t.deps, importSyncMaxRows: 5 }, allApis);
const doc = (await (await app.request('/openapi.json')).json()) as OpenApiDocument;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
const recorded: Recorded[] = [];

let staff: string;
let admin: string;

async function call(
  operation: string,
  path: string,
  options: { token?: string; body?: string | object; headers?: Record<string, string> } = {},
) {
  const [method] = operation.split(' ');
  const body = typeof options.body === 'object' ? JSON.stringify(options.body) : options.body;
  const response = await app.request(path, {
    method,
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...options.headers,
    },
    ...(body !== undefined ? { body } : {}),
  });
  const text = await response.text();
  recorded.push({
    operation,
    status: response.status,
    contentType: response.headers.get('content-type')?.split(';')[0]?.trim(),
    headers: response.headers,
    body: text,
  });
  return { status: response.status, headers: response.headers, json: () => JSON.parse(text) };
}

function csvRows(count: number): string {
  const rows = Array.from({ length: count }, () => {
    const c = company();
    return `${c.name},RU,${c.taxId},energy`;
  });
  return `name,country,taxId,sectors\r\n${rows.join('\r\n')}\r\n`;
}

beforeAll(async () => {
  [staff, admin] = await Promise.all([t.token('staff'), t.token('admin')]);
  const created = await call('POST /v1/members', '/v1/members', { token: staff, body: company() });
  const member = created.json() as { id: string; taxId: string; contacts: { email: string }[] };
  const other = (await call('POST /v1/members', '/v1/members', { token: staff, body: company() })).json() as {
    id: string;
  };
  const self = await t.token('member', member.id);
  const id = member.id;

  await call('POST /v1/members', '/v1/members', {
    token: staff,
    body: { ...company(), taxId: member.taxId },
  });
  await call('POST /v1/members', '/v1/members', { token: staff, body: { name: '' } });
  await call('POST /v1/members', '/v1/members', { token: staff, body: '{"name":' });
  await call('POST /v1/members', '/v1/members', { body: company() });
  await call('POST /v1/members', '/v1/members', { token: self, body: company() });

  await call('GET /v1/members', '/v1/members?limit=1', { token: staff });
  await call('GET /v1/members', '/v1/members?q=dogovor', { token: staff });
  await call('GET /v1/members', '/v1/members?cursor=forged', { token: staff });
  await call('GET /v1/members', '/v1/members?tier=small&sector=energy', { token: staff });
  await call('GET /v1/members', '/v1/members?q=dogovor&tier=small', { token: staff });

  const read = await call('GET /v1/members/{id}', `/v1/members/${id}`, { token: staff });
  await call('GET /v1/members/{id}', `/v1/members/${id}`, { token: self });
  await call('GET /v1/members/{id}', `/v1/members/${other.id}`, { token: self });
  await call('GET /v1/members/{id}', '/v1/members/01JD5Z7Q8N3V2K4M6P8R0T2W4Y', { token: staff });
  await call('GET /v1/members/{id}', '/v1/members/not-a-ulid', { token: staff });

  const etag = read.headers.get('etag')!;
  const patch = { description: 'Водоочистка для промышленных парков.' };
  await call('PATCH /v1/members/{id}', `/v1/members/${id}`, { token: staff, body: patch });
  await call('PATCH /v1/members/{id}', `/v1/members/${id}`, {
    token: staff,
    body: patch,
    headers: { 'if-match': etag },
  });
  await call('PATCH /v1/members/{id}', `/v1/members/${id}`, {
    token: staff,
    body: patch,
    headers: { 'if-match': etag },
  });
  await call('PATCH /v1/members/{id}', `/v1/members/${id}`, {
    token: staff,
    body: { description: 'x' },
    headers: { 'if-match': '*', 'content-type': 'text/plain' },
  });
  await call('PATCH /v1/members/{id}', `/v1/members/${id}`, {
    token: self,
    body: { status: 'suspended' },
    headers: { 'if-match': '*' },
  });

  await call('GET /v1/me', '/v1/me', { token: self });
  await call('PATCH /v1/me', '/v1/me', {
    token: self,
    body: { website: 'https://dogovor.ru' },
    headers: { 'if-match': '*' },
  });
  const me = (await call('GET /v1/me', '/v1/me', { token: self })).json() as {
    contacts: { id: string; name: string; email: string; language: string }[];
  };
  const added = await call('PATCH /v1/me', '/v1/me', {
    token: self,
    body: {
      contacts: [
        ...me.contacts,
        { name: 'Нина Орлова', email: 'n.orlova@dogovor.ru', language: 'ru', consent: { outreach: true } },
      ],
    },
    headers: { 'if-match': '*' },
  });
  if (added.status !== 200)
    throw new Error(`PATCH /v1/me answered ${added.status}: ${JSON.stringify(added.json())}`);
  const newContact = (added.json() as { contacts: { id: string; emailStatus: string }[] }).contacts.at(-1)!;
  const confirmation = 'POST /v1/members/{id}/contacts/{contactId}/confirmation';
  await call(confirmation, `/v1/members/${id}/contacts/${newContact.id}/confirmation`, { token: self });
  await call(confirmation, `/v1/members/${id}/contacts/${me.contacts[0]!.id}/confirmation`, { token: staff });
  await call(confirmation, `/v1/members/${id}/contacts/01JD5Z7Q8N3V2K4M6P8R0T2W4Y/confirmation`, {
    token: staff,
  });
  await call('GET /v1/contact-conflicts', '/v1/contact-conflicts?limit=5', { token: staff });
  const invitation = 'POST /v1/members/{id}/contacts/{contactId}/invitation';
  const invited = await call(invitation, `/v1/members/${id}/contacts/${me.contacts[0]!.id}/invitation`, {
    token: staff,
  });
  await call(invitation, `/v1/members/${id}/contacts/${newContact.id}/invitation`, { token: staff });
  await call(invitation, `/v1/members/${id}/contacts/01JD5Z7Q8N3V2K4M6P8R0T2W4Y/invitation`, {
    token: staff,
  });
  await call('GET /v1/members/{id}/accounts', `/v1/members/${id}/accounts`, { token: staff });
  await call('GET /v1/me/accounts', '/v1/me/accounts', { token: self });
  const revoke = 'DELETE /v1/members/{id}/accounts/{accountId}';
  await call(revoke, `/v1/members/${id}/accounts/${(invited.json() as { accountId: string }).accountId}`, {
    token: staff,
  });
  await call(revoke, `/v1/members/${id}/accounts/no-such-account`, { token: staff });
  await call('GET /v1/members/{id}/export', `/v1/members/${id}/export`, { token: self });
  await call('GET /v1/members/{id}/history', `/v1/members/${id}/history?limit=5`, { token: staff });

  await call('GET /v1/members/export.csv', '/v1/members/export.csv?sector=energy', { token: staff });
  await call('POST /v1/members/import', '/v1/members/import', {
    token: staff,
    body: csvRows(2),
    headers: { 'content-type': 'text/csv' },
  });
  const accepted = await call('POST /v1/members/import', '/v1/members/import', {
    token: staff,
    body: csvRows(6),
    headers: { 'content-type': 'text/csv' },
  });
  await call('POST /v1/members/import', '/v1/members/import', {
    token: staff,
    body: 'nonsense,columns\r\n1,2\r\n',
    headers: { 'content-type': 'text/csv' },
  });
  await t.jobs.idle();
  const jobId = (accepted.json() as { job: { id: string } }).job.id;
  await call('GET /v1/jobs/{id}', `/v1/jobs/${jobId}`, { token: staff });
  await call('GET /v1/jobs/{id}', '/v1/jobs/01JD5Z7Q8N3V2K4M6P8R0T2W4Y', { token: staff });
  await call('GET /v1/jobs/{id}/report', `/v1/jobs/${jobId}/report?limit=2`, { token: staff });

  const tiers = await call('GET /v1/tiers', '/v1/tiers', { token: staff });
  await call('PUT /v1/tiers', '/v1/tiers', { token: staff, body: tiers.json() });
  await call('PUT /v1/tiers', '/v1/tiers', { token: admin, body: tiers.json() });
  await call('PUT /v1/tiers', '/v1/tiers', {
    token: admin,
    body: tiers.json(),
    headers: { 'if-match': tiers.headers.get('etag')! },
  });
  await call('PUT /v1/tiers', '/v1/tiers', {
    token: admin,
    body: tiers.json(),
    headers: { 'if-match': '"999"' },
  });
  const rates = await call('GET /v1/exchange-rates', '/v1/exchange-rates', { token: staff });
  await call('PUT /v1/exchange-rates', '/v1/exchange-rates', {
    token: admin,
    body: rates.json(),
    headers: { 'if-match': rates.headers.get('etag')! },
  });
  await call('PUT /v1/exchange-rates', '/v1/exchange-rates', {
    token: admin,
    body: { base: 'RUB', rates: [{ currency: 'RUB', perUnit: '1', validFrom: '2026-01-01' }] },
    headers: { 'if-match': '*' },
  });
  await t.jobs.idle();
  await call('GET /v1/reports/tiers', '/v1/reports/tiers', { token: staff });
  await call('GET /v1/reports/tiers', '/v1/reports/tiers?currency=USD', { token: staff });

  await call('DELETE /v1/members/{id}', `/v1/members/${other.id}`, { token: staff });
  await call('DELETE /v1/members/{id}', `/v1/members/${other.id}`, {
    token: admin,
    headers: { 'if-match': '*' },
  });
  await call('POST /v1/members/{id}/erase', `/v1/members/${other.id}/erase`, { token: admin });

  const campaign = {
    name: 'Vietnam Year',
    replyTo: 'partnerships@example.org',
    variants: {
      vi: { subject: 'Chào {{companyName}}', html: '<p>{{contactName}}</p>', text: '{{contactName}}' },
    },
    sendAt: '2027-01-15T10:00:00+07:00',
    timeZone: 'Asia/Ho_Chi_Minh',
  };
  const createdCampaign = await call('POST /v1/campaigns', '/v1/campaigns', { token: staff, body: campaign });
  await call('POST /v1/campaigns', '/v1/campaigns', {
    token: staff,
    body: { ...campaign, variants: { vi: { subject: '{{nope}}', html: 'x', text: 'x' } } },
  });
  const campaignId = (createdCampaign.json() as { id: string }).id;
  await call('GET /v1/campaigns', '/v1/campaigns?limit=1', { token: staff });
  await call('GET /v1/campaigns/{id}', `/v1/campaigns/${campaignId}`, { token: staff });
  await call('GET /v1/campaigns/{id}', '/v1/campaigns/01JD5Z7Q8N3V2K4M6P8R0T2W4Y', { token: staff });
  await call('POST /v1/campaigns/{id}/preview', `/v1/campaigns/${campaignId}/preview`, { token: staff });
  await call('POST /v1/campaigns/{id}/preview', '/v1/campaigns/01JD5Z7Q8N3V2K4M6P8R0T2W4Y/preview', {
    token: staff,
  });
  await call('PATCH /v1/campaigns/{id}', `/v1/campaigns/${campaignId}`, {
    token: staff,
    body: { name: 'x' },
  });
  await call('PATCH /v1/campaigns/{id}', `/v1/campaigns/${campaignId}`, {
    token: staff,
    body: { name: 'Vietnam Year, second wave', sendAt: null },
    headers: { 'if-match': createdCampaign.headers.get('etag')! },
  });
  await call('DELETE /v1/campaigns/{id}', `/v1/campaigns/${campaignId}`, {
    token: staff,
    headers: { 'if-match': '"1"' },
  });
  await call('DELETE /v1/campaigns/{id}', `/v1/campaigns/${campaignId}`, {
    token: staff,
    headers: { 'if-match': '"2"' },
  });
  const sending = await call('POST /v1/campaigns', '/v1/campaigns', { token: staff, body: campaign });
  const sendingId = (sending.json() as { id: string }).id;
  const unknownCampaign = '/v1/campaigns/01JD5Z7Q8N3V2K4M6P8R0T2W4Y';
  await call('POST /v1/campaigns/{id}/schedule', `/v1/campaigns/${sendingId}/schedule`, {
    token: staff,
    body: { sendAt: '2020-01-01T00:00:00Z' },
  });
  await call('POST /v1/campaigns/{id}/schedule', `/v1/campaigns/${sendingId}/schedule`, {
    token: staff,
    body: { sendAt: '2099-01-15T10:00:00+07:00' },
  });
  await call('POST /v1/campaigns/{id}/schedule', `/v1/campaigns/${sendingId}/schedule`, {
    token: staff,
    body: {},
  });
  await call('POST /v1/campaigns/{id}/unschedule', `/v1/campaigns/${sendingId}/unschedule`, { token: staff });
  await call('POST /v1/campaigns/{id}/unschedule', `/v1/campaigns/${sendingId}/unschedule`, { token: staff });
  await call('POST /v1/campaigns/{id}/schedule', `/v1/campaigns/${sendingId}/schedule`, {
    token: staff,
    body: { sendAt: '2099-01-15T10:00:00+07:00' },
  });
  await call('POST /v1/campaigns/{id}/pause', `/v1/campaigns/${sendingId}/pause`, { token: staff });
  await call('POST /v1/campaigns/{id}/resume', `/v1/campaigns/${sendingId}/resume`, { token: staff });
  await call('GET /v1/campaigns/{id}/recipients', `/v1/campaigns/${sendingId}/recipients`, { token: staff });
  await call('GET /v1/campaigns/{id}/recipients', `${unknownCampaign}/recipients`, { token: staff });
  await call('POST /v1/campaigns/{id}/test', `/v1/campaigns/${sendingId}/test`, { token: staff });
  await call('POST /v1/campaigns/{id}/test', `${unknownCampaign}/test`, { token: staff });
  const release = 'POST /v1/campaigns/{id}/recipients/{contactId}/release';
  await call(release, `/v1/campaigns/${sendingId}/recipients/01JD5Z7Q8N3V2K4M6P8R0T2W4Y/release`, {
    token: staff,
  });
  await call(release, `${unknownCampaign}/recipients/01JD5Z7Q8N3V2K4M6P8R0T2W4Y/release`, { token: staff });
  await call('GET /v1/campaigns/{id}/stats', `/v1/campaigns/${sendingId}/stats`, { token: staff });
  await call('GET /v1/unknown-recipients', '/v1/unknown-recipients?limit=5', { token: staff });
  await call('GET /v1/campaigns/{id}/stats', `${unknownCampaign}/stats`, { token: staff });
  await call('POST /v1/campaigns/{id}/cancel', `/v1/campaigns/${sendingId}/cancel`, { token: staff });
  await call('POST /v1/campaigns/{id}/cancel', `${unknownCampaign}/cancel`, { token: staff });
  await callPartnerRoutes();
  await call('GET /health', '/health');
}, 120_000);

/** Every partner route, with the documented example body, its success and its refusals. */
async function callPartnerRoutes() {
  const example = doc.components.schemas.PartnerCreate!.example as Record<string, unknown>;
  const unknown = '/v1/partners/01JD5Z7Q8N3V2K4M6P8R0T2W4Y';
  const created = await call('POST /v1/partners', '/v1/partners', { token: staff, body: example });
  const partnerId = ((await created.json()) as { id: string }).id;
  // The same tax id: a 409 naming the partner that holds it.
  await call('POST /v1/partners', '/v1/partners', { token: staff, body: example });
  await call('POST /v1/partners', '/v1/partners', { token: staff, body: { ...example, country: 'XX' } });
  await call('GET /v1/partners', '/v1/partners?limit=1', { token: staff });
  await call('GET /v1/partners', '/v1/partners?q=saigon', { token: staff });
  await call('GET /v1/partners', '/v1/partners?country=VN&sector=trade', { token: staff });
  await call('GET /v1/partners/{id}', `/v1/partners/${partnerId}`, { token: staff });
  await call('GET /v1/partners/{id}', unknown, { token: staff });
  const patch = 'PATCH /v1/partners/{id}';
  await call(patch, `/v1/partners/${partnerId}`, { token: staff, body: { notes: 'x' } });
  await call(patch, `/v1/partners/${partnerId}`, {
    token: staff,
    body: { notes: 'x' },
    headers: { 'if-match': '"9"' },
  });
  await call(patch, `/v1/partners/${partnerId}`, {
    token: staff,
    body: { notes: 'x' },
    headers: { 'if-match': '"1"' },
  });
  await call(patch, unknown, { token: staff, body: { notes: 'x' }, headers: { 'if-match': '*' } });
  await call('GET /v1/partners/{id}/history', `/v1/partners/${partnerId}/history`, { token: staff });
  await call('GET /v1/partners/{id}/history', `${unknown}/history`, { token: staff });
  await call('GET /v1/partners/{id}/export', `/v1/partners/${partnerId}/export`, { token: staff });
  await call('GET /v1/partners/{id}/export', `${unknown}/export`, { token: staff });
  const join = 'POST /v1/partners/{id}/membership';
  const joinExample = doc.components.schemas.PartnerJoin!.example as object;
  await call(join, `/v1/partners/${partnerId}/membership`, { token: staff, body: joinExample });
  await call(join, `/v1/partners/${partnerId}/membership`, {
    token: staff,
    body: joinExample,
    headers: { 'if-match': '"9"' },
  });
  await call(join, `/v1/partners/${partnerId}/membership`, {
    token: staff,
    body: joinExample,
    headers: { 'if-match': '"2"' },
  });
  await call(join, `/v1/partners/${partnerId}/membership`, {
    token: staff,
    body: joinExample,
    headers: { 'if-match': '*' },
  });
  await call(join, `${unknown}/membership`, {
    token: staff,
    body: joinExample,
    headers: { 'if-match': '*' },
  });
  await call('POST /v1/partners/{id}/erase', `/v1/partners/${partnerId}/erase`, { token: admin });
  await call('POST /v1/partners/{id}/erase', `${unknown}/erase`, { token: admin });
  await call('GET /v1/matches', `/v1/matches?partnerId=${partnerId}`, { token: staff });
  const visible = await call('POST /v1/partners', '/v1/partners', {
    token: staff,
    body: { ...example, taxId: undefined, contacts: [], confirmNotDuplicate: true },
  });
  const visibleId = ((await visible.json()) as { id: string }).id;
  await call('GET /v1/matches', `/v1/matches?partnerId=${visibleId}&limit=5`, { token: staff });
  await call('GET /v1/matches', '/v1/matches', { token: staff });
  await call('GET /v1/matches', '/v1/matches?memberId=01JD5Z7Q8N3V2K4M6P8R0T2W4Y', { token: staff });
  const member = await call('POST /v1/members', '/v1/members', {
    token: staff,
    body: company({
      offers: [{ topic: 'industrial-water-treatment', text: 'Plants' }],
      matchmakingVisible: true,
    }),
  });
  const memberToken = await t.token('member', ((await member.json()) as { id: string }).id);
  await call('GET /v1/me/matches', '/v1/me/matches', { token: memberToken });
  await callLeadRoutes(visibleId);
  await callEventRoutes();
}

/** Every lead route: the documented example body where there is one, successes and refusals. */
async function callLeadRoutes(partnerId: string) {
  const unknown = '/v1/leads/01JD5Z7Q8N3V2K4M6P8R0T2W4Y';
  const memberBody = company({
    offers: [{ topic: 'industrial-parks', text: 'Plots' }],
    needs: [{ topic: 'industrial-water-treatment', text: 'Plants' }],
    matchmakingVisible: true,
  });
  const member = await call('POST /v1/members', '/v1/members', { token: staff, body: memberBody });
  const memberId = ((await member.json()) as { id: string }).id;
  const example = doc.components.schemas.LeadCreate!.example as Record<string, unknown>;
  const body = { ...example, memberId, partnerId };
  const created = await call('POST /v1/leads', '/v1/leads', { token: staff, body });
  const leadId = ((await created.json()) as { id: string }).id;
  await call('POST /v1/leads', '/v1/leads', { token: staff, body });
  await call('POST /v1/leads', '/v1/leads', { token: staff, body: { ...body, memberId: partnerId } });
  await call('GET /v1/leads', '/v1/leads?stage=new&owner=me', { token: staff });
  await call('GET /v1/leads', '/v1/leads?overdue=true', { token: staff });
  await call('GET /v1/leads', '/v1/leads?stage=new&country=VN', { token: staff });
  await call('GET /v1/leads/{id}', `/v1/leads/${leadId}`, { token: staff });
  await call('GET /v1/leads/{id}', unknown, { token: staff });
  const patch = 'PATCH /v1/leads/{id}';
  const patchExample = doc.components.schemas.LeadPatch!.example as object;
  await call(patch, `/v1/leads/${leadId}`, { token: staff, body: patchExample });
  await call(patch, `/v1/leads/${leadId}`, {
    token: staff,
    body: patchExample,
    headers: { 'if-match': '"9"' },
  });
  await call(patch, `/v1/leads/${leadId}`, {
    token: staff,
    body: patchExample,
    headers: { 'if-match': '"1"' },
  });
  await call(patch, unknown, { token: staff, body: patchExample, headers: { 'if-match': '*' } });
  const transitions = 'POST /v1/leads/{id}/transitions';
  await call(transitions, `/v1/leads/${leadId}/transitions`, { token: staff, body: { to: 'contacted' } });
  await call(transitions, `/v1/leads/${leadId}/transitions`, { token: staff, body: { to: 'won' } });
  await call(transitions, `/v1/leads/${leadId}/transitions`, { token: staff, body: { to: 'lost' } });
  await call(transitions, `${unknown}/transitions`, { token: staff, body: { to: 'contacted' } });
  const activities = 'POST /v1/leads/{id}/activities';
  const activity = doc.components.schemas.LeadActivityInput!.example as object;
  await call(activities, `/v1/leads/${leadId}/activities`, { token: staff, body: activity });
  await call(activities, `${unknown}/activities`, { token: staff, body: activity });
  const memberToken = await t.token('member', memberId);
  await call('GET /v1/me/leads', '/v1/me/leads', { token: memberToken });
  await call('GET /v1/me/leads/{leadId}', `/v1/me/leads/${leadId}`, { token: memberToken });
  await call('GET /v1/me/leads/{leadId}', '/v1/me/leads/01JD5Z7Q8N3V2K4M6P8R0T2W4Y', { token: memberToken });
  const interest = 'POST /v1/me/matches/{companyId}/interest';
  const interestExample = doc.components.schemas.MatchInterest!.example as object;
  const other = await call('POST /v1/members', '/v1/members', {
    token: staff,
    body: company({
      offers: [{ topic: 'industrial-water-treatment', text: 'Plants' }],
      matchmakingVisible: true,
    }),
  });
  const otherId = ((await other.json()) as { id: string }).id;
  await call(interest, `/v1/me/matches/${otherId}/interest`, { token: memberToken, body: interestExample });
  await call(interest, `/v1/me/matches/${otherId}/interest`, { token: memberToken, body: interestExample });
  await call('GET /v1/reports/pipeline', '/v1/reports/pipeline', { token: staff });
  await call('GET /v1/reports/pipeline', '/v1/reports/pipeline?asOf=1999-01-01', { token: staff });
  await call('POST /v1/reports/pipeline/rebuild', '/v1/reports/pipeline/rebuild', { token: admin });
  await call(interest, '/v1/me/matches/01JD5Z7Q8N3V2K4M6P8R0T2W4Y/interest', {
    token: memberToken,
    body: interestExample,
  });
}

/** Every event route: the documented example bodies, a small programme run through, and refusals. */
async function callEventRoutes() {
  const unknown = '/v1/events/01JD5Z7Q8N3V2K4M6P8R0T2W4Y';
  const example = doc.components.schemas.EventCreate!.example as Record<string, unknown>;
  const created = await call('POST /v1/events', '/v1/events', { token: staff, body: example });
  const eventId = ((await created.json()) as { id: string }).id;
  const path = `/v1/events/${eventId}`;
  await call('POST /v1/events', '/v1/events', {
    token: staff,
    body: { ...example, timeZone: 'Nowhere/Else' },
  });
  await call('GET /v1/events', '/v1/events?limit=2', { token: staff });
  await call('GET /v1/events/{id}', path, { token: staff });
  await call('GET /v1/events/{id}', unknown, { token: staff });
  const patch = 'PATCH /v1/events/{id}';
  await call(patch, path, { token: staff, body: { state: 'held' }, headers: { 'if-match': '*' } });
  await call(patch, path, { token: staff, body: { state: 'open' }, headers: { 'if-match': '"9"' } });
  await call(patch, path, { token: staff, body: { state: 'open' } });
  await call(patch, path, { token: staff, body: { state: 'open' }, headers: { 'if-match': '*' } });
  const companies = [];
  for (const country of ['RU', 'RU']) {
    const response = await call('POST /v1/members', '/v1/members', {
      token: staff,
      body: company({
        country,
        offers: [{ topic: 'energy', text: 'Turbines' }],
        needs: [{ topic: 'energy', text: 'Parts' }],
      }),
    });
    companies.push((await response.json()) as { id: string; contacts: { id: string }[] });
  }
  const [a, b] = companies as [
    { id: string; contacts: { id: string }[] },
    { id: string; contacts: { id: string }[] },
  ];
  const aToken = await t.token('member', a.id);
  const unknownCompany = '01JD5Z7Q8N3V2K4M6P8R0T2W4Y';
  const register = 'POST /v1/events/{id}/participants';
  await call(register, `${path}/participants`, {
    token: staff,
    body: { memberId: a.id, delegates: [{ contactId: a.contacts[0]!.id }] },
  });
  await call(register, `${path}/participants`, {
    token: staff,
    body: { memberId: a.id, delegates: [{ contactId: a.contacts[0]!.id }] },
  });
  await call(register, `${path}/participants`, {
    token: staff,
    body: doc.components.schemas.EventParticipantCreate!.example as object,
  });
  const self = 'POST /v1/me/events/{eventId}/registration';
  await call(self, `${path}/registration`.replace('/v1/events', '/v1/me/events'), {
    token: await t.token('member', b.id),
    body: { delegates: [{ contactId: b.contacts[0]!.id }] },
  });
  await call(self, `${unknown}/registration`.replace('/v1/events', '/v1/me/events'), {
    token: aToken,
    body: doc.components.schemas.EventRegistration!.example as object,
  });
  const amend = 'PATCH /v1/events/{id}/participants/{companyId}';
  const changes = { offers: ['energy'] };
  await call(amend, `${path}/participants/${a.id}`, {
    token: staff,
    body: changes,
    headers: { 'if-match': '"1"' },
  });
  await call(amend, `${path}/participants/${a.id}`, {
    token: staff,
    body: changes,
    headers: { 'if-match': '"1"' },
  });
  await call(amend, `${path}/participants/${a.id}`, { token: staff, body: changes });
  await call(amend, `${path}/participants/${a.id}`, {
    token: staff,
    body: doc.components.schemas.EventParticipantPatch!.example as object,
    headers: { 'if-match': '*' },
  });
  await call(amend, `${path}/participants/${unknownCompany}`, {
    token: staff,
    body: changes,
    headers: { 'if-match': '*' },
  });
  await call('GET /v1/events/{id}/participants', `${path}/participants`, { token: staff });
  await call('GET /v1/events/{id}/participants', `${path}/participants`, { token: aToken });
  await call('GET /v1/me/events', '/v1/me/events', { token: aToken });
  const requests = 'POST /v1/events/{id}/requests';
  const requestExample = doc.components.schemas.MeetingRequestCreate!.example as object;
  const sent = await call(requests, `${path}/requests`, {
    token: aToken,
    body: { ...requestExample, to: b.id, topic: 'energy' },
  });
  const requestId = ((await sent.json()) as { id: string }).id;
  await call(requests, `${path}/requests`, { token: aToken, body: { ...requestExample, to: b.id } });
  await call(requests, `${path}/requests`, { token: staff, body: requestExample });
  await call('GET /v1/events/{id}/requests', `${path}/requests`, { token: staff });
  await call('GET /v1/events/{id}/requests', `${path}/requests`, { token: aToken });
  const accept = 'POST /v1/events/{id}/requests/{requestId}/accept';
  await call(accept, `${path}/requests/${requestId}/accept`, { token: aToken });
  await call(accept, `${path}/requests/${requestId}/accept`, { token: staff });
  await call(accept, `${path}/requests/${requestId}/accept`, { token: staff });
  const decline = 'POST /v1/events/{id}/requests/{requestId}/decline';
  await call(decline, `${path}/requests/${requestId}/decline`, { token: staff });
  await call(decline, `${unknown}/requests/${requestId}/decline`, { token: staff });
  const meetings = 'POST /v1/events/{id}/meetings';
  await call(meetings, `${path}/meetings`, {
    token: staff,
    body: doc.components.schemas.MeetingCreate!.example as object,
  });
  await call(meetings, `${path}/meetings`, { token: staff, body: { a: a.id, b: b.id } });
  const schedule = 'POST /v1/events/{id}/schedule';
  await call(schedule, `${path}/schedule`, {
    token: staff,
    body: doc.components.schemas.ScheduleRun!.example as object,
  });
  await call(schedule, `${path}/schedule`, { token: staff, body: { publish: true } });
  await call(schedule, `${unknown}/schedule`, { token: staff, body: {} });
  await call('GET /v1/events/{id}/schedule', `${path}/schedule`, { token: staff });
  await call('GET /v1/events/{id}/schedule', `${unknown}/schedule`, { token: staff });
  const outcome = 'POST /v1/events/{id}/meetings/{meetingId}/outcome';
  const outcomeExample = doc.components.schemas.MeetingOutcome!.example as object;
  await call(outcome, `${path}/meetings/${requestId}/outcome`, { token: aToken, body: outcomeExample });
  now = Date.parse('2027-03-16T15:00:00Z');
  await call(outcome, `${path}/meetings/${requestId}/outcome`, { token: aToken, body: outcomeExample });
  await call(outcome, `${path}/meetings/${requestId}/outcome`, { token: staff, body: outcomeExample });
  await call(outcome, `${path}/meetings/${requestId}-x/outcome`, { token: staff, body: outcomeExample });
  now = undefined;
  // Before its meeting had begun, then after: the success's body is checked against its schema too.
  expect(recorded.filter((r) => r.operation === outcome).map((r) => r.status)).toEqual([409, 200, 422, 400]);
  await call('GET /v1/reports/events/{id}', `/v1/reports/events/${eventId}`, { token: staff });
  await call('GET /v1/reports/events/{id}', '/v1/reports/events/01JD5Z7Q8N3V2K4M6P8R0T2W4Y', {
    token: staff,
  });
  const agenda = 'GET /v1/events/{id}/participants/{companyId}/agenda';
  await call(agenda, `${path}/participants/${a.id}/agenda`, { token: aToken });
  await call(agenda, `${path}/participants/${a.id}/agenda`, {
    token: staff,
    headers: { accept: 'text/calendar' },
  });
  await call(agenda, `${path}/participants/${b.id}/agenda`, { token: aToken });
  const plan = 'GET /v1/events/{id}/interpreter-plan';
  await call(plan, `${path}/interpreter-plan`, { token: staff });
  await call(plan, `${unknown}/interpreter-plan`, { token: staff });
  const withdraw = 'DELETE /v1/events/{id}/participants/{companyId}';
  await call(withdraw, `${path}/participants/${b.id}`, { token: staff });
  await call(withdraw, `${path}/participants/${b.id}`, { token: staff });
  const selfWithdraw = 'DELETE /v1/me/events/{eventId}/registration';
  await call(selfWithdraw, `/v1/me/events/${eventId}/registration`, { token: aToken });
  await call(selfWithdraw, `/v1/me/events/${eventId}/registration`, { token: aToken });
  const followUp = 'POST /v1/events/{id}/follow-up';
  await call(followUp, `${path}/follow-up`, { token: staff });
  await call(followUp, `${unknown}/follow-up`, { token: staff });
  // Held once it has begun: the follow-up is asked after it.
  now = Date.parse('2027-03-16T15:00:00Z');
  await call(patch, path, { token: staff, body: { state: 'held' }, headers: { 'if-match': '*' } });
  await call(followUp, `${path}/follow-up`, { token: staff });
  now = undefined;
  expect(recorded.filter((r) => r.operation === followUp).map((r) => r.status)).toEqual([409, 404, 200]);
}

afterAll(() => t.drop());

function responseOf(record: Recorded): ResponseObject | undefined {
  const [method, path] = record.operation.split(' ') as [string, string];
  const operation = doc.paths[path]?.[method.toLowerCase()];
  return operation?.responses[String(record.status)] ?? operation?.responses.default;
}

describe('the OpenAPI document against real responses', () => {
  it('covers every operation it lists with at least one recorded response', () => {
    const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const seen = new Set(recorded.map((r) => r.operation));
    expect(operations.filter((operation) => !seen.has(operation))).toEqual([]);
  });

  it('documents the status and content type of every response', () => {
    const undocumented = recorded
      .filter((record) => {
        const response = responseOf(record);
        if (!response) return true;
        if (record.body === '') return false;
        return !record.contentType || !Object.keys(response.content ?? {}).includes(record.contentType);
      })
      .map((r) => `${r.operation} → ${r.status} ${r.contentType}`);
    expect(undocumented).toEqual([]);
  });

  it('answers bodies that validate against the documented schemas', () => {
    const invalid: string[] = [];
    for (const record of recorded) {
      const schema = responseOf(record)?.content?.[record.contentType ?? '']?.schema;
      if (!schema || !record.contentType?.includes('json')) continue;
      const validate = ajv.compile({ ...schema, components: doc.components });
      if (!validate(JSON.parse(record.body))) {
        invalid.push(`${record.operation} → ${record.status}: ${ajv.errorsText(validate.errors)}`);
      }
    }
    expect(invalid).toEqual([]);
  });

  it('sends every header the document says a response carries', () => {
    const missing = recorded.flatMap((record) =>
      Object.entries(responseOf(record)?.headers ?? {})
        .filter(([name, header]) => header.required !== false && !record.headers.has(name))
        .map(([name]) => `${record.operation} → ${record.status} lacks ${name}`),
    );
    expect(missing).toEqual([]);
  });
});
