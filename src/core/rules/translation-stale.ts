import { defineRule, fieldPos, report } from '../rule.js';
import { translatedFields } from '../translation-basis.js';

/**
 * When the English has changed since a translation was made from it, the
 * translation is stale. A warning: the plan stays usable, and the hint gives
 * the fingerprint to record once it is updated.
 */
export const rule = defineRule({
  code: 'translation-stale',
  severity: 'warning',
  stage: 'plan',
  summary: 'a translation was made from an earlier English text, which has changed since',
  hint: 'update the translation, then set its basis to the fingerprint of the current English',
  check: (ctx) =>
    translatedFields(ctx)
      .filter((t) => t.basis !== undefined && t.basis !== t.current)
      .map((t) =>
        report(
          rule,
          fieldPos(ctx, t.file, t.path, 'key'),
          `the ${t.lang} ${t.field} was made from an earlier English ${t.field} (which has changed since)`,
          `update the translation, then set its basis to ${t.field}: "${t.current}"`,
        ),
      ),
});
