import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { pillarFolder } from '../model.js';
import type { RuleContext } from './index.js';
import { fieldPos } from './locate.js';

/**
 * The file name is the id and the folder is the pillar, so people find an
 * initiative by its id and git history follows it. File names that differ
 * only in case would collide on Windows and macOS checkouts.
 */
export function idsMatchFiles(ctx: RuleContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const folded = new Map<string, string>();
  for (const file of [...ctx.parsed.keys()].sort()) {
    const key = file.toLowerCase();
    const other = folded.get(key);
    if (other !== undefined && other !== file) {
      out.push(
        diagnostic(
          { file, line: 1, column: 1 },
          'id-case-collision',
          `file name differs from ${other} only in upper/lower case`,
          'rename or remove one of them: they are the same file on Windows and macOS',
        ),
      );
    } else folded.set(key, file);
  }
  for (const i of ctx.plan.initiatives) {
    const name = i.file.slice(i.file.lastIndexOf('/') + 1);
    const expectedName = `${i.id}.yaml`;
    if (name !== expectedName) {
      out.push(
        diagnostic(
          fieldPos(ctx, i.file, ['id']),
          'id-file-mismatch',
          `id '${i.id}' does not match the file name '${name}'`,
          `rename the file to ${expectedName} (git mv), or correct the id`,
        ),
      );
    }
    const expectedDir = `${ctx.planDir}/${pillarFolder(i.pillar)}`;
    const dir = i.file.slice(0, i.file.lastIndexOf('/'));
    if (dir !== expectedDir) {
      out.push(
        diagnostic(
          fieldPos(ctx, i.file, ['pillar']),
          'wrong-folder',
          `initiative of pillar ${i.pillar} is in ${dir}/, not in ${expectedDir}/`,
          `move the file to ${expectedDir}/ (git mv), or correct 'pillar'`,
        ),
      );
    }
    if (!i.id.startsWith(`p${i.pillar}.`) && !i.id.startsWith(`p${i.pillar}-`)) {
      out.push(
        diagnostic(
          fieldPos(ctx, i.file, ['id']),
          'id-pillar-prefix',
          `id '${i.id}' does not start with its pillar prefix 'p${i.pillar}.'`,
          `ids are pillar-prefixed, e.g. p${i.pillar}.1; rename the id and its file`,
        ),
      );
    }
  }
  return out;
}
