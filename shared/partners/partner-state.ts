import { ValidationError } from '../domain/errors.ts';
import {
  type Partner,
  type PartnerCreate,
  type PartnerProfile,
  partnerProfileFields,
  partnerProfileSchema,
} from '../domain/partner-schema.ts';
import { normaliseTaxId } from '../domain/tax-id.ts';
import {
  contactInputsOf,
  contactsFromInput,
  newContacts,
  type StateChange,
} from '../members/member-state.ts';
import { applyMergePatch } from '../members/merge-patch.ts';

/**
 * The next state of a partner from a full profile (a create body, or the result of a merge patch).
 * Contacts follow the members' rules (member-state.ts): an existing id keeps its person, consent
 * records change only where the answer changed, erased contacts stay as tombstones.
 */
export function applyPartnerProfile(
  previous: Partner | undefined,
  profile: PartnerProfile | Omit<PartnerCreate, 'confirmNotDuplicate'>,
  change: StateChange,
): Partner {
  const now = change.now.toISOString();
  let taxId: string | undefined;
  if (profile.taxId !== undefined) {
    const normalised = normaliseTaxId(profile.country, profile.taxId);
    if (!normalised.ok) throw new ValidationError([{ path: 'taxId', message: normalised.message }]);
    taxId = normalised.value;
  }
  const previousContacts = previous?.contacts ?? [];
  return {
    id: previous?.id ?? change.newId(),
    name: profile.name,
    latinName: profile.latinName,
    country: profile.country,
    region: profile.region,
    taxId,
    sectors: profile.sectors,
    targetMarkets: profile.targetMarkets,
    languages: profile.languages,
    description: profile.description,
    website: profile.website,
    offers: profile.offers,
    needs: profile.needs,
    matchmakingVisible: profile.matchmakingVisible,
    notes: profile.notes,
    contacts: [
      ...contactsFromInput(
        previous ? profile.contacts : newContacts(profile.contacts),
        previousContacts,
        change,
      ),
      ...previousContacts.filter((c) => c.erasedAt),
    ],
    joinedAs: previous?.joinedAs,
    erasedAt: previous?.erasedAt,
    version: (previous?.version ?? 0) + 1,
    createdAt: previous?.createdAt ?? now,
    updatedAt: now,
  };
}

/** The writable view of a partner: what a merge patch applies to. Erased contacts are not editable. */
export function partnerProfileOf(partner: Partner): Record<string, unknown> {
  const profile: Record<string, unknown> = Object.fromEntries(
    partnerProfileFields.map((f) => [f, partner[f]]),
  );
  profile.contacts = contactInputsOf(partner.contacts);
  for (const key of Object.keys(profile)) if (profile[key] === undefined) delete profile[key];
  return profile;
}

/** The profile `patch` (a JSON merge patch) makes of the partner's, as the schema reads it. */
export function patchedPartnerProfile(partner: Partner, patch: Record<string, unknown>) {
  return partnerProfileSchema.safeParse(applyMergePatch(partnerProfileOf(partner), patch));
}
