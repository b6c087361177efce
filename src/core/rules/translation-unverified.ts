import { defineRule, fieldPos, report } from '../rule.js';
import { translatedFields } from '../translation-basis.js';

/** A translation without a basis cannot be checked against the English. A warning: the plan stays usable. */
export const rule = defineRule({
  code: 'translation-unverified',
  severity: 'warning',
  stage: 'plan',
  summary: 'a translation does not record which English text it translates (no basis)',
  hint: "once it matches the current English, add 'basis: { FIELD: \"FINGERPRINT\" }' under the language",
  check: (ctx) =>
    translatedFields(ctx)
      .filter((t) => t.basis === undefined)
      .map((t) =>
        report(
          rule,
          fieldPos(ctx, t.file, t.path, 'key'),
          `the ${t.lang} ${t.field} does not record which English ${t.field} it translates`,
          `once it matches the current English, add 'basis: { ${t.field}: "${t.current}" }' under ${t.lang}`,
        ),
      ),
});
