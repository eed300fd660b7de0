import {
  type Campaign,
  type CampaignCreate,
  type CampaignPatch,
  campaignCreateSchema,
  segmentSchema,
} from '../../../campaigns/campaign-schema.ts';
import { localTimestamp, zonedTimestamp } from '../../../campaigns/send-time.ts';
import { languages } from '../../../domain/languages.ts';
import type { Locale } from '../../i18n/locales.ts';
import {
  type PlaceKind,
  placeList,
  placesText,
  typedPlaces,
  unknownPlaces,
} from '../../i18n/place-lookup.ts';
import { localizeIssues } from '../../i18n/zod-messages.ts';
import { templateRuleTexts } from './campaign-rule-texts.ts';

/** A form body as `parseBody({ all: true })` gives it. */
export type FormBody = Record<string, string | File | (string | File)[]>;

/** What the compose form shows, by field name: a text, or the values of a group of checkboxes. */
export type CampaignFormValues = Record<string, string | string[]>;

export type SegmentField = keyof typeof segmentSchema.shape;
/** The segment's fields typed as comma-separated lists of places, by name or code. */
export const segmentListFields = [
  'regions',
  'countries',
  'targetMarkets',
] as const satisfies readonly SegmentField[];
/** The segment's fields chosen from what the form lists (checkboxes, or a select of several). */
export const segmentChoiceFields = [
  'companies',
  'statuses',
  'tiers',
  'sectors',
  'interests',
] as const satisfies readonly SegmentField[];
export const variantParts = ['subject', 'html', 'text'] as const;

export function one(body: FormBody, key: string): string {
  const value = body[key];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : '';
}

function many(body: FormBody, key: string): string[] {
  const value = body[key];
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter(
    (v): v is string => typeof v === 'string',
  );
}

/** The form's fields typed as places: the audience's lists, and the markets the campaign is about. */
const placeFields: Record<string, PlaceKind> = {
  'segment.regions': 'region',
  'segment.countries': 'country',
  'segment.targetMarkets': 'country',
  targetMarkets: 'country',
};

/** A text field's value as a comparison shows it: a place field's by name for the reader, others as typed. */
export function typedText(key: string, value: string, locale: Locale): string {
  const kind = placeFields[key];
  return kind ? typedPlaces(kind, value, locale) : value;
}

/**
 * The wall-clock time a form gives in the campaign's zone as RFC 3339, as the API takes it; left as
 * typed (for the schema to refuse) when the time or the zone is not one.
 */
function sendAtOf(wall: string, timeZone: string): string {
  try {
    return zonedTimestamp(wall, timeZone) ?? wall;
  } catch {
    return wall;
  }
}

/**
 * The form's fields as the body `POST /v1/campaigns` takes, for the API's own schema to judge; and,
 * by field, what a place field named that is no place (the schema sees the places it did name).
 */
function inputOf(body: FormBody): { input: Record<string, unknown>; unknownPlaces: Map<string, string[]> } {
  const unknownPlaces = new Map<string, string[]>();
  const places = (key: string) => {
    const { codes, unknown } = placeList(placeFields[key]!, one(body, key));
    if (unknown.length > 0) unknownPlaces.set(key, unknown);
    return codes;
  };
  const segment: Record<string, string[]> = {};
  for (const field of segmentListFields) {
    const values = places(`segment.${field}`);
    if (values.length > 0) segment[field] = values;
  }
  for (const field of segmentChoiceFields) {
    const values = many(body, `segment.${field}`).filter((value) => value !== '');
    if (values.length > 0) segment[field] = values;
  }
  const variants: Record<string, Record<string, string>> = {};
  for (const language of languages) {
    const parts = Object.fromEntries(variantParts.map((p) => [p, one(body, `variants.${language}.${p}`)]));
    // A language with nothing written is not written in; a half-written one is the schema's to refuse.
    if (Object.values(parts).some((part) => part.trim() !== '')) variants[language] = parts;
  }
  const targetMarkets = places('targetMarkets');
  const timeZone = one(body, 'timeZone').trim();
  const sendAt = one(body, 'sendAt').trim();
  const replyTo = one(body, 'replyTo').trim();
  const input = {
    name: one(body, 'name'),
    ...(targetMarkets.length > 0 ? { targetMarkets } : {}),
    segment,
    // Left empty, it is missing (required), not an address mistyped.
    ...(replyTo ? { replyTo } : {}),
    variants,
    ...(sendAt ? { sendAt: sendAtOf(sendAt, timeZone || 'UTC') } : {}),
    ...(timeZone ? { timeZone } : {}),
  };
  return { input, unknownPlaces };
}

export type ParsedCampaignForm =
  | { ok: true; input: CampaignCreate }
  | { ok: false; errors: Map<string, string> };

/**
 * The compose form checked by the API's create schema, its errors in the reader's language by field;
 * a place field that names what is no place is refused too, saying which.
 */
export function parseCampaignForm(body: FormBody, locale: Locale): ParsedCampaignForm {
  const { input, unknownPlaces: unknown } = inputOf(body);
  const parsed = campaignCreateSchema.safeParse(input);
  if (parsed.success && unknown.size === 0) return { ok: true, input: parsed.data };
  const errors = parsed.success
    ? new Map<string, string>()
    : localizeIssues(parsed.error.issues, locale, templateRuleTexts);
  for (const [key, entries] of unknown) errors.set(key, unknownPlaces(placeFields[key]!, entries, locale));
  return { ok: false, errors };
}

/** The form's values as typed, to show them again beside their errors. */
export function formValuesOf(body: FormBody): CampaignFormValues {
  const values: CampaignFormValues = {};
  for (const key of Object.keys(body)) {
    if (segmentChoiceFields.some((field) => key === `segment.${field}`)) values[key] = many(body, key);
    else values[key] = one(body, key);
  }
  return values;
}

/** A stored campaign as the form shows it: places by name, the send time in the campaign's own zone. */
export function campaignFormValues(campaign: Campaign, locale: Locale): CampaignFormValues {
  const values: CampaignFormValues = {
    name: campaign.name,
    replyTo: campaign.replyTo,
    targetMarkets: placesText('country', campaign.targetMarkets, locale),
    // UTC is the empty choice, as the API's default.
    timeZone: campaign.timeZone === 'UTC' ? '' : (campaign.timeZone ?? ''),
    sendAt: campaign.sendAt ? localTimestamp(campaign.sendAt, campaign.timeZone ?? 'UTC').slice(0, 16) : '',
  };
  for (const field of segmentChoiceFields) {
    // Without `companies` the API means members' contacts, so the form ticks that box.
    values[`segment.${field}`] = campaign.segment[field] ?? (field === 'companies' ? ['members'] : []);
  }
  for (const field of segmentListFields) {
    const key = `segment.${field}`;
    values[key] = placesText(placeFields[key]!, campaign.segment[field] ?? [], locale);
  }
  for (const language of languages) {
    for (const part of variantParts) {
      values[`variants.${language}.${part}`] = campaign.variants[language]?.[part] ?? '';
    }
  }
  return values;
}

/**
 * A checked form as a merge patch that replaces every writable field: the form holds the whole draft,
 * so what it leaves empty is removed (`null`), a language's variant included.
 */
export function replacementPatch(input: CampaignCreate): CampaignPatch {
  const segmentFields = Object.keys(segmentSchema.shape) as SegmentField[];
  return {
    name: input.name,
    targetMarkets: input.targetMarkets ?? null,
    segment: Object.fromEntries(
      segmentFields.map((field) => [field, input.segment[field] ?? null]),
    ) as CampaignPatch['segment'],
    replyTo: input.replyTo,
    variants: Object.fromEntries(
      languages.map((language) => [language, input.variants[language] ?? null]),
    ) as CampaignPatch['variants'],
    sendAt: input.sendAt ?? null,
    timeZone: input.timeZone ?? null,
  };
}
