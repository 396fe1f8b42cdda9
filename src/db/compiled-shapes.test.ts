import { describe, expect, it } from 'vitest';
import { compiledShapes } from './compiled-shapes.ts';
import { queryBuilder as db } from './query-builder.ts';
import { castVoteStatements, type NewVote } from '../queries/votes.ts';
import { createFeedbackStatements, compiledCreateFeedback, type NewFeedback } from '../queries/feedback-write.ts';

const compile = (statements: readonly { compile(): { sql: string; parameters: readonly unknown[] } }[]) =>
  statements.map((s) => {
    const { sql, parameters } = s.compile();
    return { sql, parameters: [...parameters] };
  });

describe('compiledShapes', () => {
  it('binds each call’s values into the statements of its shape, equal to compiling them directly', () => {
    const castVote = compiledShapes('castVote', (vote: NewVote) => castVoteStatements(db, vote));
    const votes: NewVote[] = [
      { path: { workspace: 'a', board: 'main', feedbackId: 1 }, externalUserId: 'u1', verified: false, at: 10 },
      { path: { workspace: 'b', board: 'ideas', feedbackId: 2 }, externalUserId: 'u2', verified: false, at: 20 },
      { path: { workspace: 'c', board: 'x', feedbackId: 3 }, externalUserId: 'u3', userName: 'Ann', verified: true, claimedWeight: 4, at: 30 },
      { path: { workspace: 'd', board: 'y', feedbackId: 4 }, externalUserId: 'u4', verified: true, at: 40 },
      { path: { workspace: 'e', board: 'z', feedbackId: 5 }, externalUserId: 'u5', userName: 'Bo', verified: true, claimedWeight: 2, at: 50 },
    ];
    for (const vote of votes) expect(compile(castVote(vote))).toEqual(compile(castVoteStatements(db, vote)));
  });

  it('computes what the statements only bind (the trend score of a new item)', () => {
    const item: NewFeedback = { path: { workspace: 'a', board: 'main' }, externalUserId: 'u', verified: false, title: 'T', description: '', at: 1_790_000_000_000 };
    expect(compile(compiledCreateFeedback(item))).toEqual(compile(createFeedbackStatements(db, item)));
    const later = { ...item, title: 'Other', category: 'ui', at: 1_790_000_500_000 };
    expect(compile(compiledCreateFeedback(later))).toEqual(compile(createFeedbackStatements(db, later)));
  });

  it('refuses a builder whose SQL depends on an input value, unless that input is named literal', () => {
    const bySort = (input: { sort: string; id: number }) => [db.selectFrom('feedback_items').select('id').where('id', '>', input.id).orderBy(input.sort === 'new' ? 'created_at' : 'vote_count')];
    expect(() => compiledShapes('bySort', bySort)({ sort: 'new', id: 1 })).toThrow(/depend on an input/);
    const literal = compiledShapes('bySort', bySort, ['sort']);
    for (const input of [{ sort: 'new', id: 1 }, { sort: 'top', id: 2 }, { sort: 'new', id: 3 }]) {
      expect(compile(literal(input))).toEqual(compile(bySort(input)));
    }
  });

  it('refuses a builder that computes with an input instead of binding it', () => {
    const doubled = (input: { id: number }) => [db.selectFrom('feedback_items').select('id').where('id', '=', input.id * 2)];
    expect(() => compiledShapes('doubled', doubled)({ id: 3 })).toThrow(/depend on an input/);
  });
});

describe('compiledShapes, verification', () => {
  it('also catches a value-dependent branch that the first call of the shape did not take', () => {
    const bySort = (input: { sort: string; id: number }) => [db.selectFrom('feedback_items').select('id').where('id', '>', input.id).orderBy(input.sort === 'new' ? 'created_at' : 'vote_count')];
    const shaped = compiledShapes('bySort', bySort);
    expect(compile(shaped({ sort: 'top', id: 1 }))).toEqual(compile(bySort({ sort: 'top', id: 1 })));
    expect(() => shaped({ sort: 'new', id: 2 })).toThrow(/depend on an input/);
  });
});
