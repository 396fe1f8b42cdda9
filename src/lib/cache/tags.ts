/**
 * @module
 * Concrete cache tags: templates (`board:{workspace}:{board}`) filled with values, and the
 * workspace-wide tag every cached entry of a workspace also carries.
 */
export class MissingTagParamError extends Error {
  constructor(readonly template: string, readonly param: string) {
    super(`tag template "${template}" needs {${param}}, which neither the path nor the handler supplied`);
    this.name = 'MissingTagParamError';
  }
}

export function fillTag(template: string, values: Record<string, unknown>): string {
  return template.replace(/\{([A-Za-z]+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined || value === null || value === '') throw new MissingTagParamError(template, name);
    return String(value);
  });
}

/**
 * Carried by every entry of the workspace and checked on every read of it, so one invalidation of
 * it makes the whole workspace's cache stale: the fallback when a precise tag cannot be filled.
 */
export function workspaceTag(workspace: string): string {
  return `workspace:${workspace}`;
}

/** The concrete tags of a cached response: the policy's, then the workspace-wide one. */
export function entryTags(templates: readonly string[], params: Record<string, unknown>): string[] {
  const tags = templates.map((t) => fillTag(t, params));
  const workspace = params.workspace;
  if (typeof workspace === 'string' && workspace !== '') tags.push(workspaceTag(workspace));
  return tags;
}
