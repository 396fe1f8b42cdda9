/** @module End-user identity administered with a workspace key: rotating the identity secret, setting an end user's vote weight. */
import type { Handlers } from '../../generated/handlers.ts';
import { database, runBatch } from '../db/client.ts';
import { keyWorkspace } from '../lib/auth.ts';
import { now } from '../lib/clock.ts';
import { newIdentitySecret } from '../lib/identity-secret.ts';
import { conflict } from '../lib/problem.ts';
import { iso } from '../lib/time.ts';
import { setEndUserVoteWeight } from '../queries/end-users.ts';
import { rotateIdentitySecretStatements } from '../queries/identity-secrets.ts';

export const identityHandlers: Pick<Handlers, 'rotateIdentitySecret' | 'setEndUserVoteWeight'> = {
  rotateIdentitySecret: async (c) => {
    const workspace = keyWorkspace(c);
    const { overlapSeconds } = c.req.valid('json');
    const at = now();
    const next = newIdentitySecret();
    const validUntil = at + overlapSeconds * 1000;
    const previous = { keyId: workspace.identity_key_id, secret: workspace.identity_secret };
    const results = await runBatch<{ identity_key_id: string }>(c.env.DB, [
      ...rotateIdentitySecretStatements(database(c.env.DB), { workspaceId: workspace.id, previous, next, at, validUntil }),
    ]);
    if ((results.at(-1)?.length ?? 0) === 0) throw conflict('The identity secret was rotated by another request meanwhile; read the workspace and retry');
    return c.json({ keyId: next.keyId, secret: next.secret, previousKeyId: previous.keyId, previousValidUntil: iso(validUntil) }, 201);
  },

  setEndUserVoteWeight: async (c) => {
    const { externalUserId } = c.req.valid('param');
    const workspace = keyWorkspace(c);
    const { voteWeight } = c.req.valid('json');
    const row = await setEndUserVoteWeight(database(c.env.DB), { workspaceId: workspace.id, externalUserId, voteWeight, at: now() });
    return c.json({ externalUserId: row.external_id, voteWeight: row.vote_weight }, 200);
  },
};
