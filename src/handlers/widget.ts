/**
 * @module
 * The embeddable widget's configuration and the workspace's branding: public reads (cached by the
 * generated wrapper under `config:{workspace}` / `branding:{workspace}`) and admin replacement,
 * whose `x-invalidates` marks those entries stale.
 */
import type { Handlers } from '../../generated/handlers.ts';
import type { Branding, WidgetConfig } from '../../generated/schemas.ts';
import { database } from '../db/client.ts';
import { keyWorkspace } from '../lib/auth.ts';
import { now } from '../lib/clock.ts';
import { invalidFields, notFound, type FieldError } from '../lib/problem.ts';
import { isHttpUrl, normalizeOrigin } from '../lib/web-urls.ts';
import {
  boardExists,
  findBranding,
  findWidgetConfig,
  replaceBranding,
  replaceWidgetConfig,
  type BrandingValues,
  type WidgetConfigValues,
} from '../queries/widget.ts';

function toWidgetConfig(values: WidgetConfigValues): WidgetConfig {
  return {
    defaultBoard: values.default_board,
    position: values.position,
    theme: values.theme,
    showRoadmap: values.show_roadmap === 1,
    locale: values.locale,
    allowedOrigins: values.allowed_origins,
  };
}

function toBranding(values: BrandingValues): Branding {
  return { name: values.name, logoUrl: values.logo_url, primaryColor: values.primary_color, accentColor: values.accent_color, fontFamily: values.font_family };
}

function rejectFields(errors: FieldError[]): never {
  throw invalidFields(errors);
}

/** Bare http(s) origins, normalized and without repeats; a page's Origin header is compared with them. */
function allowedOrigins(values: string[]): string[] {
  const errors: FieldError[] = [];
  const origins = new Set<string>();
  values.forEach((value, index) => {
    const origin = normalizeOrigin(value);
    if (origin !== undefined) origins.add(origin);
    else errors.push({ path: `body.allowedOrigins.${index}`, message: 'must be an http(s) origin such as https://example.com, without path, query or fragment' });
  });
  if (errors.length > 0) rejectFields(errors);
  return [...origins];
}

export const widgetHandlers: Pick<Handlers, 'getWidgetConfig' | 'updateWidgetConfig' | 'getBranding' | 'updateBranding'> = {
  getWidgetConfig: async (c) => {
    const slug = c.req.valid('param').workspace;
    const config = await findWidgetConfig(database(c.env.DB), slug);
    if (!config) throw notFound(`Workspace "${slug}" does not exist`);
    return c.json(toWidgetConfig(config), 200);
  },

  updateWidgetConfig: async (c) => {
    const workspace = keyWorkspace(c);
    const body = c.req.valid('json');
    const db = database(c.env.DB);
    const origins = allowedOrigins(body.allowedOrigins);
    if (body.defaultBoard !== null && !(await boardExists(db, workspace.id, body.defaultBoard))) {
      rejectFields([{ path: 'body.defaultBoard', message: `board "${body.defaultBoard}" does not exist` }]);
    }
    const stored = await replaceWidgetConfig(db, workspace.id, {
      default_board: body.defaultBoard,
      position: body.position,
      theme: body.theme,
      show_roadmap: body.showRoadmap ? 1 : 0,
      locale: body.locale,
      allowed_origins: origins,
    }, now());
    return c.json(toWidgetConfig(stored), 200);
  },

  getBranding: async (c) => {
    const slug = c.req.valid('param').workspace;
    const branding = await findBranding(database(c.env.DB), slug);
    if (!branding) throw notFound(`Workspace "${slug}" does not exist`);
    return c.json(toBranding(branding), 200);
  },

  updateBranding: async (c) => {
    const workspace = keyWorkspace(c);
    const body = c.req.valid('json');
    if (body.logoUrl !== null && !isHttpUrl(body.logoUrl)) {
      rejectFields([{ path: 'body.logoUrl', message: 'must be an http(s) URL' }]);
    }
    const stored = await replaceBranding(database(c.env.DB), workspace.id, {
      name: body.name,
      logo_url: body.logoUrl,
      primary_color: body.primaryColor,
      accent_color: body.accentColor,
      font_family: body.fontFamily,
    }, now());
    return c.json(toBranding(stored), 200);
  },
};
