/** Text that people type: from standard input, or written in their editor. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CspError, EXIT, environmentError, usageError } from '../errors.js';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function decode(bytes: Uint8Array, where: string): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw usageError(`${where} is not UTF-8 text`, 'save or convert the text as UTF-8 and try again');
  }
}

/** All of standard input as text (a byte-order mark dropped), read with `read` (the run's standard input). */
export function readStdinText(read: () => Uint8Array): string {
  let bytes: Uint8Array;
  try {
    bytes = read();
  } catch (err) {
    throw environmentError(`cannot read standard input (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  return decode(bytes, 'standard input');
}

/** The editor command: $VISUAL, else $EDITOR, else vi (as git chooses). */
function editorCommand(env: NodeJS.ProcessEnv): string {
  return env.VISUAL || env.EDITOR || 'vi';
}

/**
 * Opens `template` in the user's editor and returns what they saved. The
 * editor command may carry arguments ("code --wait"); it runs through the
 * shell as git runs it. The temporary file is removed afterwards.
 */
export function editText(template: string, env: NodeJS.ProcessEnv): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'csp-edit-'));
  const file = path.join(dir, 'NOTE.txt');
  try {
    writeFileSync(file, template);
    const editor = editorCommand(env);
    const r =
      process.platform === 'win32'
        ? spawnSync(`${editor} "${file}"`, { stdio: 'inherit', shell: true, env })
        : spawnSync('/bin/sh', ['-c', `${editor} "$@"`, editor, file], { stdio: 'inherit', env });
    if (r.error) throw environmentError(`cannot start the editor '${editor}' (${(r.error as NodeJS.ErrnoException).code ?? r.error.message})`, 'set EDITOR to your editor, or give the text on the command line');
    if (r.status === 127) throw environmentError(`cannot start the editor '${editor}'`, 'set EDITOR to your editor, or give the text on the command line');
    if (r.status !== 0) {
      throw new CspError(`the editor '${editor}' exited with an error (status ${r.status ?? r.signal}); nothing was recorded`, EXIT.data);
    }
    return decode(readFileSync(file), 'the edited text');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Text from a file or a pipe: line endings made \n, a byte-order mark and trailing blank space dropped. */
export function cleanPipedText(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').replace(/\s+$/, '');
}

/** Text from the editor: as piped text, without the template's '#' lines and leading blank lines. */
export function cleanEditedText(text: string): string {
  const kept = cleanPipedText(text)
    .split('\n')
    .filter((l) => !l.startsWith('#'))
    .join('\n');
  return kept.replace(/^(?:[ \t]*\n)+/, '').replace(/\s+$/, '');
}
