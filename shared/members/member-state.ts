import { ValidationError } from '../domain/errors.ts';
import { MissingExchangeRateError, type RateTable } from '../domain/exchange-rates.ts';
import { ruleReason } from '../domain/issue-rules.ts';
import type {
  ConsentRecord,
  Contact,
  ContactInput,
  EmailStatus,
  Member,
  MemberCreate,
  MemberProfile,
} from '../domain/member-schema.ts';
import { consentPurposes, memberProfileSchema } from '../domain/member-schema.ts';
import type { Money } from '../domain/money.ts';
import { sameValue } from '../domain/same-value.ts';
import { normaliseTaxId } from '../domain/tax-id.ts';
import { type TierTable, tierForRevenue } from '../domain/tiers.ts';
import { applyMergePatch } from './merge-patch.ts';

/** The settings a member's derived fields depend on, read once per write. */
export interface TierContext {
  tiers: TierTable;
  rates: RateTable;
}

export interface StateChange {
  now: Date;
  consentSource: ConsentRecord['source'];
  actorSub: string;
  newId: () => string;
}

/**
 * Turns the contacts a client sent into the member's live contacts. A contact that names an existing id
 * keeps its identity; consent records change only where the answer changed, so their timestamps say
 * when the person actually gave or withdrew it. An erased contact sent back as read (its id, no email)
 * is left out here: erased contacts are kept by `applyProfile` whatever the client sends.
 */
export function contactsFromInput(
  inputs: ContactInput[],
  previous: Contact[],
  change: StateChange,
): Contact[] {
  const at = change.now.toISOString();
  return inputs.flatMap((input, index) => {
    const named = input.id === undefined ? undefined : previous.find((c) => c.id === input.id);
    if (input.email === null) {
      if (named?.erasedAt) return [];
      throw new ValidationError([
        {
          path: `contacts.${index}.email`,
          message: 'Only an erased contact, sent with its id, has no email.',
        },
      ]);
    }
    const existing = named?.erasedAt ? undefined : named;
    if (input.id !== undefined && !existing) {
      throw new ValidationError([
        { path: `contacts.${index}.id`, message: 'No such contact on this member.' },
      ]);
    }
    const sameAddress = existing?.email?.toLowerCase() === input.email.toLowerCase();
    const consent = {} as Contact['consent'];
    for (const purpose of consentPurposes) {
      const wanted = input.consent?.[purpose];
      const before = existing?.consent[purpose];
      consent[purpose] =
        before && (wanted === undefined || wanted === before.granted)
          ? before
          : { granted: wanted ?? false, at, source: change.consentSource };
    }
    return [
      {
        id: existing?.id ?? change.newId(),
        name: input.name,
        email: input.email,
        ...(input.phone ? { phone: input.phone } : {}),
        ...(input.position ? { position: input.position } : {}),
        language: input.language,
        consent,
        emailStatus: sameAddress ? (existing!.emailStatus ?? 'verified') : newAddressStatus(change),
      },
    ];
  });
}

/**
 * A new address is verified when staff, an import or the seed entered it; one a member entered waits
 * for the person to confirm it.
 */
const newAddressStatus = (change: StateChange): EmailStatus =>
  change.consentSource === 'member' ? 'unverified' : 'verified';

/**
 * The contacts of a create body as new contacts. A body copied from a member as read carries that
 * member's contact ids and erased contacts; the new member's contacts are new people records, so the
 * ids are the server's to assign and the tombstones (an id, no email), which hold no one, are left out.
 * An entry with neither id nor email is no tombstone: it stays, for `contactsFromInput` to refuse.
 */
export function newContacts(inputs: ContactInput[]): ContactInput[] {
  return inputs
    .filter((c) => c.email !== null || c.id === undefined)
    .map(({ id: _ignored, ...contact }) => contact);
}

/** The tier and the revenue it was computed from; a member without verified revenue has no tier yet. */
export function tierOf(
  verifiedRevenue: Money | undefined,
  context: TierContext,
  at: Date,
): Pick<Member, 'tier' | 'tierRevenue'> {
  if (!verifiedRevenue) return { tier: null, tierRevenue: undefined };
  const { tier, tierRevenue } = tierForRevenue(context.tiers, context.rates, verifiedRevenue, at);
  return { tier: tier.name, tierRevenue };
}

/**
 * `tierOf` for revenue a client just sent: a valid amount can still be unusable (no rate in force for
 * its currency, or a converted amount beyond Number.MAX_SAFE_INTEGER minor units). That is the
 * client's input, a 422, not a server fault. (The re-tier job calls `tierOf` itself and reports
 * a missing rate its own way.)
 */
function tierOfInput(verifiedRevenue: Money | undefined, context: TierContext, at: Date) {
  try {
    return tierOf(verifiedRevenue, context, at);
  } catch (error) {
    if (error instanceof MissingExchangeRateError || error instanceof RangeError) {
      throw new ValidationError([
        {
          path: 'verifiedRevenue',
          message: `Cannot be converted to ${context.tiers.currency}: ${error.message}.`,
          reason:
            error instanceof MissingExchangeRateError
              ? ruleReason('noRateOnDay', { currency: error.currency, day: error.day })
              : ruleReason('tooLargeToConvert', { currency: context.tiers.currency }),
        },
      ]);
    }
    throw error;
  }
}

/**
 * The next state of a member from a full profile (a create body, or the result of a merge patch).
 * Derived fields (tier, timestamps of declarations and verifications, resignation date) follow here
 * and nowhere else.
 */
export function applyProfile(
  previous: Member | undefined,
  profile: MemberProfile | (MemberCreate & { joinedOn?: string }),
  context: TierContext,
  change: StateChange,
): Member {
  const now = change.now.toISOString();
  const taxId = normaliseTaxId(profile.country, profile.taxId);
  if (!taxId.ok) throw new ValidationError([{ path: 'taxId', message: taxId.message }]);
  const previousContacts = previous?.contacts ?? [];
  const contacts = [
    ...contactsFromInput(
      previous ? profile.contacts : newContacts(profile.contacts),
      previousContacts,
      change,
    ),
    ...previousContacts.filter((c) => c.erasedAt),
  ];
  const declaredChanged = !sameValue(profile.declaredRevenue, previous?.declaredRevenue);
  const verifiedChanged = !sameValue(profile.verifiedRevenue, previous?.verifiedRevenue);
  const resigned = profile.status === 'resigned';
  return {
    id: previous?.id ?? change.newId(),
    name: profile.name,
    country: profile.country,
    region: profile.region,
    taxId: taxId.value,
    sectors: profile.sectors,
    interests: profile.interests,
    targetMarkets: profile.targetMarkets,
    languages: profile.languages,
    description: profile.description,
    website: profile.website,
    status: profile.status,
    joinedOn: profile.joinedOn ?? previous?.joinedOn ?? now.slice(0, 10),
    resignedOn: resigned ? (previous?.resignedOn ?? now.slice(0, 10)) : undefined,
    declaredRevenue: profile.declaredRevenue,
    declaredRevenueAt: profile.declaredRevenue
      ? declaredChanged
        ? now
        : previous?.declaredRevenueAt
      : undefined,
    verifiedRevenue: profile.verifiedRevenue,
    revenueVerifiedAt: profile.verifiedRevenue
      ? verifiedChanged
        ? now
        : previous?.revenueVerifiedAt
      : undefined,
    revenueVerifiedBy: profile.verifiedRevenue
      ? verifiedChanged
        ? change.actorSub
        : previous?.revenueVerifiedBy
      : undefined,
    // Unchanged revenue keeps the tier it has: converting it again could fail on a rate the write has
    // nothing to do with, and a changed table reaches every member through its re-tier job.
    ...(previous && !verifiedChanged
      ? { tier: previous.tier, tierRevenue: previous.tierRevenue }
      : tierOfInput(profile.verifiedRevenue, context, change.now)),
    offers: profile.offers,
    needs: profile.needs,
    matchmakingVisible: profile.matchmakingVisible,
    contacts,
    erasedAt: previous?.erasedAt,
    version: (previous?.version ?? 0) + 1,
    createdAt: previous?.createdAt ?? now,
    updatedAt: now,
  };
}

/** The writable view of a member: what a merge patch applies to. Erased contacts are not editable. */
export function profileOf(member: Member): Record<string, unknown> {
  const contacts = contactInputsOf(member.contacts);
  const profile: Record<string, unknown> = {
    name: member.name,
    country: member.country,
    region: member.region,
    taxId: member.taxId,
    sectors: member.sectors,
    interests: member.interests,
    targetMarkets: member.targetMarkets,
    languages: member.languages,
    description: member.description,
    website: member.website,
    status: member.status,
    joinedOn: member.joinedOn,
    declaredRevenue: member.declaredRevenue,
    verifiedRevenue: member.verifiedRevenue,
    offers: member.offers,
    needs: member.needs,
    matchmakingVisible: member.matchmakingVisible,
    contacts,
  };
  for (const key of Object.keys(profile)) if (profile[key] === undefined) delete profile[key];
  return profile;
}

/**
 * The profile a merge patch of `member` would make, validated whole: what `MemberService.patch` writes,
 * and what the console checks a form against to show each error beside its field before writing.
 */
export function patchedProfile(member: Member, patch: Record<string, unknown>) {
  return memberProfileSchema.safeParse(applyMergePatch(profileOf(member), patch));
}

/** A company's live contacts as a client would send them back: the writable view of each. */
export function contactInputsOf(contacts: readonly Contact[]): ContactInput[] {
  return contacts
    .filter((c) => !c.erasedAt && c.email)
    .map((c) => ({
      id: c.id,
      name: c.name,
      email: c.email as string,
      ...(c.phone ? { phone: c.phone } : {}),
      ...(c.position ? { position: c.position } : {}),
      language: c.language,
      consent: { outreach: c.consent.outreach.granted, news: c.consent.news.granted },
    }));
}
