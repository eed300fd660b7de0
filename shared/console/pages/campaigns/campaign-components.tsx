import type { FC } from 'hono/jsx';
import { type ExclusionReason, exclusionReasons, writtenLanguages } from '../../../campaigns/audience.ts';
import { type CampaignPreview, renderVariant } from '../../../campaigns/campaign-preview.ts';
import type { CampaignStats } from '../../../campaigns/campaign-runs.ts';
import type { Campaign } from '../../../campaigns/campaign-schema.ts';
import type { CampaignState } from '../../../campaigns/campaign-state.ts';
import { escapeHtml } from '../../../campaigns/email-footer.ts';
import { publicRecipientStatuses } from '../../../campaigns/recipient.ts';
import { sampleValues } from '../../../campaigns/test-send.ts';
import { type Language, languages } from '../../../domain/languages.ts';
import { memberStatuses } from '../../../domain/member-schema.ts';
import { regionMerger } from '../../../domain/region-codes.ts';
import { type Tier, unassessedTier } from '../../../domain/tiers.ts';
import { topics } from '../../../domain/topics.ts';
import { zoneLabel } from '../../../events/zone-names.ts';
import { Choice, FieldError } from '../../components/form-fields.tsx';
import { CountryList, countryListId, RegionList, regionListId } from '../../components/place-suggestions.tsx';
import { ZoneSelect } from '../../components/zone-options.tsx';
import { commonMessages } from '../../i18n/common-messages.ts';
import { languageName, recipientStatusLabels, tierName } from '../../i18n/domain-labels.ts';
import { formatDateTime, formatNumber } from '../../i18n/format.ts';
import type { Locale } from '../../i18n/locales.ts';
import { topicName } from '../../i18n/names.ts';
import { regionName, regionsNamed } from '../../i18n/region-names.ts';
import { pollAttributes } from '../../session/session-middleware.ts';
import type { CampaignFormValues } from './campaign-form.ts';
import { type SegmentField, segmentListFields, variantParts } from './campaign-form.ts';
import { type CampaignText, campaignText } from './campaign-messages.ts';
import { segmentFieldLabel } from './campaign-segment.tsx';

const t = (locale: Locale) => campaignText[locale];

/** The states in which the campaign's progress changes by itself, so its stats are polled. */
const moving: readonly CampaignState[] = ['scheduled', 'sending'];

export const StateLabel: FC<{ locale: Locale; state: CampaignState }> = ({ locale, state }) => (
  <span class={`state state-${state}`}>{t(locale)[state]}</span>
);

/** The send time in the campaign's own zone, as staff planning it read it. */
export function sendTimeOf(locale: Locale, campaign: Campaign): string {
  if (!campaign.sendAt) return t(locale).notScheduled;
  const zone = campaign.timeZone ?? 'UTC';
  const at = formatDateTime(locale, campaign.sendAt, zone);
  // formatDateTime names UTC itself.
  return zone === 'UTC' ? at : `${at} · ${zoneLabel(zone, locale)}`;
}

const fieldId = (name: string) => `f-${name.replace(/\./g, '-')}`;

/** A language variant's part, as its input and the stale page name it: `Subject (vi)`. */
export const variantLabel = (m: CampaignText, language: Language, part: (typeof variantParts)[number]) =>
  `${part === 'text' ? m.plain : m[part]} (${language})`;

/** The first error of a field or of anything inside it (a list's entry: `segment.countries.1`). */
function errorOf(errors: Map<string, string>, name: string): string | undefined {
  for (const [path, message] of errors) if (path === name || path.startsWith(`${name}.`)) return message;
  return undefined;
}

/** A field's errors as a shared input reads them: the first of the field's own or of its entries. */
function firstErrorOf(errors: Map<string, string>, name: string): Map<string, string> {
  const error = errorOf(errors, name);
  return error === undefined ? new Map() : new Map([[name, error]]);
}

/**
 * The tiers a segment can name, by their labels: the tier table's, the unassessed, and any a stored
 * draft names that the table no longer has (kept, so saving the draft again does not drop it).
 */
function tierOptions(locale: Locale, tiers: readonly Tier[], values: CampaignFormValues): [string, string][] {
  const chosen = values['segment.tiers'];
  const names = [...tiers.map((tier) => tier.name), unassessedTier, ...(Array.isArray(chosen) ? chosen : [])];
  return [...new Set(names)].map((name) => [name, tierName(name, locale, tiers)]);
}

const Field: FC<{
  label: string;
  name: string;
  values: CampaignFormValues;
  errors: Map<string, string>;
  hint?: string;
  type?: string;
  rows?: number;
  /**
   * A list of places typed with commas between: the `<datalist>` of them it suggests from, for the
   * entry being typed (console.js offers each after what is typed before the last comma).
   */
  places?: string;
  required?: boolean;
}> = ({ label, name, values, errors, hint, type = 'text', rows, places, required }) => {
  const id = fieldId(name);
  const error = errorOf(errors, name);
  const value = typeof values[name] === 'string' ? values[name] : '';
  const described = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <label for={id}>
      {label}
      {rows ? (
        <textarea
          id={id}
          name={name}
          rows={rows}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={described}
        >
          {value}
        </textarea>
      ) : (
        <input
          id={id}
          type={type}
          name={name}
          value={value}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={described}
          required={required}
          list={places}
          data-entries={places ? 'places' : undefined}
          autocomplete={places ? 'off' : undefined}
        />
      )}
      {error ? <FieldError id={id} error={error} /> : hint ? <small id={`${id}-hint`}>{hint}</small> : null}
    </label>
  );
};

const Choices: FC<{
  legend: string;
  name: string;
  options: readonly [string, string][];
  values: CampaignFormValues;
  errors: Map<string, string>;
}> = ({ legend, name, options, values, errors }) => {
  const chosen = Array.isArray(values[name]) ? values[name] : [];
  const error = errorOf(errors, name);
  return (
    <fieldset>
      <legend>{legend}</legend>
      {options.map(([value, label]) => (
        <label>
          <input type="checkbox" name={name} value={value} checked={chosen.includes(value)} />
          {label}
        </label>
      ))}
      {error ? <small class="field-error">{error}</small> : null}
    </fieldset>
  );
};

/**
 * The compose form: the whole draft, posted as a plain form; with script, every pause in typing posts
 * it to the preview, which renders it as the API's preview would and swaps it into `#preview`.
 */
export const CampaignForm: FC<{
  locale: Locale;
  action: string;
  /** The tier table, whose tiers a segment names. */
  tiers: readonly Tier[];
  values: CampaignFormValues;
  errors: Map<string, string>;
  version?: number;
  submit: string;
}> = ({ locale, action, tiers, values, errors, version, submit }) => {
  const m = t(locale);
  const zone = typeof values.timeZone === 'string' ? values.timeZone : '';
  const formError = errors.get('(form)') ?? errors.get('variants');
  return (
    <form
      method="post"
      action={action}
      hx-post="/console/campaigns/preview"
      hx-trigger="input changed delay:500ms"
      hx-target="#preview"
      hx-swap="innerHTML"
      hx-sync="this:replace"
    >
      {errors.size > 0 ? (
        <p role="alert" class="error">
          {commonMessages[locale].fixErrors}
          {formError ? ` ${formError}` : ''}
        </p>
      ) : null}
      {version !== undefined ? <input type="hidden" name="version" value={String(version)} /> : null}
      <Field label={m.name} name="name" values={values} errors={errors} required />
      <Field
        label={m.targetMarkets}
        name="targetMarkets"
        values={values}
        errors={errors}
        hint={m.targetMarketsHint}
        places={countryListId}
      />
      {/* By name: the field reads names, and shows them so (a code typed is taken too). */}
      <CountryList locale={locale} by="name" />
      <RegionList locale={locale} by="name" />
      <fieldset>
        <legend>{m.audienceLegend}</legend>
        <Choices
          legend={m.companies}
          name="segment.companies"
          options={[
            ['members', m.members],
            ['partners', m.partners],
          ]}
          values={values}
          errors={errors}
        />
        <Choices
          legend={m.statuses}
          name="segment.statuses"
          options={memberStatuses.map((s) => [s, m[s]])}
          values={values}
          errors={errors}
        />
        <Choices
          legend={m.tiers}
          name="segment.tiers"
          options={tierOptions(locale, tiers, values)}
          values={values}
          errors={errors}
        />
        <div class="grid">
          {(['sectors', 'interests'] as const).map((field) => (
            <div>
              <Choice
                name={`segment.${field}`}
                label={m[field]}
                values={values}
                errors={firstErrorOf(errors, `segment.${field}`)}
                options={topics.map((topic) => [topic, topicName(topic, locale)] as const)}
                multiple
              />
            </div>
          ))}
        </div>
        {segmentListFields.map((field) => (
          <Field
            label={segmentFieldLabel(m, field)}
            name={`segment.${field}`}
            values={values}
            errors={errors}
            hint={field === 'regions' ? m.regionsHint : m.listHint}
            places={field === 'regions' ? regionListId : countryListId}
          />
        ))}
      </fieldset>
      <fieldset>
        <legend>{m.senderLegend}</legend>
        <Field
          label={m.replyTo}
          name="replyTo"
          type="email"
          values={values}
          errors={errors}
          hint={m.replyToHint}
          required
        />
      </fieldset>
      <fieldset>
        <legend>{m.sendTimeLegend}</legend>
        <ZoneSelect
          name="timeZone"
          label={m.timeZone}
          locale={locale}
          selected={zone}
          utcValue=""
          errors={errors}
        />
        <Field label={m.plannedSendAt} name="sendAt" type="datetime-local" values={values} errors={errors} />
      </fieldset>
      {languages.map((language) => (
        <fieldset>
          <legend>{languageName(locale, language)}</legend>
          <small>{m.variantHint}</small>
          {variantParts.map((part) => (
            <Field
              label={variantLabel(m, language, part)}
              name={`variants.${language}.${part}`}
              values={values}
              errors={errors}
              {...(part === 'subject' ? {} : { rows: part === 'html' ? 8 : 5 })}
            />
          ))}
        </fieldset>
      ))}
      <button type="submit">{submit}</button>
    </form>
  );
};

/** An email as the preview's iframe shows it: a document of its own, titled by its subject. */
const previewDocument = (language: Language, subject: string, html: string) =>
  `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>${html}</body></html>`;

/**
 * Each language's email as rendered with the test emails' sample values, named as a recipient's would
 * be (`tiers`, the tier table's, name the sample's tier): no audience is read, so the live preview costs
 * one read of the tier table per pause in typing (the audience is counted on request, `AudienceCounts`).
 *
 * The email sits in an `<iframe srcdoc>` sandboxed with no permission at all (no scripts, an opaque
 * origin), so nothing in a template can act on the console. A srcdoc document inherits the console's
 * CSP: its inline styles and remote images are not shown. That is accepted, and said beside the
 * preview: the preview is for the words and the merge fields; the test email shows the styled message
 * as mail clients do. Serving it from a route of its own with a looser CSP would put campaign HTML on
 * the console's origin for anyone who opens that URL outside the sandbox.
 */
export const PreviewPanel: FC<{ locale: Locale; campaign: Campaign; tiers: readonly Tier[] }> = ({
  locale,
  campaign,
  tiers,
}) => {
  const m = t(locale);
  return (
    <>
      <p>
        <small>{m.previewNote}</small>
      </p>
      {writtenLanguages(campaign).map((language) => {
        const sample = renderVariant(campaign, language, sampleValues(language, tiers));
        return (
          <section class="email-preview" aria-labelledby={`preview-${language}`}>
            <h3 id={`preview-${language}`}>{languageName(locale, language)}</h3>
            <p>
              <strong>{m.subject}:</strong> {sample.subject}
            </p>
            <iframe
              sandbox=""
              title={m.previewOf(languageName(locale, language))}
              srcdoc={previewDocument(language, sample.subject, sample.html)}
            />
          </section>
        );
      })}
    </>
  );
};

export const PreviewErrors: FC<{ locale: Locale; errors: Map<string, string> }> = ({ locale, errors }) => (
  <div role="status">
    <p>{t(locale).previewUnavailable}</p>
    <ul>
      {[...errors].map(([path, message]) => {
        const label = fieldLabel(t(locale), path);
        return <li>{label ? `${label}: ${message}` : message}</li>;
      })}
    </ul>
  </div>
);

/**
 * A form field by the name its input goes by: `segment.tiers`, `variants.vi.subject`, `replyTo`;
 * undefined for what no one field holds (`variants`: a campaign with no language).
 */
export function fieldLabel(m: CampaignText, key: string): string | undefined {
  const [head = '', field = '', part] = key.split('.');
  if (head === 'segment') return segmentFieldLabel(m, field as SegmentField);
  if (head === 'variants' && part) {
    return variantLabel(m, field as Language, part as Parameters<typeof variantLabel>[2]);
  }
  const labels: Record<string, string> = {
    name: m.name,
    replyTo: m.replyTo,
    targetMarkets: m.targetMarkets,
    timeZone: m.timeZone,
    sendAt: m.plannedSendAt,
  };
  return labels[key];
}

/**
 * What the segment's regions count since Vietnam's 2025 merger: a province or city the members still
 * recorded under the provinces merged into it, a merged province only its own (campaigns/audience.ts).
 */
const MergedRegionNotes: FC<{ locale: Locale; regions: readonly string[] }> = ({ locale, regions }) => {
  const m = t(locale);
  const notes = regions.flatMap((region) => {
    const merger = regionMerger(region);
    // A merged province beside the whole it is part of is counted with it: nothing to say.
    if (!merger || ('partOf' in merger && regions.includes(merger.partOf))) return [];
    const name = regionName(region, locale);
    return 'partOf' in merger
      ? [m.mergedPartOf(name, regionName(merger.partOf, locale))]
      : [m.mergedTakesIn(name, regionsNamed(merger.takesIn, locale))];
  });
  return notes.length > 0 ? (
    <ul>
      {notes.map((note) => (
        <li>
          <small>{note}</small>
        </li>
      ))}
    </ul>
  ) : null;
};

/** Who a draft would reach now and who not, and why: read on request only (every contact of the segment). */
export const AudienceCounts: FC<{
  locale: Locale;
  preview: CampaignPreview;
  segment: Campaign['segment'];
}> = ({ locale, preview, segment }) => {
  const m = t(locale);
  const counted = (Object.keys(preview.byLanguage) as Language[]).filter((l) => preview.byLanguage[l]);
  return (
    <div class="grid">
      <div>
        <p>
          {m.audience}: <strong class="audience-count">{formatNumber(locale, preview.audience)}</strong>
        </p>
        <MergedRegionNotes locale={locale} regions={segment.regions ?? []} />
        {counted.length > 0 ? (
          <p>
            {m.byLanguage}:{' '}
            {counted
              .map((l) => `${languageName(locale, l)} ${formatNumber(locale, preview.byLanguage[l] ?? 0)}`)
              .join(', ')}
          </p>
        ) : null}
      </div>
      <div class="overflow-auto">
        <table class="striped">
          <caption>{m.excludedLegend}</caption>
          <thead>
            <tr>
              <th scope="col">{m.reason}</th>
              <th scope="col" class="number">
                {m.count}
              </th>
            </tr>
          </thead>
          <tbody>
            {exclusionReasons.map((reason: ExclusionReason) => (
              <tr>
                <th scope="row">{m[reason]}</th>
                <td class="number">{formatNumber(locale, preview.excluded[reason])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
};

/**
 * The campaign's state and counts. While it may still change by itself (scheduled, sending), the
 * section asks for itself again every 5 seconds; the fragment it gets once the campaign is done has
 * no trigger, so the polling stops.
 */
export const StatsSection: FC<{ locale: Locale; campaign: Campaign; stats: CampaignStats }> = ({
  locale,
  campaign,
  stats,
}) => {
  const m = t(locale);
  const polling = moving.includes(campaign.state);
  return (
    <section
      id="stats"
      aria-labelledby="stats-title"
      {...(polling
        ? {
            'hx-get': `/console/campaigns/${campaign.id}/stats`,
            'hx-trigger': 'every 5s',
            'hx-swap': 'outerHTML',
            ...pollAttributes,
          }
        : {})}
    >
      <h2 id="stats-title">{m.stats}</h2>
      <p>
        {m.state}: <StateLabel locale={locale} state={campaign.state} /> · {m.sendTime}:{' '}
        {sendTimeOf(locale, campaign)}
      </p>
      {campaign.pausedBecause ? <p role="status">{m.pausedBecause(campaign.pausedBecause)}</p> : null}
      <div class="overflow-auto">
        <table class="striped">
          <thead>
            <tr>
              <th scope="col">{m.recipientsTotal}</th>
              {publicRecipientStatuses.map((status) => (
                <th scope="col" class="number">
                  {recipientStatusLabels[locale][status]}
                </th>
              ))}
              <th scope="col" class="number">
                {m.excluded}
              </th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td class="number">{formatNumber(locale, stats.audience)}</td>
              {publicRecipientStatuses.map((status) => (
                <td class="number" data-status={status}>
                  {formatNumber(locale, stats.byStatus[status])}
                </td>
              ))}
              <td class="number">{formatNumber(locale, stats.excluded)}</td>
            </tr>
          </tbody>
        </table>
      </div>
      {polling ? (
        <p>
          <small>{m.refreshing}</small>
        </p>
      ) : null}
    </section>
  );
};
