/**
 * What a rule is. Each rule is one module in src/core/rules/, named after its
 * code: the code, its severity, where it is checked, a one-line summary and a
 * hint (for `csp help rules` and docs/rules.md) and, for a plan-wide rule, its
 * check. `npm run rules` lists the modules in rules/index.ts and the codes in
 * rule-codes.ts; nothing else names them.
 */
import type { FileView } from './assemble.js';
import { diagnostic, type Diagnostic, type RuleCode, type Severity, type SourcePos } from './diagnostics.js';
import type { Plan } from './model.js';
import type { PathSegment } from './parse.js';

/**
 * Where a rule is checked: reading a file (core/decode.ts, core/parse.ts, the
 * reader in io), its schema (core/schema.ts), plan-wide (the rule's own check,
 * run by core/assemble.ts), review files (core/review.ts), links (csp validate --links).
 */
export type RuleStage = 'read' | 'schema' | 'plan' | 'review' | 'links';

export interface RuleContext {
  plan: Plan;
  /** The plan folder relative to the repository root. */
  planDir: string;
  /** Today in the time zone furthest ahead: notes after it are in the future (see LoadOptions.today). */
  today?: string;
  /**
   * Every file decoded as text: where things are written in it (`locate`) and, for
   * the manifest, its data. Rules read the model for everything else.
   */
  parsed: ReadonlyMap<string, FileView>;
}

export type PlanRule = (ctx: RuleContext) => Diagnostic[];

export interface Rule {
  code: RuleCode;
  severity: Severity;
  stage: RuleStage;
  /** What the rule asks of the plan, in one line. */
  summary: string;
  /** What to do when it fails (a finding may give a sharper hint of its own). */
  hint: string;
  /** A plan-wide rule's check over the loaded plan; rules of the other stages are checked where their stage runs. */
  check?: PlanRule;
}

export function defineRule(rule: Rule): Rule {
  return rule;
}

/** A finding of `rule` at `pos`: its code and severity, and its hint unless the finding has a sharper one. */
export function report(rule: Rule, pos: SourcePos, message: string, hint: string = rule.hint): Diagnostic {
  return diagnostic(pos, rule.code, message, hint, rule.severity);
}

/** Position of a field in a file the rule is looking at. */
export function fieldPos(ctx: RuleContext, file: string, path: PathSegment[], part: 'key' | 'value' = 'value'): SourcePos {
  return ctx.parsed.get(file)?.locate(path, part) ?? { file, line: 1, column: 1 };
}
