import { ConflictError, NotFoundError, ValidationError } from '../domain/errors.ts';
import type { Member } from '../domain/member-schema.ts';
import type { Partner } from '../domain/partner-schema.ts';
import { type MatchCard, memberCard, partnerCard } from '../matching/match-card.ts';
import type { EventRepository } from './event-repository.ts';
import type { Event, Participant, Registration } from './event-schema.ts';
import type { EventServiceDeps } from './event-service.ts';
import { slotsOf } from './event-slots.ts';

/** A company that may take part: an active member, or a partner that has not joined. */
export type CompanyRef = { kind: 'member' | 'partner'; id: string };
export type Company = { kind: 'member'; member: Member } | { kind: 'partner'; partner: Partner };

/** The company a registration names, read to take part: 404 for none, refused where it may not. */
export async function readCompany(
  deps: Pick<EventServiceDeps, 'members' | 'partners'>,
  ref: CompanyRef,
  path: string,
): Promise<Company> {
  if (ref.kind === 'member') {
    const member = await deps.members.get(ref.id);
    if (!member) throw new NotFoundError(`No member ${ref.id} (${path}).`);
    if (member.status !== 'active') throw new ConflictError(`The member is ${member.status}.`, path);
    return { kind: 'member', member };
  }
  const partner = await deps.partners.get(ref.id);
  if (!partner) throw new NotFoundError(`No partner ${ref.id} (${path}).`);
  if (partner.joinedAs) {
    throw new ValidationError([
      { path, message: `The partner joined as member ${partner.joinedAs}; register the member.` },
    ]);
  }
  return { kind: 'partner', partner };
}

function cardOf(company: Company): MatchCard {
  return company.kind === 'member' ? memberCard(company.member) : partnerCard(company.partner);
}

/** A participation from the registration, the company's record and the event's slots. */
export function participantFrom(
  event: Event,
  company: Company,
  input: Registration,
  before: Participant | undefined,
  now: string,
): Participant {
  const card = cardOf(company);
  const record = company.kind === 'member' ? company.member : company.partner;
  const slots = input.slots ?? slotsOf(event).map((s) => s.id);
  const problems = slotProblems(event, slots);
  const attended = new Set(slots);
  const contacts = new Map(record.contacts.filter((c) => !c.erasedAt).map((c) => [c.id, c]));
  const delegates = input.delegates.map((d, i) => {
    const contact = contacts.get(d.contactId);
    if (!contact)
      problems.push({ path: `delegates.${i}.contactId`, message: 'Not a contact of this company.' });
    (d.slots ?? []).forEach((slot, j) => {
      if (!attended.has(slot)) {
        problems.push({ path: `delegates.${i}.slots.${j}`, message: `The company does not attend ${slot}.` });
      }
    });
    return {
      contactId: d.contactId,
      name: contact?.name ?? '',
      language: contact?.language ?? 'en',
      slots: d.slots ?? slots,
      ...(d.timeZone ? { timeZone: d.timeZone } : {}),
    };
  });
  if (problems.length > 0) throw new ValidationError(problems);
  return {
    id: card.id,
    card,
    delegates,
    languages: input.languages ?? card.languages,
    offers: input.offers ?? card.offers.map((o) => o.topic),
    needs: input.needs ?? card.needs.map((n) => n.topic),
    slots,
    status: 'registered',
    agendaSent: before?.agendaSent ?? 0,
    ...(before?.agendaHash ? { agendaHash: before.agendaHash } : {}),
    ...(before?.agendaSentTo ? { agendaSentTo: before.agendaSentTo } : {}),
    version: (before?.version ?? 0) + 1,
    createdAt: before?.createdAt ?? now,
    updatedAt: now,
  };
}

/** An event's records with a company's registration in it, read to change it: 404 for either missing. */
export async function registrationIn(events: EventRepository, eventId: string, companyId: string) {
  const records = await events.records(eventId);
  if (!records) throw new NotFoundError(`No event ${eventId}.`);
  const before = records.participants.find((p) => p.id === companyId);
  if (before?.status !== 'registered')
    throw new NotFoundError(`No registration of ${companyId} in this event.`);
  return { records, event: records.event, before };
}

/** The slots a registration lists that the event does not have, each at its path. */
export function slotProblems(event: Event, slots: readonly string[]): { path: string; message: string }[] {
  const known = new Set(slotsOf(event).map((s) => s.id));
  return slots.flatMap((slot, i) =>
    known.has(slot) ? [] : [{ path: `slots.${i}`, message: `No slot ${slot} in this event.` }],
  );
}
