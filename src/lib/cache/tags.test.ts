import { describe, expect, it } from 'vitest';
import { entryTags, fillTag, MissingTagParamError } from './tags.ts';

describe('fillTag', () => {
  it('fills every parameter, and the same template again with other values', () => {
    expect(fillTag('item:{workspace}:{id}', { workspace: 'acme', id: 42 })).toBe('item:acme:42');
    expect(fillTag('item:{workspace}:{id}', { workspace: 'beta', id: 7 })).toBe('item:beta:7');
    expect(fillTag('roadmap', {})).toBe('roadmap');
    expect(fillTag('{workspace}', { workspace: 'acme' })).toBe('acme');
  });

  it.each([undefined, null, ''])('refuses a missing parameter (%s), naming it', (missing) => {
    const fill = () => fillTag('board:{workspace}:{board}', { workspace: 'acme', board: missing });
    expect(fill).toThrow(MissingTagParamError);
    expect(fill).toThrow('needs {board}');
  });

  it('adds the workspace-wide tag to an entry', () => {
    expect(entryTags(['board:{workspace}:{board}'], { workspace: 'acme', board: 'ideas' })).toEqual(['board:acme:ideas', 'workspace:acme']);
  });
});
