import type { Diagnostic } from '../diagnostics.js';
import { defineRule, report } from '../rule.js';

/** File names that differ only in case would collide on Windows and macOS checkouts. */
export const rule = defineRule({
  code: 'id-case-collision',
  severity: 'error',
  stage: 'plan',
  summary: 'two plan files have names that differ only in upper/lower case',
  hint: 'rename or remove one of them: they are the same file on Windows and macOS',
  check: (ctx) => {
    const out: Diagnostic[] = [];
    const folded = new Map<string, string>();
    for (const file of [...ctx.parsed.keys()].sort()) {
      const key = file.toLowerCase();
      const other = folded.get(key);
      if (other !== undefined && other !== file) {
        out.push(report(rule, { file, line: 1, column: 1 }, `file name differs from ${other} only in upper/lower case`));
      } else folded.set(key, file);
    }
    return out;
  },
});
