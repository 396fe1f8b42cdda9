/**
 * @module
 * Where `npm start` serves, and so where every script that talks to a running server looks unless
 * told otherwise: `--url`, else `API_URL`, else `http://127.0.0.1:$PORT`, `PORT` defaulting to 8787.
 */
export const DEFAULT_PORT = 8787;

export function serverPort(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.PORT ?? String(DEFAULT_PORT);
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 1 || port > 65535) throw new Error(`PORT must be a TCP port (1-65535), not "${raw}"`);
  return port;
}

/** The default `--url` of a script that talks to a running `npm start`. */
export function serverUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.API_URL ?? `http://127.0.0.1:${serverPort(env)}`;
}
