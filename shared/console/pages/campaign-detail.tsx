import type { FC } from 'hono/jsx';
import type { CampaignPreview } from '../../campaigns/campaign-preview.ts';
import type { CampaignStats } from '../../campaigns/campaign-runs.ts';
import type { Campaign } from '../../campaigns/campaign-schema.ts';
import type { Language } from '../../domain/languages.ts';
import type { Locale } from '../i18n/locales.ts';
import { CampaignForm, PreviewPanel, StateLabel, StatsSection, sendTimeOf } from './campaign-components.tsx';
import { type CampaignFormValues, campaignFormValues } from './campaign-form.ts';
import { campaignText } from './campaign-messages.ts';

/** What the detail page shows beyond the stored campaign: a form sent back with errors, a notice. */
export interface DetailExtras {
  /** Why what was asked was refused. */
  refusal?: string;
  form?: { values: CampaignFormValues; errors: Map<string, string> };
  scheduleError?: string;
  notice?: string;
}

/**
 * A campaign's page: its progress once it has left draft, the moves its state allows (each a plain
 * form), the draft's form while it is one, and the preview with the audience.
 */
export const CampaignDetail: FC<{
  locale: Locale;
  campaign: Campaign;
  stats: CampaignStats | undefined;
  preview: CampaignPreview;
  fallback: Partial<Record<Language, { subject: string; html: string }>>;
  extras: DetailExtras;
}> = ({ locale, campaign, stats, preview, fallback, extras }) => {
  const m = campaignText[locale];
  const base = `/console/campaigns/${campaign.id}`;
  const zone = campaign.timeZone ?? 'UTC';
  return (
    <article>
      <hgroup>
        <h1>{campaign.name}</h1>
        <p>
          <StateLabel locale={locale} state={campaign.state} /> · {sendTimeOf(locale, campaign)}
        </p>
      </hgroup>
      <nav aria-label={m.title}>
        <ul>
          <li>
            <a href="/console/campaigns">{m.allCampaigns}</a>
          </li>
          <li>
            <a href={`${base}/recipients`}>{m.recipients}</a>
          </li>
        </ul>
      </nav>
      {extras.notice ? <p role="status">{extras.notice}</p> : null}
      {extras.refusal ? (
        <p role="alert" class="error">
          {extras.refusal}
        </p>
      ) : null}
      {stats ? <StatsSection locale={locale} campaign={campaign} stats={stats} /> : null}
      <section aria-labelledby="actions-title">
        <h2 id="actions-title">{m.actions}</h2>
        <form method="post" action={`${base}/test`}>
          <button type="submit" class="secondary">
            {m.testSend}
          </button>
          <small>{m.testHint}</small>
        </form>
        {campaign.state === 'draft' ? (
          <form method="post" action={`${base}/schedule`}>
            <label for="schedule-at">
              {m.scheduleAt(zone)}
              <input
                id="schedule-at"
                type="datetime-local"
                name="sendAt"
                value={campaign.sendAt ? campaignFormValues(campaign).sendAt : ''}
                aria-invalid={extras.scheduleError ? 'true' : undefined}
                aria-describedby={extras.scheduleError ? 'schedule-at-error' : undefined}
              />
              {extras.scheduleError ? (
                <small id="schedule-at-error" class="field-error">
                  {extras.scheduleError}
                </small>
              ) : null}
            </label>
            <fieldset role="group">
              <button type="submit" name="when" value="at">
                {m.schedule}
              </button>
              <button type="submit" name="when" value="now" class="contrast">
                {m.sendNow}
              </button>
            </fieldset>
          </form>
        ) : null}
        {campaign.state === 'scheduled' ? (
          <form method="post" action={`${base}/unschedule`}>
            <button type="submit" class="secondary">
              {m.unschedule}
            </button>
          </form>
        ) : null}
        {campaign.state === 'sending' || campaign.state === 'paused' ? (
          <form method="post" action={`${base}/${campaign.state === 'sending' ? 'pause' : 'resume'}`}>
            <button type="submit" class="secondary">
              {campaign.state === 'sending' ? m.pause : m.resume}
            </button>
          </form>
        ) : null}
        {['scheduled', 'sending', 'paused'].includes(campaign.state) ? (
          <form method="post" action={`${base}/cancel`}>
            <button type="submit" class="secondary outline">
              {m.cancelCampaign}
            </button>
            <small>{m.cancelHint}</small>
          </form>
        ) : null}
      </section>
      {campaign.state === 'draft' ? (
        <section aria-labelledby="edit-title">
          <h2 id="edit-title">{m.editTitle}</h2>
          <CampaignForm
            locale={locale}
            action={base}
            values={extras.form?.values ?? campaignFormValues(campaign)}
            errors={extras.form?.errors ?? new Map()}
            version={campaign.version}
            submit={m.saveDraft}
          />
        </section>
      ) : null}
      <section aria-labelledby="preview-title">
        <h2 id="preview-title">{m.preview}</h2>
        <div id="preview" aria-live="polite">
          <PreviewPanel locale={locale} preview={preview} fallback={fallback} />
        </div>
      </section>
    </article>
  );
};
