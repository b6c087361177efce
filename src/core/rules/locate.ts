import type { SourcePos } from '../diagnostics.js';
import type { PathSegment } from '../parse.js';
import type { RuleContext } from './index.js';

/** Position of a field in a file the rule is looking at. */
export function fieldPos(ctx: RuleContext, file: string, path: PathSegment[], part: 'key' | 'value' = 'value'): SourcePos {
  return ctx.parsed.get(file)?.locate(path, part) ?? { file, line: 1, column: 1 };
}
