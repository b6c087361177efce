/**
 * `csp validate --links`: asks each cited http(s) address whether it answers,
 * with a timeout, a few at a time. Opt-in (the only network access csp makes);
 * a dead link is a warning, never an error: the source may be down today.
 */
import { diagnostic, type Diagnostic } from '../core/diagnostics.js';
import type { CitedLink } from '../core/links.js';
import { readPlanText } from './files.js';

export interface LinkCheckOptions {
  timeoutMs: number;
  /** How many requests at once. */
  concurrency?: number;
}

/** Why an address does not answer, or undefined when it does (2xx or 3xx after redirects). */
async function probe(url: string, timeoutMs: number): Promise<string | undefined> {
  if (!/^https?:\/\//i.test(url)) return undefined; // mailto: and the like are not fetched
  const attempt = async (method: 'HEAD' | 'GET') => {
    const res = await fetch(url, { method, redirect: 'follow', signal: AbortSignal.timeout(timeoutMs), headers: { 'user-agent': 'csp-link-check' } });
    await res.body?.cancel().catch(() => undefined);
    return res.status;
  };
  try {
    let status = await attempt('HEAD');
    // Some servers refuse HEAD: ask again for the page itself.
    if (status === 405 || status === 403 || status === 501) status = await attempt('GET');
    return status < 400 ? undefined : `it answered HTTP ${status}`;
  } catch (err) {
    const e = err as { name?: string; cause?: { code?: string } };
    if (e.name === 'TimeoutError' || e.name === 'AbortError') return `no answer within ${Math.round(timeoutMs / 100) / 10} s`;
    return `it could not be reached (${e.cause?.code ?? e.name ?? 'network error'})`;
  }
}

/** Warnings for the links that do not answer, each at the line that cites it. */
export async function checkLinks(root: string, links: readonly CitedLink[], options: LinkCheckOptions): Promise<Diagnostic[]> {
  const urls = [...new Set(links.map((l) => l.url))];
  const verdicts = new Map<string, string | undefined>();
  let next = 0;
  const worker = async () => {
    while (next < urls.length) {
      const url = urls[next++]!;
      verdicts.set(url, await probe(url, options.timeoutMs));
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 4, urls.length) }, worker));
  const texts = new Map<string, string>();
  const out: Diagnostic[] = [];
  for (const l of links) {
    const why = verdicts.get(l.url);
    if (why === undefined) continue;
    if (!texts.has(l.file)) texts.set(l.file, readPlanText(root, l.file));
    out.push(
      diagnostic(
        positionOf(l.file, texts.get(l.file)!, l.url),
        'link-unreachable',
        `link ${l.url} does not answer: ${why}`,
        'open it in a browser; if the page moved, cite its new address (or an archived copy), if it is gone for good, another source',
        'warning',
      ),
    );
  }
  return out;
}

function positionOf(file: string, text: string, url: string): { file: string; line: number; column: number } {
  const at = text.indexOf(url);
  if (at < 0) return { file, line: 1, column: 1 };
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  return { file, line, column: at - before.lastIndexOf('\n') };
}
