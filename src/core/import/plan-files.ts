/**
 * The files `csp import` writes: one initiative file per commitment, and the
 * manifest with the document's pillars and thematic areas. Pure: texts in,
 * texts out. The manifest is edited as a YAML document, so the comments and
 * fields people wrote stay as they are.
 */
import { isMap, isScalar, parseDocument } from 'yaml';
import type { ImportedInitiative, ImportedPlan } from './action-plan.js';
import { modeline } from '../json-schema.js';
import { pillarFolder } from '../model.js';
import { PLACEHOLDER, yamlScalar } from '../scaffold.js';
import { documentText } from '../yaml-write.js';

export function initiativePath(planDir: string, i: ImportedInitiative): string {
  return `${planDir}/${pillarFolder(i.pillar)}/${i.id}.yaml`;
}

/** An initiative file as the shipped ones are written: modeline, fields in order, no notes yet. */
export function initiativeFileText(i: ImportedInitiative): string {
  const lines = [modeline('initiative', 2)];
  if (i.alsoListedUnder.length) {
    lines.push(`# Listed under pillar ${i.pillar} and also under pillar ${i.alsoListedUnder.join(', ')} of the document: one commitment, tracked once.`);
  }
  lines.push(`id: ${yamlScalar(i.id)}`, `pillar: ${i.pillar}`);
  if (i.alsoListedUnder.length) lines.push(`alsoListedUnder: [${i.alsoListedUnder.join(', ')}]`);
  lines.push(`title: ${yamlScalar(i.title)}`, `text: ${yamlScalar(i.text)}`);
  if (i.kind) lines.push(`kind: ${i.kind}`);
  if (i.cadence) lines.push(`cadence: ${i.cadence}`);
  lines.push('notes: []');
  return `${lines.join('\n')}\n`;
}

export interface ManifestUpdate {
  text: string;
  /** Fields of the manifest that the import filled in besides the pillars. */
  filled: string[];
}

/**
 * The manifest with the document's pillars and themes (replacing the ones
 * there), and — where the manifest still has `csp init`'s placeholder or
 * nothing — the document's title, background and source file.
 */
export function manifestWithImport(manifestText: string, imported: ImportedPlan, sourceFile?: string): ManifestUpdate {
  const doc = parseDocument(manifestText);
  const filled: string[] = [];
  const pillars = imported.pillars.map((p) => ({
    number: p.number,
    title: p.title,
    themes: p.themes.map((t) => (t.text === undefined ? { id: t.id, title: t.title } : { id: t.id, title: t.title, text: t.text })),
  }));
  doc.set('pillars', doc.createNode(pillars));
  const placeholder = (path: string[]) => {
    const node = doc.getIn(path, true);
    return isScalar(node) && node.value === PLACEHOLDER.title;
  };
  if (imported.title !== undefined) {
    for (const path of [['title'], ['source', 'title']]) {
      if (placeholder(path)) {
        // A new node: the placeholder's "# edit:" comment goes with the old one.
        doc.setIn(path, doc.createNode(imported.title));
        filled.push(path.join('.'));
      }
    }
  }
  if (imported.background.length && !doc.has('background')) {
    doc.set('background', imported.background.join('\n\n'));
    filled.push('background');
  }
  const source = doc.get('source', true);
  if (sourceFile !== undefined && isMap(source) && !source.has('file')) {
    doc.setIn(['source', 'file'], sourceFile);
    filled.push('source.file');
  }
  // Keep pillars last, where people expect the long list.
  const root = doc.contents;
  if (isMap(root)) {
    const i = root.items.findIndex((pair) => isScalar(pair.key) && pair.key.value === 'pillars');
    if (i >= 0 && i < root.items.length - 1) root.items.push(...root.items.splice(i, 1));
  }
  return { text: documentText(doc, { lineWidth: 0 }), filled };
}
