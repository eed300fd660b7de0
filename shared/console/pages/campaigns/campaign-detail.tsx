import type { FC } from 'hono/jsx';
import type { CampaignPreview } from '../../../campaigns/campaign-preview.ts';
import type { CampaignStats } from '../../../campaigns/campaign-runs.ts';
import type { Campaign } from '../../../campaigns/campaign-schema.ts';
import { mayMove } from '../../../campaigns/campaign-state.ts';
import type { Tier } from '../../../domain/tiers.ts';
import { zoneInline } from '../../../events/zone-names.ts';
import { commonMessages } from '../../i18n/common-messages.ts';
import type { Locale } from '../../i18n/locales.ts';
import {
  AudienceCounts,
  CampaignForm,
  fieldLabel,
  PreviewPanel,
  StateLabel,
  StatsSection,
  sendTimeOf,
} from './campaign-components.tsx';
import {
  type CampaignFormValues,
  campaignFormValues,
  type SegmentField,
  typedText,
} from './campaign-form.ts';
import { campaignText } from './campaign-messages.ts';
import { SegmentSummary, segmentValueTexts } from './campaign-segment.tsx';

/** What the detail page shows beyond the stored campaign: a form sent back with errors, a notice. */
export interface DetailExtras {
  /** Why what was asked was refused. */
  refusal?: string;
  form?: { values: CampaignFormValues; errors: Map<string, string> };
  /** The form was read at an older version: what is stored now, beside what was typed (a 412). */
  stale?: boolean;
  scheduleError?: string;
  notice?: string;
  /** The draft's audience, counted on request. */
  counts?: CampaignPreview;
}

/** Send now, asking first with the audience's size once counted; a counted fragment replaces it (oob). */
export const SendNowButton: FC<{ locale: Locale; counts?: CampaignPreview; oob?: boolean }> = ({
  locale,
  counts,
  oob,
}) => {
  const m = campaignText[locale];
  return (
    <button
      type="submit"
      id="send-now"
      name="when"
      value="now"
      class="contrast"
      // Counted: the browser asks with the size. Not yet: the server counts and asks on a page of its own.
      {...(counts ? { 'data-confirm': m.confirmSend(counts.audience) } : {})}
      {...(oob ? { 'hx-swap-oob': 'true' } : {})}
    >
      {m.sendNow}
    </button>
  );
};

/** A stale edit: each field whose stored value differs from what was typed, both shown. */
const StaleComparison: FC<{
  locale: Locale;
  stored: CampaignFormValues;
  typed: CampaignFormValues;
  tiers: readonly Tier[];
}> = ({ locale, stored, typed, tiers }) => {
  const m = campaignText[locale];
  // A choice (the tiers, the topics) in words; places by name; other text as it was written.
  const text = (key: string, value: string | string[] | undefined) =>
    Array.isArray(value)
      ? segmentValueTexts(key.replace(/^segment\./, '') as SegmentField, value, locale, tiers).join(', ')
      : typedText(key, value ?? '', locale);
  const changed = [...new Set([...Object.keys(stored), ...Object.keys(typed)])].filter(
    (key) => key !== 'version' && text(key, stored[key]) !== text(key, typed[key]),
  );
  const common = commonMessages[locale];
  return (
    <section aria-labelledby="conflict-title">
      <h2 id="conflict-title">{common.conflictTitle}</h2>
      <p role="alert">{common.conflict}</p>
      {changed.length > 0 ? (
        <div class="overflow-auto">
          <table class="striped">
            <thead>
              <tr>
                <th scope="col">{m.field}</th>
                <th scope="col">{m.storedNow}</th>
                <th scope="col">{m.youTyped}</th>
              </tr>
            </thead>
            <tbody>
              {changed.map((key) => (
                <tr>
                  <th scope="row">{fieldLabel(m, key) ?? key}</th>
                  <td>{text(key, stored[key])}</td>
                  <td>{text(key, typed[key])}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
};

/**
 * A campaign's page: its progress once it has left draft, the moves its state allows (each a plain
 * form), the draft's form while it is one, and the preview with the audience.
 */
export const CampaignDetail: FC<{
  locale: Locale;
  campaign: Campaign;
  stats: CampaignStats | undefined;
  /** The tier table, by whose labels the segment names its tiers. */
  tiers: readonly Tier[];
  extras: DetailExtras;
}> = ({ locale, campaign, stats, tiers, extras }) => {
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
      {extras.stale && extras.form ? (
        <StaleComparison
          locale={locale}
          stored={campaignFormValues(campaign, locale)}
          typed={extras.form.values}
          tiers={tiers}
        />
      ) : null}
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
            <input type="hidden" name="version" value={String(campaign.version)} />
            <label for="schedule-at">
              {m.scheduleAt(zoneInline(zone, locale))}
              <input
                id="schedule-at"
                type="datetime-local"
                name="sendAt"
                value={campaign.sendAt ? campaignFormValues(campaign, locale).sendAt : ''}
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
              <SendNowButton locale={locale} counts={extras.counts} />
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
        {mayMove(campaign.state, 'cancelled') ? (
          <form method="post" action={`${base}/cancel`}>
            <button
              type="submit"
              class="secondary outline"
              data-confirm={m.confirmCancel(stats?.audience ?? 0)}
            >
              {m.cancelCampaign}
            </button>
            <small>{m.cancelHint}</small>
          </form>
        ) : null}
      </section>
      {campaign.state === 'draft' ? null : (
        <section aria-labelledby="segment-title">
          <h2 id="segment-title">{m.audienceLegend}</h2>
          <SegmentSummary locale={locale} segment={campaign.segment} tiers={tiers} />
        </section>
      )}
      {campaign.state === 'draft' ? (
        <section aria-labelledby="audience-title">
          <h2 id="audience-title">{m.audienceLegend}</h2>
          <form
            method="post"
            action={`${base}/audience`}
            hx-post={`${base}/audience`}
            hx-target="#audience"
            hx-swap="innerHTML"
          >
            <button type="submit" class="secondary">
              {m.countAudience}
            </button>
            <small>{m.countHint}</small>
          </form>
          <div id="audience" aria-live="polite">
            {extras.counts ? (
              <AudienceCounts locale={locale} preview={extras.counts} segment={campaign.segment} />
            ) : null}
          </div>
        </section>
      ) : null}
      {campaign.state === 'draft' ? (
        <section aria-labelledby="edit-title">
          <h2 id="edit-title">{m.editTitle}</h2>
          <CampaignForm
            locale={locale}
            action={base}
            tiers={tiers}
            values={extras.form?.values ?? campaignFormValues(campaign, locale)}
            errors={extras.form?.errors ?? new Map()}
            version={campaign.version}
            submit={m.saveDraft}
          />
        </section>
      ) : null}
      <section aria-labelledby="preview-title">
        <h2 id="preview-title">{m.preview}</h2>
        <div id="preview" aria-live="polite">
          <PreviewPanel locale={locale} campaign={campaign} tiers={tiers} />
        </div>
      </section>
    </article>
  );
};
