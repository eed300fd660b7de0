import type { SendQueue } from '../campaigns/sending-deps.ts';
import type { Database } from '../data/dynamo-client.ts';
import type { UserDirectory } from '../identity/user-directory.ts';
import { AccountService } from './account-service.ts';
import { AccountRepository } from './member-accounts.ts';
import type { MemberRepository } from './member-repository.ts';

/** Member accounts as every runtime that serves them wires them: the directory's routes and the console. */
export function accountServiceFor(
  runtime: {
    db: Database;
    users?: UserDirectory | undefined;
    sendQueue?: SendQueue | undefined;
    clock: () => Date;
    newId: () => string;
  },
  members: MemberRepository,
): AccountService {
  return new AccountService({
    accounts: new AccountRepository(runtime.db),
    members,
    users: runtime.users,
    sendQueue: runtime.sendQueue,
    clock: runtime.clock,
    newId: runtime.newId,
  });
}
