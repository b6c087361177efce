/**
 * Supporting links: http(s) or mailto, no spaces. What `--link` accepts, what
 * plan files may hold, and what renderers make a link of. Pure.
 */
import type { InputProblem } from './problem.js';

export const LINK_PATTERN = /^(?:https?:\/\/|mailto:)\S+$/;

/** How to write a link: the hint of every "is not a link". */
const LINK_HINT = 'links start with https://, http:// or mailto: and contain no spaces';

/** What editors say of a link not in that form (the JSON Schema's patternErrorMessage). */
export const LINK_PATTERN_HELP = 'Links start with https://, http:// or mailto: and have no spaces.';

/** Control characters (C0, DEL, C1) and the invisible bidi, joiner and direction marks that can make a link read as another. */
const HIDDEN_IN_LINK = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/u;

/** Why a typed link is not one (`shown` names it, already safe to print), or undefined. */
export function linkProblem(value: string, shown: string): InputProblem | undefined {
  const hidden = HIDDEN_IN_LINK.exec(value);
  if (hidden) {
    const code = `U+${hidden[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
    return { message: `${shown} holds an invisible or control character (${code} at position ${hidden.index + 1})`, hint: 'type the link again, or copy it from the address bar' };
  }
  return LINK_PATTERN.test(value) ? undefined : notALink(shown);
}

/** The one message for text that is not a link. */
export function notALink(shown: string): InputProblem {
  return { message: `${shown} is not a link`, hint: LINK_HINT };
}

/** Whether a renderer may make a link of `url`: http(s) or mailto in any case, no whitespace. Anything else is shown as text. */
export function isSafeLink(url: string): boolean {
  return /^(?:https?:\/\/|mailto:)[^\s]+$/i.test(url);
}

/** A link as a label: without its scheme ("example.org/x", "someone@example.org"). */
export function linkLabel(url: string): string {
  return url.replace(/^(https?:\/\/|mailto:)/i, '');
}
