import { readdir, readFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import PostalMime from 'postal-mime';
import { describe, expect, inject, it } from 'vitest';
import { loadDevSecrets } from '../../infra/local/dev-secrets.ts';
import { withInnCheckDigits } from '../../shared/domain/tax-id.ts';
import { signLocalToken } from '../../shared/identity/local-jwt.ts';

const baseUrl = inject('baseUrl');

/** This machine's addresses other than loopback: where its network would reach it. */
const networkAddresses = Object.values(networkInterfaces())
  .flat()
  .filter((address) => address !== undefined && !address.internal)
  .map((address) => address!.address);

function connects(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2000 })
      .once('connect', () => {
        socket.destroy();
        resolve(true);
      })
      .once('error', () => resolve(false))
      .once('timeout', () => {
        socket.destroy();
        resolve(false);
      });
  });
}

async function token(role: 'staff' | 'admin' | 'member', memberId?: string) {
  const secrets = await loadDevSecrets(join(inject('e2eDataDir'), 'dev-secrets.json'));
  if (!secrets) throw new Error('npm start did not write its dev secrets');
  return signLocalToken(secrets.privateJwk, { role, ...(memberId ? { memberId } : {}) });
}

async function get(path: string, bearer?: string) {
  return fetch(`${baseUrl}${path}`, { headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });
}

describe('the local server started by npm start', () => {
  it('is healthy with the database reachable', async () => {
    const response = await get('/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', database: 'reachable' });
  });

  it('serves the OpenAPI document and the docs page with local assets', async () => {
    const document = (await (await get('/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/v1/members', '/v1/members/{id}', '/health']),
    );
    const page = await (await get('/docs')).text();
    for (const asset of [...page.matchAll(/(?:src|href)="(\/docs\/[^"]+)"/g)].map((m) => m[1]!)) {
      const response = await get(asset);
      expect(response.status, asset).toBe(200);
      expect((await response.arrayBuffer()).byteLength, asset).toBeGreaterThan(100);
    }
    expect(page).not.toMatch(/https?:\/\//);
  });

  it('takes writes as soon as it answers, while the demo association is still being seeded', () => {
    expect(inject('writeWhileSeeding')).toEqual({ status: 201, seedCompleteBefore: false });
  });

  it('keeps no copy of a seed that requests wrote beside, so no user data reaches the seed cache', async () => {
    expect(inject('seedCacheLine')).toMatch(/not kept/);
    expect(await readdir(inject('e2eSeedCacheDir'))).toEqual([]);
  });

  it('has seeded the demo association, listable page by page', async () => {
    const staff = await token('staff');
    const ids = new Set<string>();
    let listed = 0;
    let cursor: string | null = null;
    do {
      const response = await get(`/v1/members?limit=100${cursor ? `&cursor=${cursor}` : ''}`, staff);
      expect(response.status).toBe(200);
      const page = (await response.json()) as { items: { id: string }[]; nextCursor: string | null };
      for (const item of page.items) ids.add(item.id);
      listed += page.items.length;
      cursor = page.nextCursor;
    } while (cursor);
    // The 400 demo companies and the one created while they were written, each listed once; the
    // console's browser journeys, on the same server, may have added theirs meanwhile.
    expect(ids.size).toBeGreaterThanOrEqual(401);
    expect(listed).toBe(ids.size);
  });

  it('has seeded partners, leads and the pipeline report that counts them', async () => {
    const staff = await token('staff');
    const partners = (await (await get('/v1/partners?limit=100', staff)).json()) as {
      items: { id: string }[];
    };
    // One per ten members (the console's journeys may have added a few).
    expect(partners.items.length).toBeGreaterThanOrEqual(40);
    const leads = (await (await get('/v1/leads?limit=100', staff)).json()) as { items: { stage: string }[] };
    expect(leads.items.length).toBeGreaterThan(20);
    const report = (await (await get('/v1/reports/pipeline', staff)).json()) as {
      byStage: { key: string; leads: number }[];
    };
    const counted = report.byStage.reduce((sum, stage) => sum + stage.leads, 0);
    expect(counted).toBe(leads.items.length);
  });

  it('lets a member read itself and nobody else', async () => {
    const staff = await token('staff');
    const page = (await (await get('/v1/members?limit=2', staff)).json()) as { items: { id: string }[] };
    const [own, other] = page.items.map((m) => m.id);
    const member = await token('member', own);
    expect((await get('/v1/me', member)).status).toBe(200);
    expect((await get(`/v1/members/${own}`, member)).status).toBe(200);
    expect((await get(`/v1/members/${other}`, member)).status).toBe(403);
    expect((await get('/v1/members', member)).status).toBe(403);
    expect((await get('/v1/members')).status).toBe(401);
  });

  it('runs a member account end to end: invitation in the outbox, its link sets a password, sign-in gives a working token', async () => {
    const staff = await token('staff');
    const email = `e2e.${Date.now()}@accounts.test`;
    const created = await fetch(`${baseUrl}/v1/members`, {
      method: 'POST',
      headers: { authorization: `Bearer ${staff}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: `ООО «Сквозной ${Date.now()}»`,
        country: 'RU',
        taxId: withInnCheckDigits(String(700_000_000 + (Date.now() % 99_000_000))),
        sectors: ['energy'],
        contacts: [{ name: 'Елена', email, language: 'ru' }],
      }),
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const member = (await created.json()) as { id: string; contacts: { id: string }[] };
    const invited = await fetch(
      `${baseUrl}/v1/members/${member.id}/contacts/${member.contacts[0]!.id}/invitation`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${staff}` },
      },
    );
    expect(invited.status).toBe(202);

    // The sender runs in the server's process: wait for the email to land in .data/outbox/.
    const outbox = join(inject('e2eDataDir'), 'outbox');
    let link: string | undefined;
    for (let i = 0; i < 100 && !link; i++) {
      for (const file of (await readdir(outbox).catch(() => [] as string[])).filter((f) =>
        f.endsWith('.eml'),
      )) {
        const parsed = await PostalMime.parse(await readFile(join(outbox, file)));
        if (parsed.to?.some((a) => a.address === email)) {
          link = /\/accept-invitation\/[A-Za-z0-9._-]+/.exec(parsed.text ?? '')?.[0];
        }
      }
      if (!link) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(link).toBeDefined();
    expect((await fetch(`${baseUrl}${link}`)).status).toBe(200);
    const password = 'Vladimir-Hanoi-2026!';
    const set = await fetch(`${baseUrl}${link}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ password, repeat: password }),
    });
    expect(set.status).toBe(200);
    const signedIn = await fetch(`${baseUrl}/local/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    expect(signedIn.status).toBe(200);
    const { accessToken } = (await signedIn.json()) as { accessToken: string };
    const me = await get('/v1/me', accessToken);
    expect(me.status).toBe(200);
    expect(((await me.json()) as { id: string }).id).toBe(member.id);
  });

  it.skipIf(networkAddresses.length === 0)(
    'listens on 127.0.0.1 only: neither the API nor DynamoDB Local answers on the network addresses',
    async () => {
      const apiPort = Number(new URL(baseUrl).port);
      const dynamoPort = inject('dynamoPort');
      expect(await connects('127.0.0.1', apiPort)).toBe(true);
      expect(await connects('127.0.0.1', dynamoPort)).toBe(true);
      for (const address of networkAddresses) {
        expect(await connects(address, apiPort), `${address}:${apiPort}`).toBe(false);
        expect(await connects(address, dynamoPort), `${address}:${dynamoPort}`).toBe(false);
      }
    },
  );
});
