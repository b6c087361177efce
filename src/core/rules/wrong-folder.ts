import { pillarFolder } from '../model.js';
import { defineRule, fieldPos, report } from '../rule.js';

/** The folder is the pillar: plan/pillar-N/ holds the initiatives of pillar N. */
export const rule = defineRule({
  code: 'wrong-folder',
  severity: 'error',
  stage: 'plan',
  summary: 'an initiative file is not in the folder of its pillar',
  hint: "move the file to plan/pillar-N/ (git mv), or correct 'pillar'",
  check: (ctx) =>
    ctx.plan.initiatives.flatMap((i) => {
      const expectedDir = `${ctx.planDir}/${pillarFolder(i.pillar)}`;
      const dir = i.file.slice(0, i.file.lastIndexOf('/'));
      if (dir === expectedDir) return [];
      return [
        report(
          rule,
          fieldPos(ctx, i.file, ['pillar']),
          `initiative of pillar ${i.pillar} is in ${dir}/, not in ${expectedDir}/`,
          `move the file to ${expectedDir}/ (git mv), or correct 'pillar'`,
        ),
      ];
    }),
});
