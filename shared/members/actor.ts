import type { Principal, Role } from '../identity/principal.ts';

/** Who made a change, as history records it: the token subject and the role it acted in. */
export interface Actor {
  sub: string;
  role: Role;
}

/** The actor a request acts as: only the subject and role of its token, nothing else it carries. */
export function actorOf(principal: Principal): Actor {
  return { sub: principal.sub, role: principal.role };
}

export function consentSourceOf(actor: Actor): 'member' | 'staff' {
  return actor.role === 'member' ? 'member' : 'staff';
}
