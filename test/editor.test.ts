/**
 * What an official sees in VS Code: yaml-language-server (the engine of the
 * YAML extension) finds the schema through each file's modeline, checks
 * while they type with plain-language messages, shows field help on hover
 * and completes field names.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, SHIPPED_ROOT } from './helpers/cli.js';

interface Diagnostic {
  range: { start: { line: number } };
  message: string;
}
interface LanguageService {
  configure(settings: Record<string, unknown>): void;
  doValidation(doc: TextDocument, isKubernetes: boolean): Promise<Diagnostic[]>;
  doHover(doc: TextDocument, pos: { line: number; character: number }): Promise<{ contents: { value: string } } | null>;
  doComplete(doc: TextDocument, pos: { line: number; character: number }, isKubernetes: boolean): Promise<{ items: { label: string }[] }>;
}

// The package's CommonJS build: its ESM build imports without file extensions, which Node does not resolve.
const require = createRequire(import.meta.url);
const { getLanguageService } = require('yaml-language-server/out/server/src/languageservice/yamlLanguageService') as {
  getLanguageService(params: Record<string, unknown>): LanguageService;
};

const service = getLanguageService({
  // Only the schema files of this repository, read from disk: no network.
  schemaRequestService: (uri: string) => Promise.resolve(readFileSync(new URL(uri), 'utf8')),
  workspaceContext: { resolveRelativePath: (relative: string, resource: string) => new URL(relative, resource).toString() },
});
service.configure({ validate: true, hover: true, completion: true, yamlVersion: '1.2', schemas: [] });

let version = 0;
/** A file of the (frozen copy of the) shipped plan, opened where it sits in the repository so that its modeline finds schema/. */
function open(file: string, text = readFileSync(path.join(SHIPPED_ROOT, file), 'utf8')): TextDocument {
  return TextDocument.create(pathToFileURL(path.join(REPO_ROOT, file)).toString(), 'yaml', ++version, text);
}

async function problems(file: string, text?: string): Promise<string[]> {
  return (await service.doValidation(open(file, text), false)).map((d) => `${d.range.start.line + 1}: ${d.message}`);
}

describe('in the editor (yaml-language-server)', () => {
  it('the shipped manifest, initiative and review files have no problems', async () => {
    expect(await problems('plan/plan.yaml')).toEqual([]);
    expect(await problems('plan/pillar-3/p3.4.yaml')).toEqual([]);
    expect(await problems('plan/pillar-1/p1.3.yaml')).toEqual([]);
    expect(await problems('plan/reviews/adoption.yaml')).toEqual([]);
  });

  it('mistakes are marked on their line, in plain words', async () => {
    const text = [
      '# yaml-language-server: $schema=../../schema/initiative.schema.json',
      'id: P1.3',
      'pillar: 1',
      'title: North Korean human rights dialogue',
      'text: Annually hold the bilateral North Korean Human Rights Dialogue',
      'kind: yearly',
      'owner: GAC',
      'notes:',
      '  - date: 14/03/2025',
      '    text: "  "',
      '    links: [www.example.org]',
    ].join('\n');
    const found = await problems('plan/pillar-1/p1.3.yaml', text);
    expect(found).toEqual(
      expect.arrayContaining([
        '2: Ids use lower-case letters, digits, dots and dashes and start with a letter, e.g. p2.10.',
        expect.stringMatching(/^6: .*"recurring", "deliverable", "exploratory"/),
        expect.stringMatching(/^7: .*owner.*not allowed/),
        '9: Write the date as YYYY-MM-DD, e.g. 2025-03-14.',
        '10: This is empty: write the text, or remove the line if the field is optional.',
        '11: Links start with https://, http:// or mailto: and have no spaces.',
      ]),
    );
    expect(found).toHaveLength(6);
  });

  it('a missing field is reported, and the manifest is checked through its own modeline', async () => {
    const initiative = (await problems('plan/pillar-1/p1.1.yaml', '# yaml-language-server: $schema=../../schema/initiative.schema.json\nid: p1.1\npillar: 1\ntitle: T\n')).join('\n');
    expect(initiative).toMatch(/Missing property "text"/);
    const manifest = readFileSync(path.join(SHIPPED_ROOT, 'plan/plan.yaml'), 'utf8').replace('cadence: annual', 'cadence: yearly');
    expect((await problems('plan/plan.yaml', manifest)).join('\n')).toMatch(/annual/);
  });

  it('shows the field help on hover and completes field names', async () => {
    const doc = open('plan/pillar-1/p1.3.yaml');
    const line = doc.getText().split('\n').findIndex((l) => l.startsWith('cadence:'));
    const hover = await service.doHover(doc, { line, character: 2 });
    expect(hover?.contents.value).toContain('How often a recurring initiative happens.');
    const typing = open('plan/pillar-1/p1.1.yaml', `${readFileSync(path.join(SHIPPED_ROOT, 'plan/pillar-1/p1.1.yaml'), 'utf8')}ki`);
    const lines = typing.getText().split('\n');
    const completion = await service.doComplete(typing, { line: lines.length - 1, character: 2 }, false);
    expect(completion.items.map((i) => i.label)).toEqual(expect.arrayContaining(['kind', 'cadence', 'leads', 'themes']));
  });
});
