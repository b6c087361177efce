/**
 * The files `csp init` starts a plan repository with. Pure: options in, file
 * texts out. Values the person did not give are placeholders, marked with an
 * "edit:" comment, that still validate, so the new plan is valid from the start.
 */
import { jsonSchemaText, modeline, SCHEMA_DIR, SCHEMA_FILES, schemaFileName, vscodeSettingsText } from './json-schema.js';
import type { Cadence } from './vocabulary.js';
import { inlineScalar } from './yaml-write.js';

interface InitParty {
  id: string;
  name: string;
}

export interface InitOptions {
  title?: string;
  partnership?: string;
  parties?: InitParty[];
  /** YYYY-MM-DD; the caller passes today when the person gave none. */
  adopted: string;
  adoptedGiven: boolean;
  reviewCadence: Cadence;
  reviewBody?: string;
}

/** What `csp init` writes where nothing was given; `csp import` replaces the title ones. */
export const PLACEHOLDER = {
  title: 'New action plan',
  partnership: 'New partnership',
  parties: [
    { id: 'a', name: 'First party' },
    { id: 'b', name: 'Second party' },
  ],
  reviewBody: 'Joint review meeting',
  pillarTitle: 'Pillar 1',
} as const;

const PLACEHOLDER_MARK = '# edit:';

/** A YAML scalar as it appears after "key: ", quoted only when it must be. */
export function yamlScalar(value: string | number): string {
  return typeof value === 'number' ? String(value) : inlineScalar(value);
}

function line(indent: number, key: string, value: string | number, editHint?: string): string {
  return `${' '.repeat(indent)}${key}: ${yamlScalar(value)}${editHint ? ` ${PLACEHOLDER_MARK} ${editHint}` : ''}`;
}

function manifestSkeleton(o: InitOptions): string {
  const parties = o.parties?.length ? o.parties : PLACEHOLDER.parties;
  const partyHints = !o.parties?.length;
  const lines = [
    modeline('plan', 1),
    '# The plan manifest: the plan, its parties, pillars and thematic areas. Each initiative is a',
    "# file plan/pillar-N/<id>.yaml. 'csp help format' explains every field; 'csp validate' checks.",
    `# Values marked "${PLACEHOLDER_MARK.slice(2)}" are placeholders written by 'csp init': replace them.`,
    line(0, 'title', o.title ?? PLACEHOLDER.title, o.title ? undefined : 'the title of the action plan'),
    line(0, 'partnership', o.partnership ?? PLACEHOLDER.partnership, o.partnership ? undefined : 'the name of the partnership'),
    'parties:',
    ...parties.flatMap((p, i) => [
      `  - ${line(0, 'id', p.id, partyHints ? `a short id for the ${i === 0 ? 'first' : 'second'} party, e.g. ${i === 0 ? 'ca' : 'kr'}` : undefined)}`,
      line(4, 'name', p.name, partyHints ? `its name, e.g. ${i === 0 ? 'Canada' : 'Republic of Korea'}` : undefined),
    ]),
    'adopted:',
    line(2, 'date', o.adopted, o.adoptedGiven ? undefined : "the day the plan was adopted (csp init wrote the day it ran)"),
    'source:',
    line(2, 'title', o.title ?? PLACEHOLDER.title, 'the title of the document the plan was taken from'),
    'review:',
    line(2, 'cadence', o.reviewCadence),
    line(2, 'body', o.reviewBody ?? PLACEHOLDER.reviewBody, o.reviewBody ? undefined : 'who reviews implementation, e.g. annual Strategic Dialogue'),
    'pillars:',
    `  - ${line(0, 'number', 1)}`,
    line(4, 'title', PLACEHOLDER.pillarTitle, "the pillar's title; add pillars 2, 3, … below, each with its thematic areas"),
    '    themes: []',
  ];
  return `${lines.join('\n')}\n`;
}

function readmeStub(o: InitOptions): string {
  const title = o.title ?? PLACEHOLDER.title;
  return `# ${title}

${o.partnership ?? PLACEHOLDER.partnership}: the action plan kept as plain-text files, and where each commitment stands.

- \`plan/plan.yaml\`: the plan, its parties, pillars and thematic areas
- \`plan/pillar-N/<id>.yaml\`: one file per initiative, with its dated progress notes
- \`schema/\`: JSON Schema of these files, so that editors (VS Code with the YAML extension) check and complete them as you type

## Everyday commands

\`\`\`sh
csp validate               # check every file
csp status                 # where every initiative stands
csp show p1.1              # one initiative with its notes
csp report > report.md     # the report for the next review
csp help format            # the file format, field by field
\`\`\`
`;
}

export interface ScaffoldFile {
  /** Relative to the new repository's root. */
  path: string;
  text: string;
  /** Left as it is when the file exists already (the others are csp's own and are written). */
  keepExisting: boolean;
}

/** Every file `csp init` writes, manifest first. */
export function scaffoldFiles(o: InitOptions): ScaffoldFile[] {
  return [
    { path: 'plan/plan.yaml', text: manifestSkeleton(o), keepExisting: false },
    ...SCHEMA_FILES.map((f) => ({ path: `${SCHEMA_DIR}/${schemaFileName(f.name)}`, text: jsonSchemaText(f), keepExisting: false })),
    { path: '.vscode/settings.json', text: vscodeSettingsText(), keepExisting: true },
    { path: '.vscode/extensions.json', text: `${JSON.stringify({ recommendations: ['redhat.vscode-yaml'] }, null, 2)}\n`, keepExisting: true },
    { path: 'README.md', text: readmeStub(o), keepExisting: true },
  ];
}
