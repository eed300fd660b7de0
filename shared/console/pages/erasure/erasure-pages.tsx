import { type Context, Hono } from 'hono';
import { ConflictError } from '../../../domain/errors.ts';
import { type Actor, actorOf } from '../../../members/actor.ts';
import { eraseMemberEverywhere } from '../../../members/member-erasure.ts';
import { erasePartnerEverywhere } from '../../../partners/partner-erasure.ts';
import { PartnerRepository } from '../../../partners/partner-repository.ts';
import { PartnerService } from '../../../partners/partner-service.ts';
import { wasConfirmed } from '../../components/confirm-first.tsx';
import type { ConsolePageDeps } from '../../console-deps.ts';
import type { ConsoleEnv } from '../../console-env.ts';
import { commonMessages } from '../../i18n/common-messages.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { companyName } from '../../i18n/names.ts';
import { requireAdmin } from '../../require-admin.ts';
import { memberEditServices } from '../member/member-record-services.ts';
import { erasurePath, ulidPattern } from '../route-patterns.ts';
import { erasureMessages } from './erasure-messages.ts';

type Ctx = Context<ConsoleEnv>;

/** What an erasure page shows of the company it erases. */
interface Erasable {
  id: string;
  name: string;
  latinName?: string | null | undefined;
  erasedAt?: string | undefined;
  contacts: readonly { erasedAt?: string | undefined }[];
}

interface ErasureKind {
  kind: 'members' | 'partners';
  read: (id: string) => Promise<Erasable>;
  erase: (id: string, actor: Actor) => Promise<unknown>;
}

/**
 * A member's or a partner's right to be forgotten, for admins, as `POST /v1/members/{id}/erase` and
 * `POST /v1/partners/{id}/erase` do it (members/member-erasure.ts, partners/partner-erasure.ts: the
 * same reach, the same audit entry). The page says what goes and what stays, and erases only on its
 * form's confirmation; the record then shows the erasure.
 */
export function erasurePages(deps: ConsolePageDeps) {
  const app = new Hono<ConsoleEnv>();
  const members = memberEditServices(deps);
  const partners = new PartnerService({
    partners: new PartnerRepository(deps.app.db),
    clock: deps.app.clock,
    newId: deps.app.newId,
  });
  const kinds: ErasureKind[] = [
    {
      kind: 'members',
      read: (id) => members.service.get(id, { consistent: true }),
      erase: (id, actor) =>
        eraseMemberEverywhere(deps.app, { members: members.service, accounts: members.accounts }, id, actor),
    },
    {
      kind: 'partners',
      read: (id) => partners.get(id, { consistent: true }),
      erase: (id, actor) => erasePartnerEverywhere(deps.app, partners, id, actor),
    },
  ];

  for (const kind of kinds) {
    const route = `/console/${kind.kind}/:id{${ulidPattern}}/erase`;
    app.use(route, requireAdmin);
    app.get(route, async (c) => erasurePage(c, kind, await kind.read(c.req.param('id') ?? '')));
    app.post(route, async (c) => {
      const company = await kind.read(c.req.param('id') ?? '');
      if (!wasConfirmed(await c.req.parseBody())) return erasurePage(c, kind, company, 422);
      try {
        await kind.erase(company.id, actorOf(c.get('principal')));
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        return erasurePage(c, kind, company, 409, erasureMessages[c.get('locale')].conflict);
      }
      return c.redirect(`/console/${kind.kind}/${company.id}`, 303);
    });
  }
  return app;
}

function erasurePage(c: Ctx, kind: ErasureKind, company: Erasable, status?: 409 | 422, alert?: string) {
  const locale = c.get('locale');
  const m = erasureMessages[locale];
  const record = `/console/${kind.kind}/${company.id}`;
  const title = m.title(companyName(company));
  const held = company.contacts.filter((contact) => !contact.erasedAt).length;
  if (status) c.status(status);
  return c.render(
    <article>
      <h1>{title}</h1>
      {alert ? (
        <p role="alert" class="error">
          {alert}
        </p>
      ) : null}
      {company.erasedAt ? <p>{m.erasedBefore(formatDateTime(locale, company.erasedAt))}</p> : null}
      <p>{m.contacts(held)}</p>
      <ul>
        <li>{m.tombstones}</li>
        <li>{m.suppressed}</li>
        <li>{kind.kind === 'members' ? m.reachMember : m.reachPartner}</li>
      </ul>
      <p>{m.kept}</p>
      <form method="post" action={erasurePath(kind.kind, company.id)}>
        <p>
          <strong>{m.final}</strong>
        </p>
        <input type="hidden" name="confirmed" value="yes" />
        <button type="submit" class="contrast">
          {m.erase}
        </button>{' '}
        <a href={record}>{commonMessages[locale].cancel}</a>
      </form>
    </article>,
    { title, section: kind.kind },
  );
}
