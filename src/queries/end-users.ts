/** @module End users, identified per workspace by the host application's id. */
import type { Expression, SqlBool } from 'kysely';
import type { Db } from '../db/client.ts';
import { workspaceIdValue, type WorkspaceId } from './write-path.ts';

export interface EndUserWrite {
  workspaceId: WorkspaceId;
  externalUserId: string;
  name?: string;
  /** A valid identity token vouched for this request. */
  verified: boolean;
  at: number;
}

/**
 * Creates the end user if new (keeping a known name when none is given). A verified request marks
 * the user verified; once verified, only verified requests change their name, so nobody renames a
 * user by sending their externalUserId without a token. `onlyIf` lets a batch skip the insert when
 * the target of the write does not exist, so a failed request leaves nothing.
 */
export function upsertEndUser(db: Db, user: EndUserWrite, onlyIf?: Expression<SqlBool>) {
  return db
    .insertInto('end_users')
    .columns(['workspace_id', 'external_id', 'name', 'verified_at', 'created_at'])
    .expression(
      db
        .selectNoFrom((eb) => [
          workspaceIdValue(user.workspaceId).as('workspace_id'),
          eb.val(user.externalUserId).as('external_id'),
          eb.val(user.name ?? null).as('name'),
          eb.val(user.verified ? user.at : null).as('verified_at'),
          eb.val(user.at).as('created_at'),
        ])
        // A WHERE also keeps SQLite from reading ON CONFLICT as part of INSERT … SELECT.
        .where((eb) => onlyIf ?? eb.lit(true)),
    )
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'external_id']).doUpdateSet((eb) =>
        user.verified
          ? { name: eb.fn.coalesce('excluded.name', 'end_users.name'), verified_at: eb.fn.coalesce('end_users.verified_at', 'excluded.verified_at') }
          : {
              name: eb
                .case()
                .when('end_users.verified_at', 'is', null)
                .then(eb.fn.coalesce('excluded.name', 'end_users.name'))
                .else(eb.ref('end_users.name'))
                .end(),
            },
      ),
    );
}


/** Sets (or clears, with null) the weight of an end user's signed votes, creating the user if new. */
export function setEndUserVoteWeight(db: Db, user: { workspaceId: number; externalUserId: string; voteWeight: number | null; at: number }) {
  return db
    .insertInto('end_users')
    .values({ workspace_id: user.workspaceId, external_id: user.externalUserId, vote_weight: user.voteWeight, created_at: user.at })
    .onConflict((oc) => oc.columns(['workspace_id', 'external_id']).doUpdateSet({ vote_weight: user.voteWeight }))
    .returning(['external_id', 'vote_weight'])
    .executeTakeFirstOrThrow();
}

/** One column of an end user's row, as a subquery for the statements of a batch. */
export function endUserColumn<C extends 'id' | 'name' | 'vote_weight'>(db: Db, workspaceId: WorkspaceId, externalUserId: string, column: C) {
  return db.selectFrom('end_users').select(column).where('workspace_id', '=', workspaceId).where('external_id', '=', externalUserId);
}

export function endUserId(db: Db, workspaceId: WorkspaceId, externalUserId: string) {
  return endUserColumn(db, workspaceId, externalUserId, 'id');
}
