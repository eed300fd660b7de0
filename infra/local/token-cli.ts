import { parseArgs } from 'node:util';
import { signLocalToken } from '../../shared/identity/local-jwt.ts';
import { type Role, roles } from '../../shared/identity/principal.ts';
import { loadOrCreateDevSecrets } from './dev-secrets.ts';

const usage =
  'usage: npm run token -- --role staff|admin|member [--member <id>] [--expires-in 1h] [--sub <subject>]';

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
  const secrets = await loadOrCreateDevSecrets();
  const token = await signLocalToken(secrets.privateJwk, {
    role,
    ...(values.member ? { memberId: values.member } : {}),
    ...(values.sub ? { sub: values.sub } : {}),
    expiresIn: values['expires-in'],
  });
  process.stdout.write(`${token}\n`);
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
