import { parseArgs } from 'node:util';
import { signLocalToken } from '../../shared/identity/local-jwt.ts';
import { type Role, roles } from '../../shared/identity/principal.ts';
import { loadOrCreateDevSecrets } from './dev-secrets.ts';

const usage =
  'usage: npm run token -- --role staff|admin|member [--member <id>] [--expires-in 1h|15m|300s] [--sub <subject>]';

const units: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

function seconds(duration: string): number {
  const match = /^(\d+)([smhd])$/.exec(duration);
  const value = match ? Number(match[1]) * units[match[2]!]! : 0;
  if (value <= 0) throw new Error(`--expires-in takes a number and a unit (s, m, h, d), e.g. 15m.\n${usage}`);
  return value;
}

async function main() {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      member: { type: 'string' },
      'expires-in': { type: 'string', default: '1h' },
      sub: { type: 'string' },
    },
  });
  const role = values.role as Role | undefined;
  if (!role || !roles.includes(role)) throw new Error(usage);
  if (role === 'member' && !values.member) throw new Error(`A member token needs --member <id>.\n${usage}`);
  const lifetimeSeconds = seconds(values['expires-in']);
  const secrets = await loadOrCreateDevSecrets();
  const token = await signLocalToken(secrets.privateJwk, {
    role,
    ...(values.member ? { memberId: values.member } : {}),
    ...(values.sub ? { sub: values.sub } : {}),
    lifetimeSeconds,
  });
  process.stdout.write(`${token}\n`);
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
