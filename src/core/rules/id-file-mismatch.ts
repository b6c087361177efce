import { defineRule, fieldPos, report } from '../rule.js';

/** The file name is the id, so people find an initiative by its id and git history follows it. */
export const rule = defineRule({
  code: 'id-file-mismatch',
  severity: 'error',
  stage: 'plan',
  summary: "an initiative's id is not its file name",
  hint: 'rename the file to ID.yaml (git mv), or correct the id',
  check: (ctx) =>
    ctx.plan.initiatives.flatMap((i) => {
      const name = i.file.slice(i.file.lastIndexOf('/') + 1);
      const expectedName = `${i.id}.yaml`;
      if (name === expectedName) return [];
      return [
        report(rule, fieldPos(ctx, i.file, ['id']), `id '${i.id}' does not match the file name '${name}'`, `rename the file to ${expectedName} (git mv), or correct the id`),
      ];
    }),
});
