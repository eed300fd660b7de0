import { type Context, Hono } from 'hono';
import { writtenLanguages } from '../../../campaigns/audience.ts';
import { AudienceRepository } from '../../../campaigns/audience-repository.ts';
import { previewCampaign } from '../../../campaigns/campaign-preview.ts';
import { CampaignRepository } from '../../../campaigns/campaign-repository.ts';
import { CampaignRuns, type CampaignStats, campaignStatsOf } from '../../../campaigns/campaign-runs.ts';
import type { Campaign } from '../../../campaigns/campaign-schema.ts';
import { CampaignService, draftOf } from '../../../campaigns/campaign-service.ts';
import { mayMove } from '../../../campaigns/campaign-state.ts';
import { leftOutCompanyNames } from '../../../campaigns/left-out-names.ts';
import { RecipientRepository } from '../../../campaigns/recipient-repository.ts';
import { zonedTimestamp } from '../../../campaigns/send-time.ts';
import { pageFrom } from '../../../data/cursor.ts';
import {
  BadRequestError,
  ConflictError,
  PreconditionFailedError,
  ValidationError,
} from '../../../domain/errors.ts';
import { SettingsRepository } from '../../../settings/settings-repository.ts';
import { ConfirmFirst, wasConfirmed } from '../../components/confirm-first.tsx';
import { requiredFormVersion } from '../../components/form-fields.tsx';
import { ListTable } from '../../components/list-table.tsx';
import type { ConsolePageDeps } from '../../console-deps.ts';
import type { ConsoleEnv } from '../../console-env.ts';
import { commonMessages } from '../../i18n/common-messages.ts';
import { languageName } from '../../i18n/domain-labels.ts';
import { formatDateTime, formatNumber, readerTimeZone } from '../../i18n/format.ts';
import type { Locale } from '../../i18n/locales.ts';
import { pollAttributes } from '../../session/session-middleware.ts';
import { isUlid, ulidPattern } from '../route-patterns.ts';
import {
  AudienceCounts,
  CampaignForm,
  PreviewErrors,
  PreviewPanel,
  StateLabel,
  StatsSection,
  sendTimeOf,
} from './campaign-components.tsx';
import { CampaignDetail, type DetailExtras, SendNowButton } from './campaign-detail.tsx';
import {
  type CampaignFormValues,
  type FormBody,
  formValuesOf,
  one,
  parseCampaignForm,
  replacementPatch,
} from './campaign-form.ts';
import { campaignText } from './campaign-messages.ts';
import { RecipientsPage } from './campaign-recipients.tsx';

type C = Context<ConsoleEnv>;

/** Whether a campaign has recipients to count: written when its sending starts, kept once it ends. */
const hasRecipients = (campaign: Campaign) => !['draft', 'scheduled'].includes(campaign.state);

/** `2 900 из 3 000`, and what did not arrive (bounced, failed) when something did not. */
function deliveredText(locale: Locale, stats: CampaignStats): string {
  const m = campaignText[locale];
  if (stats.audience === 0) return commonMessages[locale].none;
  const lost = stats.byStatus.bounced + stats.byStatus.failed;
  const delivered = m.deliveredOf(
    formatNumber(locale, stats.byStatus.delivered),
    formatNumber(locale, stats.audience),
  );
  return lost > 0 ? `${delivered} · ${m.notDelivered(formatNumber(locale, lost))}` : delivered;
}

/** A campaign's pages: a ULID only, so `new` and `preview` stay their own (and anything else is no page). */
const campaignRoute = `/console/campaigns/:id{${ulidPattern}}`;

/** What the page says after a move, by the move (`?done=`): scheduled, sending, or a later one. */
const doneMoves = ['scheduled', 'sending', 'unschedule', 'cancel', 'pause', 'resume'] as const;
type DoneMove = (typeof doneMoves)[number];

/**
 * The campaign pages: the list, compose with a live preview, test emails, scheduling and its undoing,
 * progress while sending, and the recipients with why some were left out. Every change goes through
 * the API's own CampaignService and CampaignRuns, so the same rules and versions hold.
 */
export function campaignPages(deps: ConsolePageDeps) {
  const app = new Hono<ConsoleEnv>();
  const { db, clock, newId } = deps.app;
  const campaigns = new CampaignRepository(db);
  const service = new CampaignService({ campaigns, clock, newId });
  const audience = new AudienceRepository(db);
  const recipients = new RecipientRepository(db);
  const runs = new CampaignRuns(deps.app, campaigns, recipients);
  const settings = new SettingsRepository(db);

  const found = (id: string) => runs.found(id);

  const tierTable = async () => (await settings.readTiers()).value.tiers;

  /** Who the campaign would reach now (previewCampaign; its samples, named by the tier table, unused here). */
  const countAudience = async (campaign: Campaign) => {
    const [hasher, tiers] = await Promise.all([deps.app.suppression(), tierTable()]);
    return previewCampaign(campaign, audience, hasher, tiers);
  };

  /** A question a button asks first, as a page where script does not run (components/confirm-first.tsx). */
  const askFirst = (
    c: C,
    campaign: Campaign,
    question: string,
    action: string,
    fields: Record<string, string>,
    yes: string,
  ) => {
    const locale = c.get('locale');
    return c.render(
      <article>
        <h1>{campaign.name}</h1>
        <ConfirmFirst
          question={question}
          action={`/console/campaigns/${campaign.id}/${action}`}
          fields={fields}
          yes={yes}
          back={{ href: `/console/campaigns/${campaign.id}`, label: commonMessages[locale].cancel }}
        />
      </article>,
      { title: campaign.name, section: 'campaigns' },
    );
  };

  const detailPage = async (c: C, campaign: Campaign, extras: DetailExtras = {}) => {
    const locale = c.get('locale');
    const [stats, tiers] = await Promise.all([
      campaign.state === 'draft' ? undefined : runs.stats(campaign.id),
      tierTable(),
    ]);
    return c.render(
      <CampaignDetail locale={locale} campaign={campaign} stats={stats} tiers={tiers} extras={extras} />,
      { title: campaign.name, section: 'campaigns' },
    );
  };

  /**
   * A move the campaign's state no longer allows (someone else moved it, or it moved by itself): the
   * API's 409, shown on the campaign as it is now, in the reader's language.
   */
  const refused = async (c: C, id: string, message?: string) => {
    const campaign = await found(id);
    const m = campaignText[c.get('locale')];
    c.status(409);
    return detailPage(c, campaign, { refusal: message ?? m.refused(m[campaign.state]) });
  };

  const formBody = async (c: C) => (await c.req.parseBody({ all: true })) as FormBody;

  app.get('/console/campaigns', async (c) => {
    const locale = c.get('locale');
    const m = campaignText[locale];
    const common = commonMessages[locale];
    const cursor = c.req.query('cursor');
    const page = await pageFrom(deps.app.cursors, 'campaigns', cursor, (startKey) =>
      campaigns.list(50, startKey),
    );
    const next = page.nextCursor;
    const counted = page.items.filter(hasRecipients).map((campaign) => campaign.id);
    return c.render(
      <article>
        <h1>{m.title}</h1>
        <p>
          <a href="/console/campaigns/new">{m.newCampaign}</a>
        </p>
        <ListTable
          count={page.items.length}
          empty={m.empty}
          columns={[m.name, m.state, m.sendTime, m.languages, [m.delivered, 'number'], m.updated]}
        >
          {page.items.map((campaign) => (
            <tr>
              <th scope="row">
                <a href={`/console/campaigns/${campaign.id}`}>{campaign.name}</a>
              </th>
              <td>
                <StateLabel locale={locale} state={campaign.state} />
              </td>
              <td>{sendTimeOf(locale, campaign)}</td>
              <td>
                {writtenLanguages(campaign)
                  .map((l) => languageName(locale, l))
                  .join(', ')}
              </td>
              <td class="number">
                {hasRecipients(campaign) ? <span id={`delivered-${campaign.id}`} /> : common.none}
              </td>
              <td>{formatDateTime(locale, campaign.updatedAt)}</td>
            </tr>
          ))}
        </ListTable>
        {counted.length > 0 ? (
          // The counts after the list: a Query per campaign, which the page's first paint does not wait for.
          <div
            hidden
            hx-get={`/console/campaigns/delivered?${counted.map((id) => `id=${id}`).join('&')}`}
            hx-trigger="load"
            hx-swap="none"
            {...pollAttributes}
          />
        ) : null}
        {cursor ? <a href="/console/campaigns">{common.first}</a> : null}{' '}
        {next ? <a href={`/console/campaigns?cursor=${encodeURIComponent(next)}`}>{common.next}</a> : null}
      </article>,
      { title: m.title, section: 'campaigns' },
    );
  });

  /** Each listed campaign's delivered count, into its row's cell (out of band: htmx swaps each by id). */
  app.get('/console/campaigns/delivered', async (c) => {
    const locale = c.get('locale');
    const ids = c.req.queries('id') ?? [];
    if (ids.length > 50 || !ids.every(isUlid)) {
      throw new BadRequestError('Up to 50 campaign ids.');
    }
    const stats = await Promise.all(ids.map(async (id) => campaignStatsOf(await recipients.counts(id))));
    return c.html(
      ids
        .map((id, i) =>
          String(
            <span id={`delivered-${id}`} hx-swap-oob="true">
              {deliveredText(locale, stats[i]!)}
            </span>,
          ),
        )
        .join(''),
    );
  });

  const composePage = async (c: C, values: CampaignFormValues, errors: Map<string, string>) => {
    const locale = c.get('locale');
    const m = campaignText[locale];
    const tiers = await tierTable();
    return c.render(
      <article>
        <h1>{m.composeTitle}</h1>
        <p>
          <a href="/console/campaigns">{m.allCampaigns}</a>
        </p>
        <CampaignForm
          locale={locale}
          action="/console/campaigns"
          tiers={tiers}
          values={values}
          errors={errors}
          submit={m.create}
        />
        <section aria-labelledby="preview-title">
          <h2 id="preview-title">{m.preview}</h2>
          <div id="preview" aria-live="polite" />
        </section>
      </article>,
      { title: m.composeTitle, section: 'campaigns' },
    );
  };

  // A new campaign is sent by the clock of the one who writes it, until they choose another zone.
  app.get('/console/campaigns/new', async (c) => {
    const zone = readerTimeZone();
    // An association answers its campaigns from one address or a few: the newest campaign's is the
    // likeliest, and the field stays the writer's to change.
    const [newest] = (await campaigns.list(1, undefined)).items;
    return composePage(
      c,
      {
        'segment.companies': ['members'],
        'segment.statuses': ['active'],
        timeZone: zone === 'UTC' ? '' : zone,
        ...(newest ? { replyTo: newest.replyTo } : {}),
      },
      new Map(),
    );
  });

  app.post('/console/campaigns', async (c) => {
    const body = await formBody(c);
    const parsed = parseCampaignForm(body, c.get('locale'));
    if (!parsed.ok) {
      c.status(422);
      return composePage(c, formValuesOf(body), parsed.errors);
    }
    const campaign = await service.create(parsed.input);
    return c.redirect(`/console/campaigns/${campaign.id}?saved`, 303);
  });

  /**
   * The live preview: the form as typed, its variants rendered with sample values (no audience read;
   * the tier table names the sample's tier).
   */
  app.post('/console/campaigns/preview', async (c) => {
    const locale = c.get('locale');
    const parsed = parseCampaignForm(await formBody(c), locale);
    if (!parsed.ok) return c.html(<PreviewErrors locale={locale} errors={parsed.errors} />);
    return c.html(
      <PreviewPanel
        locale={locale}
        campaign={draftOf(parsed.input, '', clock())}
        tiers={await tierTable()}
      />,
    );
  });

  /**
   * A draft's audience counted, on request only: it reads every contact of the segment. With htmx the
   * counts and the send-now button that now names their size; without, the page with them.
   */
  app.post(`${campaignRoute}/audience`, async (c) => {
    const campaign = await found(c.req.param('id'));
    if (campaign.state !== 'draft') return refused(c, campaign.id);
    const locale = c.get('locale');
    const counts = await countAudience(campaign);
    if (!c.req.header('hx-request')) return detailPage(c, campaign, { counts });
    return c.html(
      <>
        <AudienceCounts locale={locale} preview={counts} segment={campaign.segment} />
        <SendNowButton locale={locale} counts={counts} oob />
      </>,
    );
  });

  app.get(campaignRoute, async (c) => {
    const campaign = await found(c.req.param('id'));
    const locale = c.get('locale');
    const m = campaignText[locale];
    // The address is the server's own, never the URL's: the redirect carries a flag and nothing else.
    const testedTo =
      c.req.query('tested') !== undefined ? await deps.app.userEmail?.(c.get('principal').sub) : undefined;
    const done = c.req.query('done');
    const notice =
      c.req.query('saved') !== undefined
        ? commonMessages[locale].saved
        : testedTo !== undefined
          ? m.testSent(testedTo)
          : done !== undefined && doneMoves.includes(done as DoneMove)
            ? m[`done-${done as DoneMove}`]
            : undefined;
    return detailPage(c, campaign, notice ? { notice } : {});
  });

  /** An edit: the whole draft replaced at the version the form was read at (a 412 page if stale). */
  app.post(campaignRoute, async (c) => {
    const current = await found(c.req.param('id'));
    const body = await formBody(c);
    const version = requiredFormVersion(one(body, 'version'), 'campaign');
    const parsed = parseCampaignForm(body, c.get('locale'));
    if (!parsed.ok) {
      c.status(422);
      return detailPage(c, current, { form: { values: formValuesOf(body), errors: parsed.errors } });
    }
    try {
      await service.patch(current, replacementPatch(parsed.input), version);
    } catch (error) {
      if (error instanceof PreconditionFailedError) {
        // Changed since the form was read: nothing written; the form again with what was typed, the
        // stored values beside it, at the current version.
        c.status(412);
        return detailPage(c, await found(current.id), {
          form: { values: formValuesOf(body), errors: new Map() },
          stale: true,
        });
      }
      if (!(error instanceof ConflictError)) throw error;
      return refused(c, current.id);
    }
    return c.redirect(`/console/campaigns/${current.id}?saved`, 303);
  });

  app.get(`${campaignRoute}/stats`, async (c) => {
    const campaign = await found(c.req.param('id'));
    if (!c.req.header('hx-request')) return c.redirect(`/console/campaigns/${campaign.id}`, 303);
    const stats = await runs.stats(campaign.id);
    return c.html(<StatsSection locale={c.get('locale')} campaign={campaign} stats={stats} />);
  });

  app.post(`${campaignRoute}/test`, async (c) => {
    const campaign = await found(c.req.param('id'));
    try {
      await runs.queueTest(campaign.id, c.get('principal').sub);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      return refused(c, campaign.id, campaignText[c.get('locale')].noAddress);
    }
    return c.redirect(`/console/campaigns/${campaign.id}?tested`, 303);
  });

  app.post(`${campaignRoute}/schedule`, async (c) => {
    const campaign = await found(c.req.param('id'));
    const m = campaignText[c.get('locale')];
    const body = await formBody(c);
    const version = requiredFormVersion(one(body, 'version'), 'campaign');
    let sendAt: string | undefined;
    if (
      one(body, 'when') === 'now' &&
      !wasConfirmed(body) &&
      String(campaign.version) === one(body, 'version')
    ) {
      // The question names the audience it would go to, counted now (the page may not have counted it).
      const { audience: size } = await countAudience(campaign);
      return askFirst(
        c,
        campaign,
        m.confirmSend(size),
        'schedule',
        { version: String(version), when: 'now' },
        m.sendNow,
      );
    }
    if (one(body, 'when') !== 'now') {
      sendAt = zonedTimestamp(one(body, 'sendAt'), campaign.timeZone ?? 'UTC');
      if (!sendAt) {
        c.status(422);
        return detailPage(c, campaign, { scheduleError: m.chooseSendAt });
      }
    }
    try {
      // Only at the version the reader saw: a 412 page if it changed since, and nothing scheduled.
      await runs.schedule(campaign.id, sendAt, version);
    } catch (error) {
      if (error instanceof ConflictError) return refused(c, campaign.id);
      // The one refusal of what was typed: a time already past.
      if (!(error instanceof ValidationError)) throw error;
      c.status(422);
      return detailPage(c, campaign, { scheduleError: m.mustBeFuture });
    }
    return c.redirect(`/console/campaigns/${campaign.id}?done=${sendAt ? 'scheduled' : 'sending'}`, 303);
  });

  /** The moves staff make once a campaign is scheduled; each refused as the API refuses it (409). */
  for (const move of ['unschedule', 'cancel', 'pause', 'resume'] as const) {
    app.post(`${campaignRoute}/${move}`, async (c) => {
      const campaign = await found(c.req.param('id'));
      const { id } = campaign;
      // Cancelling stops what is left for good, so it asks first: only a campaign that may still be
      // cancelled; one that may not gets the refusal at once, as with script.
      if (move === 'cancel' && mayMove(campaign.state, 'cancelled') && !wasConfirmed(await formBody(c))) {
        const m = campaignText[c.get('locale')];
        const { audience } = await runs.stats(id);
        return askFirst(c, campaign, m.confirmCancel(audience), move, {}, m.cancelCampaign);
      }
      try {
        await runs[move](id);
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        return refused(c, id);
      }
      return c.redirect(`/console/campaigns/${id}?done=${move}`, 303);
    });
  }

  const recipientsPage = async (c: C, campaign: Campaign, refusal?: string) => {
    const locale: Locale = c.get('locale');
    const cursor = c.req.query('cursor');
    const page = await pageFrom(deps.app.cursors, `recipients:${campaign.id}`, cursor, (startKey) =>
      recipients.page(campaign.id, 50, startKey),
    );
    const names = await leftOutCompanyNames(db, page.items);
    const m = campaignText[locale];
    return c.render(
      <RecipientsPage
        locale={locale}
        campaign={campaign}
        recipients={page.items}
        names={names}
        next={page.nextCursor ?? undefined}
        first={cursor !== undefined}
        released={c.req.query('released') !== undefined}
        refusal={refusal}
      />,
      { title: m.recipientsOf(campaign.name), section: 'campaigns' },
    );
  };

  app.get(`${campaignRoute}/recipients`, async (c) => recipientsPage(c, await found(c.req.param('id'))));

  app.post(`${campaignRoute}/recipients/:contactId{${ulidPattern}}/release`, async (c) => {
    const campaign = await found(c.req.param('id'));
    try {
      await runs.release(campaign.id, c.req.param('contactId'));
    } catch (error) {
      // Released before, settled meanwhile, or its campaign cancelled: the API's 409, said plainly.
      if (!(error instanceof ConflictError)) throw error;
      c.status(409);
      return recipientsPage(c, campaign, campaignText[c.get('locale')].releaseRefused);
    }
    return c.redirect(`/console/campaigns/${campaign.id}/recipients?released`, 303);
  });

  return app;
}
