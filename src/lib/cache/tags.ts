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

/** Templates split at their `{param}`s, once each (they come from the spec, so the map stays small). */
const templateParts = new Map<string, string[]>();

export function fillTag(template: string, values: Record<string, unknown>): string {
  let parts = templateParts.get(template);
  // Even indexes: literal text; odd ones: parameter names.
  if (!parts) templateParts.set(template, (parts = template.split(/\{([A-Za-z]+)\}/)));
  let tag = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const value = values[parts[i]!];
    if (value === undefined || value === null || value === '') throw new MissingTagParamError(template, parts[i]!);
    tag += String(value) + parts[i + 1]!;
  }
  return tag;
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
