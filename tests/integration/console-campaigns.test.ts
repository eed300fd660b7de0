import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { OutgoingEmail } from '../../shared/email/mail-transport.ts';
import { scheduleHeld } from '../support/campaign-runs.ts';
import { consoleRequest, consoleSignIn } from '../support/console-session.ts';
import { contact, createMember } from '../support/members.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let staff: string;
let cookie: string;
let ruCookie: string;
beforeAll(async () => {
  t = await createTestApp();
  staff = await t.token('staff');
  cookie = await consoleSignIn(t.app, 'staff', '/console/campaigns');
  ruCookie = await consoleSignIn(t.app, 'admin', '/console/campaigns');
  await consoleRequest(t.app, ruCookie, '/console/settings/locale', {
    form: { locale: 'ru', return: '/console/campaigns' },
  });
});
afterAll(() => t.drop());

const member = (sector: string, overrides: Record<string, unknown>) =>
  createMember(t, staff, sector, overrides);

/** The compose form as a browser posts it: every field, the untouched ones empty. */
function form(sector: string, overrides: Record<string, string> = {}): URLSearchParams {
  const fields = new URLSearchParams({
    name: `Outreach to ${sector}`,
    'segment.companies': 'members',
    'segment.tiers': '',
    'segment.sectors': sector,
    'segment.interests': '',
    'segment.regions': '',
    'segment.countries': '',
    'segment.targetMarkets': '',
    replyTo: 'partnerships@example.org',
    targetMarkets: 'vn',
    timeZone: '',
    sendAt: '',
    'variants.ru.subject': '',
    'variants.ru.html': '',
    'variants.ru.text': '',
    'variants.vi.subject': 'Đối tác cho {{companyName}}',
    'variants.vi.html': '<p>Chào {{contactName}}</p>',
    'variants.vi.text': 'Chào {{contactName}}',
    'variants.en.subject': 'Partners for {{companyName}}',
    'variants.en.html': '<p>Dear {{contactName}}</p>',
    'variants.en.text': 'Dear {{contactName}}',
  });
  for (const [key, value] of Object.entries(overrides)) fields.set(key, value);
  return fields;
}

const page = (path: string, as = cookie) => consoleRequest(t.app, as, path);
const post = (path: string, fields: Record<string, string> | URLSearchParams, as = cookie) =>
  consoleRequest(t.app, as, path, { form: fields });

async function campaignIds(): Promise<string[]> {
  const list = await t.call('GET', '/v1/campaigns?limit=100', { token: staff });
  return ((await list.json()) as { items: { id: string }[] }).items.map((c) => c.id);
}

/** Creates a campaign through the console's form; resolves to its id. */
async function compose(sector: string, overrides: Record<string, string> = {}, statuses: string[] = []) {
  const fields = form(sector, overrides);
  for (const status of statuses) fields.append('segment.statuses', status);
  const created = await post('/console/campaigns', fields);
  expect(created.status, await created.clone().text()).toBe(303);
  const id = /^\/console\/campaigns\/([0-9A-Z]{26})\?saved$/.exec(created.headers.get('location') ?? '')?.[1];
  expect(id).toBeDefined();
  return id!;
}

/** How many Queries of the audience partition `run` makes: each resolves the whole audience. */
async function audienceQueries(run: () => Promise<unknown>): Promise<number> {
  const send = vi.spyOn(t.db.doc, 'send');
  try {
    await run();
    return send.mock.calls.filter(
      ([command]) =>
        command instanceof QueryCommand && command.input.ExpressionAttributeValues?.[':pk'] === 'AUDIENCE',
    ).length;
  } finally {
    send.mockRestore();
  }
}

const apiVersion = async (id: string) =>
  String(
    ((await (await t.call('GET', `/v1/campaigns/${id}`, { token: staff })).json()) as { version: number })
      .version,
  );

const apiState = async (id: string) =>
  ((await (await t.call('GET', `/v1/campaigns/${id}`, { token: staff })).json()) as { state: string }).state;

async function untilSent(id: string) {
  for (let i = 0; i < 200 && (await apiState(id)) !== 'sent'; i++) await sleep(25);
  await t.sends.idle();
  await t.mailEvents.idle();
}

/** The outbox's emails to `address`. */
async function mailTo(address: string): Promise<string[]> {
  const files = (await readdir(t.outboxDir).catch(() => [])).filter((f) => f.endsWith('.eml'));
  const emails = await Promise.all(files.map((f) => readFile(join(t.outboxDir, f), 'utf8')));
  return emails.filter((eml) => new RegExp(`^To: ${address.replace(/[.+]/g, '\\$&')}\\r?$`, 'm').test(eml));
}

/** A table row's cells as text, found by its row header. */
function rowOf(html: string, header: string): string[] {
  const row = new RegExp(`<tr[^>]*>\\s*<th scope="row">${header}</th>(.*?)</tr>`, 's').exec(html)?.[1];
  return [...(row ?? '').matchAll(/<td[^>]*>(.*?)<\/td>/gs)].map((m) => m[1]!.replace(/<[^>]+>/g, '').trim());
}

describe('composing a campaign', () => {
  it("asks for the reply address, offering the newest campaign's", async () => {
    await compose('mining', { replyTo: 'vietnam-year@example.org' });
    const blank = await (await page('/console/campaigns/new')).text();
    expect(blank).toContain(
      '<input id="f-replyTo" type="email" name="replyTo" value="vietnam-year@example.org" aria-describedby="f-replyTo-hint" required=""/>',
    );
    expect(blank).toContain('<small id="f-replyTo-hint">The address recipients reply to');
    expect(blank).toMatch(/<input id="f-name" type="text" name="name" value="" required=""\/>/);
  });

  it('offers tiers, sectors and interests by name, names the audience in words once scheduled, and keeps a former tier', async () => {
    const blank = await (await page('/console/campaigns/new', ruCookie)).text();
    expect(blank).toMatch(
      /<input type="checkbox" name="segment.tiers" value="large"\/>Крупное предприятие<\/label>/,
    );
    expect(blank).toMatch(
      /<input type="checkbox" name="segment.tiers" value="unassessed"\/>Без оценки<\/label>/,
    );
    // Sectors and interests a box each, every choice in sight.
    expect(blank).toContain(
      '<fieldset class="choices"><legend>Отрасли</legend><label><input type="checkbox" name="segment.sectors" value="technology-transfer" id="f-segment-sectors"/>Трансфер технологий</label>',
    );
    expect(blank).toContain(
      '<input type="checkbox" name="segment.interests" value="technology-transfer" id="f-segment-interests"/>',
    );
    // The sender's fieldset holds the reply address alone; the zone and the time have their own.
    const fieldsets = [...blank.matchAll(/<fieldset><legend>([^<]+)<\/legend>(.*?)<\/fieldset>/gs)];
    const names = (legend: string) =>
      [...(fieldsets.find((f) => f[1] === legend)?.[2] ?? '').matchAll(/ name="([^"]+)"/g)].map((n) => n[1]);
    expect(names('Ответы на письма')).toEqual(['replyTo']);
    expect(names('Когда отправить')).toEqual(['timeZone', 'sendAt']);

    const fields = form('agriculture', {
      'segment.tiers': 'large',
      'segment.regions': 'ru-mow vn-hn',
      'segment.countries': 'vn',
    });
    fields.append('segment.tiers', 'unassessed');
    fields.append('segment.sectors', 'food-canning');
    fields.set('segment.interests', 'logistics');
    const created = await post('/console/campaigns', fields, ruCookie);
    expect(created.status, await created.clone().text()).toBe(303);
    const id = /([0-9A-Z]{26})\?saved$/.exec(created.headers.get('location') ?? '')![1]!;
    const stored = (await (await t.call('GET', `/v1/campaigns/${id}`, { token: staff })).json()) as {
      segment: Record<string, string[]>;
      version: number;
    };
    expect(stored.segment).toEqual({
      companies: ['members'],
      tiers: ['large', 'unassessed'],
      sectors: ['agriculture', 'food-canning'],
      interests: ['logistics'],
      regions: ['RU-MOW', 'VN-HN'],
      countries: ['VN'],
    });
    const draft = await (await page(`/console/campaigns/${id}`, ruCookie)).text();
    expect(draft).toContain('<input type="checkbox" name="segment.tiers" value="large" checked=""/>');
    expect(draft).toContain(
      '<input type="checkbox" name="segment.sectors" value="food-canning" checked=""/>Консервное производство</label>',
    );

    // Past its draft, the page names whom it is for, in the reader's words.
    const scheduled = await post(
      `/console/campaigns/${id}/schedule`,
      { when: 'at', sendAt: '2099-03-01T08:00', version: String(stored.version) },
      ruCookie,
    );
    expect(scheduled.status).toBe(303);
    const summary = await (await page(`/console/campaigns/${id}`, ruCookie)).text();
    expect(summary).not.toContain('name="segment.tiers"');
    expect(rowOf(summary, 'Категории')).toEqual(['Крупное предприятие, Без оценки']);
    expect(rowOf(summary, 'Отрасли')).toEqual(['Сельское хозяйство, Консервное производство']);
    expect(rowOf(summary, 'Регионы')).toEqual(['Москва (RU-MOW), Ханой (VN-HN)']);
    expect(rowOf(summary, 'Страны')).toEqual(['Вьетнам']);
    expect(rowOf(summary, 'Статус участника')).toEqual(['Любые']);

    // A draft naming a tier the table no longer has offers it, ticked, so saving again keeps it.
    const former = await t.call('POST', '/v1/campaigns', {
      token: staff,
      body: {
        name: 'Former tier',
        segment: { tiers: ['platinum'] },
        replyTo: 'partnerships@example.org',
        variants: { en: { subject: 'Hello', html: '<p>Hello</p>', text: 'Hello' } },
      },
    });
    expect(former.status, await former.clone().text()).toBe(201);
    const formerId = ((await former.json()) as { id: string }).id;
    const formerPage = await (await page(`/console/campaigns/${formerId}`)).text();
    expect(formerPage).toMatch(
      /<input type="checkbox" name="segment.tiers" value="platinum" checked=""\/>platinum \(no longer in the table\)<\/label>/,
    );
  });

  it('takes places by name in any of the three languages or by code, shows them by name, and refuses what is none', async () => {
    const created = await post(
      '/console/campaigns',
      form('agriculture', {
        'segment.regions': 'москва; Hồ Chí Minh\nPrimorsky Krai',
        'segment.countries': 'Viet Nam, thailand, Вьетнам',
        'segment.targetMarkets': 'vn th',
        targetMarkets: 'Việt Nam',
      }),
      ruCookie,
    );
    expect(created.status, await created.clone().text()).toBe(303);
    const id = /([0-9A-Z]{26})\?saved$/.exec(created.headers.get('location') ?? '')![1]!;
    const stored = (await (await t.call('GET', `/v1/campaigns/${id}`, { token: staff })).json()) as {
      segment: Record<string, string[]>;
      targetMarkets: string[];
    };
    expect(stored.segment).toMatchObject({
      regions: ['RU-MOW', 'VN-SG', 'RU-PRI'],
      countries: ['VN', 'TH'],
      targetMarkets: ['VN', 'TH'],
    });
    expect(stored.targetMarkets).toEqual(['VN']);
    // The draft's form reads them back by name for its reader, which it takes again as they are.
    const draft = await (await page(`/console/campaigns/${id}`, ruCookie)).text();
    expect(draft).toMatch(/name="segment\.regions" value="Москва, Хошимин, Приморский край"/);
    expect(draft).toMatch(/name="segment\.countries" value="Вьетнам, Таиланд"/);
    expect(draft).toMatch(/name="targetMarkets" value="Вьетнам"/);
    const en = await (await page(`/console/campaigns/${id}`)).text();
    expect(en).toMatch(/name="segment\.countries" value="Vietnam, Thailand"/);
    // Its audience, counted, says what Ho Chi Minh City takes in since Vietnam's 2025 merger.
    const counted = await (await post(`/console/campaigns/${id}/audience`, {})).text();
    expect(counted).toMatch(
      /Ho Chi Minh City takes in the members still recorded under the provinces merged into it in 2025: [^<]*\(VN-57\)/,
    );
    expect(counted).toMatch(/merged into it in 2025: [^<]*\(VN-43\)/);
    // A draft for `regions`, its audience counted, as Russian staff read it.
    const countedFor = async (regions: string) => {
      const created = await post(
        '/console/campaigns',
        form('agriculture', { 'segment.regions': regions }),
        ruCookie,
      );
      const draft = /([0-9A-Z]{26})\?saved$/.exec(created.headers.get('location') ?? '')![1]!;
      return (await post(`/console/campaigns/${draft}/audience`, {}, ruCookie)).text();
    };
    // A merged province's own code counts only its own, and says where the rest of it is.
    expect(await countedFor('VN-57')).toMatch(
      /С 2025 года «Биньзыонг» входит в «Хошимин»: учтены только участники/,
    );
    // Named beside the whole, it is counted with it: no note for it, the whole's note only.
    const bothCount = await countedFor('VN-57, VN-SG');
    expect(bothCount).not.toContain('входит в «Хошимин»');
    expect(bothCount).toContain('«Хошимин» включает участников');

    const before = await campaignIds();
    const refused = await post(
      '/console/campaigns',
      form('agriculture', { 'segment.countries': 'Вьетнам, Атлантида', 'segment.regions': 'Москва, Narnia' }),
      ruCookie,
    );
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(html).toContain(
      '<small id="f-segment-countries-error" class="field-error">Такой страны мы не знаем: «Атлантида». Введите её название или код ISO.</small>',
    );
    expect(html).toContain('Такого региона мы не знаем: «Narnia».');
    // What was typed stays as typed, to be put right.
    expect(html).toMatch(/name="segment\.countries" value="Вьетнам, Атлантида"/);
    expect(await campaignIds()).toEqual(before);
  });

  it('refuses an invalid form in Russian beside each field, storing nothing, then creates the draft', async () => {
    const before = await campaignIds();
    const invalid = await post(
      '/console/campaigns',
      form('agriculture', { name: '', replyTo: 'not-an-address', 'variants.en.subject': '' }),
      ruCookie,
    );
    expect(invalid.status).toBe(422);
    const html = await invalid.text();
    expect(html).toContain('Исправьте отмеченные поля.');
    expect(html).toMatch(
      /id="f-name"[^>]*aria-invalid="true"[^>]*\/?>\s*<small id="f-name-error" class="field-error">Не может быть пустым\.<\/small>/,
    );
    expect(html).toMatch(
      /<small id="f-replyTo-error" class="field-error">Это не адрес электронной почты\.<\/small>/,
    );
    expect(html).toMatch(
      /<small id="f-variants-en-subject-error" class="field-error">Не может быть пустым\.<\/small>/,
    );
    // What was typed is shown again.
    expect(html).toContain('value="not-an-address"');
    expect(await campaignIds()).toEqual(before);

    const id = await compose('agriculture', {}, ['active', 'suspended']);
    const stored = (await (await t.call('GET', `/v1/campaigns/${id}`, { token: staff })).json()) as Record<
      string,
      unknown
    >;
    expect(stored).toMatchObject({
      state: 'draft',
      name: 'Outreach to agriculture',
      targetMarkets: ['VN'],
      segment: { companies: ['members'], sectors: ['agriculture'], statuses: ['active', 'suspended'] },
      replyTo: 'partnerships@example.org',
      variants: { vi: { subject: 'Đối tác cho {{companyName}}' }, en: { text: 'Dear {{contactName}}' } },
      version: 1,
    });
    expect(stored.variants).not.toHaveProperty('ru');
    const list = await (await page('/console/campaigns')).text();
    expect(list).toContain(`<a href="/console/campaigns/${id}">Outreach to agriculture</a>`);
  });

  it('renders each language with samples while typing, and counts the audience only when asked', async () => {
    await member('fisheries', {
      name: 'Công ty Hải sản',
      languages: ['vi'],
      contacts: [contact('Lan', 'vi')],
    });
    await member('fisheries', {
      name: 'Fish & Co',
      languages: ['en'],
      contacts: [contact('Oleg', 'en', false)],
    });
    await member('fisheries', { status: 'suspended', contacts: [contact('Petr', 'en')] });
    const id = await compose('fisheries');
    let html = '';
    expect(
      await audienceQueries(async () => (html = await (await page(`/console/campaigns/${id}`)).text())),
    ).toBe(0);
    expect(html).not.toContain('audience-count');

    // Counted on request: the page without script, the counts and a send-now naming their size with it.
    let counted = '';
    expect(
      await audienceQueries(
        async () => (counted = await (await post(`/console/campaigns/${id}/audience`, {})).text()),
      ),
    ).toBe(1);
    expect(counted).toMatch(/Would be mailed now: <strong class="audience-count">1<\/strong>/);
    expect(rowOf(counted, 'No consent to outreach')).toEqual(['1']);
    expect(rowOf(counted, 'Member not active')).toEqual(['1']);
    expect(rowOf(counted, 'On the suppression list')).toEqual(['0']);
    const fragment = await (
      await consoleRequest(t.app, ruCookie, `/console/campaigns/${id}/audience`, {
        form: {},
        headers: { 'hx-request': 'true' },
      })
    ).text();
    expect(fragment).not.toContain('<html');
    expect(fragment).toMatch(/Получат письмо сейчас: <strong class="audience-count">1<\/strong>/);
    expect(fragment).toMatch(
      /<button[^>]* id="send-now"[^>]* data-confirm="Отправить рассылку сейчас, получателей: 1\?" hx-swap-oob="true"/,
    );

    const frames = [...html.matchAll(/<iframe ([^>]*)>/g)].map((m) => m[1]!);
    expect(frames).toHaveLength(2);
    for (const frame of frames) {
      expect(frame).toMatch(/^sandbox="" title="Preview of the email in [^"]+" srcdoc="/);
      expect(frame).not.toContain('allow-');
    }
    // Each language with the test emails' samples, in its own language.
    expect(frames[0]).toContain('&lt;title&gt;Đối tác cho Công ty TNHH Ví Dụ&lt;/title&gt;');
    expect(frames[0]).toContain('&lt;p&gt;Chào Nguyễn Văn An&lt;/p&gt;');
    expect(frames[1]).toContain('&lt;p&gt;Dear Alex Smith&lt;/p&gt;');

    // The live preview renders the form as typed, without saving it and without reading the audience.
    let live: Response | undefined;
    const reads = await audienceQueries(async () => {
      live = await consoleRequest(t.app, cookie, '/console/campaigns/preview', {
        form: form('fisheries', { 'variants.vi.html': '<p>Xin chào {{contactName}}!</p>' }),
        headers: { 'hx-request': 'true' },
      });
    });
    expect(reads).toBe(0);
    expect(live!.status).toBe(200);
    const typed = await live!.text();
    expect(typed).not.toContain('<html');
    expect(typed).not.toContain('audience-count');
    expect(typed).toContain('&lt;p&gt;Xin chào Nguyễn Văn An!&lt;/p&gt;');
    expect(typed).toMatch(/<iframe sandbox="" title="[^"]+" srcdoc="/);
    const invalid = await consoleRequest(t.app, ruCookie, '/console/campaigns/preview', {
      form: form('fisheries', { replyTo: '' }),
      headers: { 'hx-request': 'true' },
    });
    const refused = await invalid.text();
    expect(refused).toContain('Исправьте отмеченные поля формы, чтобы увидеть предпросмотр.');
    // The field by its label, not its key; left empty, it is required, not a wrong address.
    expect(refused).toContain('<li>Ответы приходят на: Обязательное поле.</li>');
    expect(await apiState(id)).toBe('draft');
  });

  it('saves an edit at the version it was read at, and refuses a stale one in Russian', async () => {
    const id = await compose('mining');
    const edited = await post(
      `/console/campaigns/${id}`,
      form('mining', { name: 'Mining, second wave', version: '1' }),
    );
    expect(edited.status).toBe(303);
    const read = (await (await t.call('GET', `/v1/campaigns/${id}`, { token: staff })).json()) as {
      name: string;
      version: number;
    };
    expect(read).toMatchObject({ name: 'Mining, second wave', version: 2 });

    const stale = await post(
      `/console/campaigns/${id}`,
      form('mining', { name: 'Lost edit', version: '1', 'segment.tiers': 'large' }),
      ruCookie,
    );
    expect(stale.status).toBe(412);
    const html = await stale.text();
    expect(html).toContain('<h2 id="conflict-title">Изменено другим пользователем</h2>');
    expect(html).toContain('Ваши правки не сохранены.');
    // What was typed, in the form again at the current version, with the stored value beside it.
    expect(rowOf(html, 'Название')).toEqual(['Mining, second wave', 'Lost edit']);
    expect(rowOf(html, 'Категории')).toEqual(['', 'Крупное предприятие']);
    expect(rowOf(html, 'Тема \\(en\\)')).toEqual([]);
    expect(html).toMatch(/<input id="f-name" type="text" name="name" value="Lost edit"/);
    expect(html).toContain('<input type="hidden" name="version" value="2"/>');
    expect(
      ((await (await t.call('GET', `/v1/campaigns/${id}`, { token: staff })).json()) as { name: string })
        .name,
    ).toBe('Mining, second wave');
    // No version at all is no form of the page's: 428, as the API answers a missing If-Match.
    const unversioned = await post(
      `/console/campaigns/${id}`,
      form('mining', { name: 'Lost edit' }),
      ruCookie,
    );
    expect(unversioned.status).toBe(428);
    expect(await unversioned.text()).toContain('<h1>Форма устарела</h1>');
    expect(
      ((await (await t.call('GET', `/v1/campaigns/${id}`, { token: staff })).json()) as { version: number })
        .version,
    ).toBe(2);
  });

  it('answers an unknown campaign with the not-found page', async () => {
    for (const path of [
      '/console/campaigns/01JD5Z7Q8N3V2K4M6P8R0T2W4Y',
      '/console/campaigns/nope/recipients',
    ]) {
      const response = await page(path, ruCookie);
      expect(response.status).toBe(404);
      expect(await response.text()).toContain('<h1>Не найдено</h1>');
    }
  });
});

describe('sending from the console', () => {
  it('sends each language to the staff user’s own address as a test', async () => {
    const id = await compose('education');
    const tested = await post(`/console/campaigns/${id}/test`, {});
    expect(tested.status).toBe(303);
    // A flag only: the address is the server's own, whatever the URL says.
    expect(tested.headers.get('location')).toBe(`/console/campaigns/${id}?tested`);
    const notice = await (await page(`/console/campaigns/${id}?tested&to=someone@example.com`)).text();
    expect(notice).not.toMatch(/<p role="status">[^<]*someone@example\.com/);
    const to = /Test emails are on their way to (\S+@users\.bridge-crm\.localhost), one per language\./.exec(
      notice,
    )?.[1];
    expect(to).toBeDefined();
    await t.sends.idle();
    const emails = await mailTo(to!);
    expect(
      emails.map((eml) => /^Subject: (.*)$/m.exec(eml)?.[1]?.trim()).filter((s) => s?.includes('Partners')),
    ).toEqual(['[Test] Partners for Example Trading Ltd']);
    expect(emails).toHaveLength(2);
  });

  it('schedules for later and back, refusing a past time; sends now and lists the recipients with their outcome', async () => {
    const lan = contact('Lan', 'vi');
    const oleg = contact('Oleg', 'en', false);
    await member('tourism', { name: 'Du lịch Việt', languages: ['vi'], contacts: [lan, oleg] });
    const id = await compose('tourism', { timeZone: 'Asia/Ho_Chi_Minh' });

    const past = await post(
      `/console/campaigns/${id}/schedule`,
      { when: 'at', sendAt: '2020-01-01T09:00', version: '1' },
      ruCookie,
    );
    expect(past.status).toBe(422);
    expect(await past.text()).toContain('Время должно быть в будущем; или отправьте сейчас.');
    expect(await apiState(id)).toBe('draft');

    const later = await post(`/console/campaigns/${id}/schedule`, {
      when: 'at',
      sendAt: '2099-01-15T10:00',
      version: '1',
    });
    expect(later.status).toBe(303);
    // Back on the campaign, saying what happened, in the reader's language.
    expect(later.headers.get('location')).toBe(`/console/campaigns/${id}?done=scheduled`);
    expect(await (await page(`/console/campaigns/${id}?done=scheduled`, ruCookie)).text()).toContain(
      'Запланировано: рассылка уйдёт в указанное ниже время.',
    );
    const scheduled = (await (await t.call('GET', `/v1/campaigns/${id}`, { token: staff })).json()) as {
      state: string;
      sendAt: string;
    };
    expect(scheduled).toMatchObject({ state: 'scheduled', sendAt: '2099-01-15T03:00:00.000Z' });
    // Scheduled, its progress polls itself.
    const polled = await consoleRequest(t.app, cookie, `/console/campaigns/${id}/stats`, {
      headers: { 'hx-request': 'true' },
    });
    // The polling says so, so it does not keep an unattended session alive.
    expect(await polled.text()).toMatch(
      /<section id="stats"[^>]* hx-trigger="every 5s"[^>]* hx-headers="{&quot;x-console-poll&quot;:&quot;1&quot;}"/,
    );
    expect((await post(`/console/campaigns/${id}/unschedule`, {})).status).toBe(303);
    expect(await apiState(id)).toBe('draft');

    // Sent only at the version the reader saw: one older than an edit is refused, nothing scheduled.
    const read = await apiVersion(id);
    expect(
      (
        await post(
          `/console/campaigns/${id}`,
          form('tourism', { timeZone: 'Asia/Ho_Chi_Minh', version: read }),
        )
      ).status,
    ).toBe(303);
    const stale = await post(`/console/campaigns/${id}/schedule`, { when: 'now', sendAt: '', version: read });
    expect(stale.status).toBe(412);
    expect(await apiState(id)).toBe('draft');
    await t.sends.idle();
    expect(await mailTo(lan.email)).toEqual([]);

    const current = await apiVersion(id);
    // Sending now asks first; where script does not run, or the page had not counted the audience,
    // its question is a page naming the audience counted for it, and nothing is sent.
    const uncounted = await (await page(`/console/campaigns/${id}`)).text();
    expect(uncounted).toMatch(
      /<button type="submit" id="send-now" name="when" value="now" class="contrast">/,
    );
    const asked = await post(`/console/campaigns/${id}/schedule`, {
      when: 'now',
      sendAt: '',
      version: current,
    });
    expect(asked.status).toBe(200);
    const question = await asked.text();
    expect(question).toContain('<p role="alert">Send this campaign now to 1 recipient?</p>');
    expect(question).toContain('<input type="hidden" name="when" value="now"/>');
    expect(await apiState(id)).toBe('draft');
    expect(
      (
        await post(`/console/campaigns/${id}/schedule`, {
          when: 'now',
          sendAt: '',
          version: current,
          confirmed: 'yes',
        })
      ).status,
    ).toBe(303);
    await untilSent(id);
    // Sent: the page reads its stored counts, never the audience.
    expect(await audienceQueries(() => page(`/console/campaigns/${id}`))).toBe(0);
    expect(await mailTo(lan.email)).toHaveLength(1);
    expect(await mailTo(oleg.email)).toEqual([]);

    const done = await consoleRequest(t.app, cookie, `/console/campaigns/${id}/stats`, {
      headers: { 'hx-request': 'true' },
    });
    const stats = await done.text();
    expect(stats).not.toContain('hx-trigger');
    expect(stats).toContain('<td class="number" data-status="sent">1</td>');

    const list = await (await page(`/console/campaigns/${id}/recipients`, ruCookie)).text();
    expect(list).toMatch(
      new RegExp(`<th scope="row">${lan.email}</th>.*?<span class="status-sent">Отправлено</span>`, 's'),
    );
    // Mailed: the company by the name it was mailed under.
    expect(list).toMatch(
      new RegExp(
        `<th scope="row">${lan.email}</th><td><a href="/console/members/[0-9A-Z]{26}">Du lịch Việt</a>`,
      ),
    );
    expect(list).toMatch(
      new RegExp(`<th scope="row">${oleg.email}</th>.*?Исключён: Нет согласия на рассылку`, 's'),
    );
    // Sent times in the reader's zone, which the column names: Moscow's, the Russian reader's until
    // they choose one.
    expect(list).toContain('<th scope="col">Отправлено (Москва, UTC+3)</th>');
    // Left out, never mailed: the company by its name now, not by its kind.
    expect(list).toMatch(
      new RegExp(
        `<th scope="row">${oleg.email}</th><td><a href="/console/members/[0-9A-Z]{26}">Du lịch Việt</a>`,
      ),
    );
  });

  it('lists how many of each sent campaign’s recipients it reached, loaded after the list', async () => {
    // SES's mailbox simulator, locally too: one address delivers, one bounces.
    const at = (outcome: string) => ({
      ...contact(outcome, 'en'),
      email: `${outcome}+list${Date.now()}@simulator.amazonses.com`,
    });
    await member('chemicals', { languages: ['en'], contacts: [at('success'), at('bounce')] });
    const id = await compose('chemicals');
    const draft = await compose('chemicals', { name: 'Still a draft' });
    const later = await compose('chemicals', { name: 'Scheduled for later' });
    expect(
      (
        await post(`/console/campaigns/${later}/schedule`, {
          when: 'at',
          sendAt: '2099-01-15T10:00',
          version: '1',
        })
      ).status,
    ).toBe(303);
    const version = await apiVersion(id);
    expect(
      (
        await post(`/console/campaigns/${id}/schedule`, {
          when: 'now',
          sendAt: '',
          version,
          confirmed: 'yes',
        })
      ).status,
    ).toBe(303);
    await untilSent(id);

    const list = await (await page('/console/campaigns')).text();
    // Recipients are written when sending starts: a draft and a scheduled campaign have none to count.
    expect(rowOf(list, `<a href="/console/campaigns/${draft}">Still a draft</a>`)[3]).toBe('—');
    expect(rowOf(list, `<a href="/console/campaigns/${later}">Scheduled for later</a>`)[3]).toBe('—');
    expect(list).toContain(`<span id="delivered-${id}"></span>`);
    const load = /<div hidden="" hx-get="([^"]+)" hx-trigger="load" hx-swap="none"[^>]*x-console-poll/.exec(
      list,
    );
    expect(load?.[1]).toContain(`id=${id}`);
    expect(load?.[1]).not.toContain(draft);
    expect(load?.[1]).not.toContain(later);
    const counts = await consoleRequest(t.app, ruCookie, load![1]!.replaceAll('&amp;', '&'), {
      headers: { 'hx-request': 'true' },
    });
    expect(await counts.text()).toContain(
      `<span id="delivered-${id}" hx-swap-oob="true">1 из 2 · не доставлено: 1</span>`,
    );
    expect((await page('/console/campaigns/delivered?id=not-an-id')).status).toBe(400);
  });

  it('pauses a sending campaign and resumes it, in Vietnamese', async () => {
    const mai = contact('Mai', 'vi');
    await member('logistics', { languages: ['vi'], contacts: [mai] });
    const id = await compose('logistics');
    await scheduleHeld(t, staff, id);
    expect(await apiState(id)).toBe('sending');
    const viCookie = await consoleSignIn(t.app, 'staff', '/console/campaigns');
    await post('/console/settings/locale', { locale: 'vi', return: '/console/campaigns' }, viCookie);
    const sending = await (await page(`/console/campaigns/${id}`, viCookie)).text();
    expect(sending).toContain('<span class="state state-sending">Đang gửi</span>');
    expect(sending).toMatch(/<section id="stats"[^>]* hx-trigger="every 5s"/);

    expect((await post(`/console/campaigns/${id}/pause`, {}, viCookie)).status).toBe(303);
    expect(await apiState(id)).toBe('paused');
    const paused = await (await page(`/console/campaigns/${id}`, viCookie)).text();
    expect(paused).toContain('Tiếp tục gửi');
    expect(paused).not.toContain('hx-trigger="every 5s"');
    expect(await mailTo(mai.email)).toEqual([]);

    expect((await post(`/console/campaigns/${id}/resume`, {}, viCookie)).status).toBe(303);
    await untilSent(id);
    expect(await mailTo(mai.email)).toHaveLength(1);
    // A move the campaign no longer allows is refused as the API refuses it.
    const refused = await post(`/console/campaigns/${id}/pause`, {}, viCookie);
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain(
      'Chiến dịch hiện ở trạng thái: Đã gửi. Không thể thực hiện bước này nữa.',
    );
  });

  it('cancels a scheduled campaign', async () => {
    const id = await compose('construction');
    await post(`/console/campaigns/${id}/schedule`, { when: 'at', sendAt: '2099-03-01T08:00', version: '1' });
    const scheduled = await (await page(`/console/campaigns/${id}`)).text();
    expect(scheduled).toContain(
      'data-confirm="Cancel this campaign? 0 recipients so far; nothing more will be sent."',
    );
    const asked = await post(`/console/campaigns/${id}/cancel`, {});
    expect(asked.status).toBe(200);
    expect(await asked.text()).toContain(
      '<p role="alert">Cancel this campaign? 0 recipients so far; nothing more will be sent.</p>',
    );
    expect(await apiState(id)).toBe('scheduled');
    expect((await post(`/console/campaigns/${id}/cancel`, { confirmed: 'yes' })).status).toBe(303);
    expect(await apiState(id)).toBe('cancelled');
    const html = await (await page(`/console/campaigns/${id}`)).text();
    expect(html).toContain('<span class="state state-cancelled">Cancelled</span>');
    expect(html).not.toContain('/cancel"');
    // Cancelled already: a page opened before gets the refusal at once, not the question first.
    const again = await post(`/console/campaigns/${id}/cancel`, {});
    expect(again.status).toBe(409);
    expect(await again.text()).not.toContain('role="alert">Cancel this campaign?');
    // No longer a draft: an edit from a form opened before is refused, saying why.
    const edit = await post(`/console/campaigns/${id}`, form('construction', { version: '3' }), ruCookie);
    expect(edit.status).toBe(409);
    expect(await edit.text()).toContain('Состояние рассылки сейчас: Отменена. Этот шаг больше невозможен.');
  });

  it('releases a recipient whose send is unknown: it gets its email once, and no button is left', async () => {
    const lost = contact('Lost', 'en');
    await member('healthcare', { languages: ['en'], contacts: [lost] });
    const id = await compose('healthcare');
    const transport = t.sending.transport;
    t.sending.transport = {
      send: async (email: OutgoingEmail) => {
        if (email.to === lost.email) throw new Error('connection reset after DATA');
        return transport.send(email);
      },
    };
    try {
      await post(`/console/campaigns/${id}/schedule`, { when: 'now', version: '1', confirmed: 'yes' });
      await untilSent(id);
    } finally {
      t.sending.transport = transport;
    }
    const before = await (await page(`/console/campaigns/${id}/recipients`)).text();
    expect(before).toContain('<span class="status-unknown">Unknown</span>');
    const action = /<form method="post" action="([^"]+\/release)">/.exec(before)?.[1];
    expect(action).toBeDefined();

    const released = await post(action!, {});
    expect(released.status).toBe(303);
    await t.sends.idle();
    expect(await mailTo(lost.email)).toHaveLength(1);
    const after = await (await page(released.headers.get('location')!)).text();
    expect(after).toContain('Queued once more.');
    expect(after).toContain('<span class="status-sent">Sent</span>');
    expect(after).not.toContain('/release"');
    // Once only: a second post is the API's refusal.
    const again = await post(action!, {}, ruCookie);
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('Этому получателю больше нельзя отправить письмо повторно');
  });
});
