import { describe, expect, it } from 'vitest';
import { parseCliOptions } from '../../load/driver/cli-options.ts';
import { DEFAULT_PORT, serverPort, serverUrl } from './server-url.ts';

describe('serverUrl: the default --url of every script, where npm start serves', () => {
  it('is 127.0.0.1 on PORT, 8787 without it; API_URL wins', () => {
    expect(DEFAULT_PORT).toBe(8787);
    expect(serverUrl({})).toBe('http://127.0.0.1:8787');
    expect(serverUrl({ PORT: '8811' })).toBe('http://127.0.0.1:8811');
    expect(serverUrl({ PORT: '8811', API_URL: 'http://127.0.0.1:9000' })).toBe('http://127.0.0.1:9000');
  });

  it('rejects a PORT that is no TCP port, naming it', () => {
    for (const port of ['', 'abc', '0', '65536', '80.5', '-1']) expect(() => serverPort({ PORT: port })).toThrow(`not "${port}"`);
    expect(serverPort({ PORT: '65535' })).toBe(65535);
  });

  it('is what the load driver uses unless --url is given', () => {
    expect(parseCliOptions([], { PORT: '8812' }).url).toBe('http://127.0.0.1:8812');
    expect(parseCliOptions(['--url', 'http://127.0.0.1:9001'], { PORT: '8812' }).url).toBe('http://127.0.0.1:9001');
  });
});
