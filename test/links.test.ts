/** csp validate --links: every cited source asked whether it answers, against a server on this machine. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliAsync } from './helpers/cli.js';
import { initiative, MANIFEST, writeTree } from './helpers/plan.js';

let server: Server;
let base = '';
const requests: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    if (req.url === '/ok') res.writeHead(200).end('ok');
    else if (req.url === '/no-head' && req.method === 'HEAD') res.writeHead(405).end();
    else if (req.url === '/no-head') res.writeHead(200).end('ok');
    else if (req.url === '/moved') res.writeHead(301, { location: '/ok' }).end();
    else if (req.url === '/slow') setTimeout(() => res.writeHead(200).end('late'), 3000);
    else res.writeHead(404).end('gone');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('csp validate --links', () => {
  it('warns, at the line that cites it, about each link that does not answer; plain validate makes no request', async () => {
    const note = (url: string) => `notes:\n  - date: 2025-03-01\n    text: Something happened.\n    links:\n      - ${url}\n`;
    const root = writeTree({
      'plan/plan.yaml': MANIFEST,
      'plan/pillar-1/p1.1.yaml': initiative('p1.1', 1, note(`${base}/ok`)),
      'plan/pillar-1/p1.2.yaml': initiative('p1.2', 1, note(`${base}/gone`)),
      'plan/pillar-2/p2.1.yaml': initiative('p2.1', 2, note(`${base}/slow`)),
      'plan/notes/p1.1/a.yaml': `date: 2025-04-01\ntext: Moved and refused HEAD.\nlinks: [${base}/moved, ${base}/no-head, "mailto:desk@example.org"]\n`,
    });
    const plain = await runCliAsync(['validate'], { cwd: root });
    expect(plain.code).toBe(0);
    expect(requests).toEqual([]);
    // Text and JSON side by side: each waits its second for the slow link.
    const [r, asJson] = await Promise.all([
      runCliAsync(['validate', '--links', '--links-timeout', '1'], { cwd: root }),
      runCliAsync(['validate', '--links', '--links-timeout', '1', '--format', 'json'], { cwd: root }),
    ]);
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toContain(`warning[link-unreachable]: link ${base}/gone does not answer: it answered HTTP 404`);
    expect(r.stdout).toContain('--> plan/pillar-1/p1.2.yaml:9:9');
    expect(r.stdout).toContain(`link ${base}/slow does not answer: no answer within 1 s`);
    expect(r.stdout).not.toContain(`${base}/ok does not answer`);
    expect(r.stdout).not.toContain('/moved does not answer');
    expect(r.stdout).not.toContain('/no-head does not answer');
    expect(r.stdout).toContain('2 warnings');
    expect(requests).toEqual(expect.arrayContaining(['HEAD /ok', 'HEAD /gone', 'HEAD /no-head', 'GET /no-head', 'HEAD /moved']));
    const json = JSON.parse(asJson.stdout) as { diagnostics: { rule: string; severity: string }[] };
    expect(json.diagnostics.map((d) => `${d.rule} ${d.severity}`)).toEqual(['link-unreachable warning', 'link-unreachable warning']);
    expect((await runCliAsync(['validate', '--links', '--links-timeout', 'soon'], { cwd: root })).code).toBe(2);
  }, 60_000);

  it('says why an address cannot be reached at all', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const root = writeTree({
      'plan/plan.yaml': MANIFEST,
      'plan/pillar-1/p1.1.yaml': initiative('p1.1', 1, `notes:\n  - date: 2025-03-01\n    text: X.\n    links: [http://127.0.0.1:${port}/x]\n`),
    });
    const r = await runCliAsync(['validate', '--links', '--links-timeout', '2'], { cwd: root });
    expect(r.stdout).toContain('could not be reached (ECONNREFUSED)');
  }, 30_000);
});
