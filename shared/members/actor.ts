import type { Role } from '../identity/principal.ts';

/** Who made a change, as history records it: the token subject and the role it acted in. */
export interface Actor {
  sub: string;
  role: Role;
}

export function consentSourceOf(actor: Actor): 'member' | 'staff' {
  return actor.role === 'member' ? 'member' : 'staff';
}
