import { randomBytes, randomUUID, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import {
  PasswordRejectedError,
  passwordProblems,
  type UserDirectory,
  UserExistsError,
} from '../../shared/identity/user-directory.ts';

const scrypt = promisify(scryptCallback) as (
  password: string,
  salt: Buffer,
  length: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

/** scrypt at N = 2^15, r = 8 (~40 ms here): slow enough that a copied file resists guessing. */
const hashing = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

interface LocalUser {
  userId: string;
  email: string;
  memberId: string;
  enabled: boolean;
  /** `scrypt$<salt>$<hash>`, base64url; null until the person sets one. */
  password: string | null;
  lastSignIn: string | null;
}

/**
 * The local stand-in for the Cognito user pool: member users in one JSON file under `.data/` (written
 * whole, by rename), passwords as salted scrypt hashes. It answers the same interface as Cognito,
 * plus the sign-in Cognito's own endpoint does in AWS (`signIn`), so the invitation flow runs end to
 * end on this machine.
 */
export class LocalUserDirectory implements UserDirectory {
  private writes: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async createMemberUser(user: { email: string; memberId: string }): Promise<{ userId: string }> {
    return this.change((users) => {
      const email = user.email.toLowerCase();
      if (users.some((u) => u.email === email)) {
        throw new UserExistsError('Another user already signs in with this address.');
      }
      const userId = randomUUID();
      users.push({ userId, email, memberId: user.memberId, enabled: true, password: null, lastSignIn: null });
      return { userId };
    });
  }

  async setPassword(userId: string, password: string): Promise<void> {
    if (passwordProblems(password).length > 0) {
      throw new PasswordRejectedError('Password does not conform to policy.');
    }
    const salt = randomBytes(16);
    const hash = await scrypt(password, salt, 32, hashing);
    await this.change((users) => {
      this.find(users, userId).password =
        `scrypt$${salt.toString('base64url')}$${hash.toString('base64url')}`;
    });
  }

  async enable(userId: string): Promise<void> {
    await this.change((users) => {
      this.find(users, userId).enabled = true;
    });
  }

  async disable(userId: string): Promise<void> {
    await this.change((users) => {
      this.find(users, userId).enabled = false;
    });
  }

  async remove(userId: string): Promise<void> {
    await this.change((users) => {
      const index = users.findIndex((u) => u.userId === userId);
      if (index >= 0) users.splice(index, 1);
    });
  }

  async lastSignIn(userId: string): Promise<string | null> {
    return (await this.read()).find((u) => u.userId === userId)?.lastSignIn ?? null;
  }

  /**
   * The user a correct email and password sign in as, or undefined (unknown address, wrong password,
   * disabled user, or no password set yet: one answer for all, as Cognito gives).
   */
  async signIn(email: string, password: string): Promise<{ userId: string; memberId: string } | undefined> {
    const user = (await this.read()).find((u) => u.email === email.toLowerCase());
    const [, salt, stored] = user?.password?.split('$') ?? [];
    // A missing user still costs one hash, so timing does not tell who has an account.
    const given = await scrypt(password, Buffer.from(salt ?? 'none', 'base64url'), 32, hashing);
    if (!user?.enabled || !stored) return undefined;
    const expected = Buffer.from(stored, 'base64url');
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    await this.change((users) => {
      this.find(users, user.userId).lastSignIn = this.clock().toISOString();
    });
    return { userId: user.userId, memberId: user.memberId };
  }

  private find(users: LocalUser[], userId: string): LocalUser {
    const user = users.find((u) => u.userId === userId);
    if (!user) throw new Error(`No local user ${userId}.`);
    return user;
  }

  private async read(): Promise<LocalUser[]> {
    try {
      return JSON.parse(await readFile(this.file, 'utf8')) as LocalUser[];
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  /** Read, change, write whole: one change at a time, so none is lost. */
  private change<T>(apply: (users: LocalUser[]) => T): Promise<T> {
    const next = this.writes.then(async () => {
      const users = await this.read();
      const result = apply(users);
      await mkdir(dirname(this.file), { recursive: true });
      await writeFile(`${this.file}.tmp`, `${JSON.stringify(users, null, 2)}\n`, { mode: 0o600 });
      await rename(`${this.file}.tmp`, this.file);
      return result;
    });
    this.writes = next.catch(() => {});
    return next;
  }
}
