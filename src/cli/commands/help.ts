import { jsonSchemaOf, SCHEMA_DIR, SCHEMA_FILES, schemaFileName } from '../../core/json-schema.js';
import { RULES } from '../../core/rules/index.js';
import { didYouMean } from '../../core/text.js';
import { usageError } from '../../errors.js';
import { renderFormatHelp } from '../../render/format-help.js';
import { renderRulesHelp } from '../../render/rules.js';
import { termSafeLine } from '../../render/sanitize.js';
import type { CommandInput } from '../command.js';
import type { CommandContext } from '../context.js';
import { HELP_TOPICS } from './help.command.js';


/** `csp help`, `csp help format`, `csp help status`, `csp help review show`. */
export function run(ctx: CommandContext, { args: [topic = []], program }: CommandInput): void {
  const cmd = program.commands.find((c) => c.name() === 'help');
  if (topic.length === 1 && topic[0] === 'format') {
    const files = SCHEMA_FILES.map((f) => ({
      name: f.name,
      title: f.title,
      description: f.description,
      glob: f.glob,
      schemaFile: `${SCHEMA_DIR}/${schemaFileName(f.name)}`,
      schema: jsonSchemaOf(f),
    }));
    ctx.out(renderFormatHelp(files));
    return;
  }
  if (topic.length === 1 && topic[0] === 'rules') {
    ctx.out(renderRulesHelp(RULES));
    return;
  }
  let at = program;
  for (const word of topic) {
    const next = at.commands.find((c) => c.name() === word && c !== cmd);
    if (!next) {
      const names = at.commands.map((c) => c.name()).filter((n) => n !== 'help' && !n.startsWith('__'));
      if (at === program) names.push(...HELP_TOPICS);
      const where = at === program ? '' : ` of 'csp ${at.name()}'`;
      throw usageError(`there is no command or help topic '${termSafeLine(word)}'${where}`, didYouMean(word, names) ?? `try one of: ${names.join(', ')}`);
    }
    at = next;
  }
  at.outputHelp();
}
