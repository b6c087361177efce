/** The YAML parser behind a module boundary, so that callers can load it only when needed (`await import`). */
import { parse } from 'yaml';

export function parseYamlValue(text: string): unknown {
  return parse(text);
}
