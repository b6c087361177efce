/** Writing plan files: atomic, locked, refused where it would be unsafe, and never leaving files behind. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CspError } from '../src/errors.js';
import { assertGitAllowsWrite, findGitDir } from '../src/io/git-state.js';
import { cleanEditedText, cleanPipedText, editText } from '../src/io/input.js';
import { self } from '../src/io/process-id.js';
import { createFile, type FsOps, realFs, updateFile } from '../src/io/write.js';

const roots: string[] = [];
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

const ORIGINAL = 'id: p1.1\r\nnotes: []  # keep me\r\n';

function repo(): { root: string; file: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'csp-write-'));
  roots.push(root);
  mkdirSync(path.join(root, 'plan/pillar-1'), { recursive: true });
  const file = path.join(root, 'plan/pillar-1/p1.1.yaml');
  writeFileSync(file, ORIGINAL);
  return { root, file };
}

const opts = (root: string, extra: { fs?: FsOps; lockWaitMs?: number } = {}) => ({ root, display: 'plan/pillar-1/p1.1.yaml', ...extra });
const newText = (s: Uint8Array) => Buffer.concat([Buffer.from(s), Buffer.from('more\n')]);

async function exitCodeOf(p: Promise<unknown>): Promise<number> {
  try {
    await p;
  } catch (err) {
    if (err instanceof CspError) return err.exitCode;
    throw err;
  }
  return 0;
}

function leftovers(root: string): string[] {
  return readdirSync(path.join(root, 'plan/pillar-1')).filter((n) => n !== 'p1.1.yaml');
}

describe('updateFile', () => {
  it('replaces the file and leaves no lock or temporary file', async () => {
    const { root, file } = repo();
    chmodSync(file, 0o640);
    await updateFile(file, newText, opts(root));
    expect(readFileSync(file, 'utf8')).toBe(`${ORIGINAL}more\n`);
    expect(fs.statSync(file).mode & 0o777).toBe(0o640);
    expect(leftovers(root)).toEqual([]);
  });

  /** Real fs calls, but `failing` throws EIO once the temporary file is open (a write first writes half). */
  function failingFs(failing: 'writeSync' | 'fsyncSync' | 'closeSync' | 'renameSync'): FsOps {
    let armed = false;
    const real = realFs as unknown as Record<string, (...a: unknown[]) => unknown>;
    return {
      ...realFs,
      openSync: (...args: unknown[]) => {
        const fd = real.openSync!(...args);
        if (String(args[0]).endsWith('.tmp')) armed = true;
        return fd;
      },
      [failing]: (...args: unknown[]) => {
        if (!armed) return real[failing]!(...args);
        armed = false;
        if (failing === 'writeSync') {
          const [fd, buf, off, len] = args as [number, Uint8Array, number, number];
          realFs.writeSync(fd, buf, off, Math.floor(len / 2));
        }
        if (failing === 'closeSync') real.closeSync!(...args);
        throw Object.assign(new Error('i/o error'), { code: 'EIO' });
      },
    } as FsOps;
  }

  for (const failing of ['writeSync', 'fsyncSync', 'closeSync', 'renameSync'] as const) {
    it(`keeps the original byte for byte when ${failing} fails mid-way, and cleans up`, async () => {
      const { root, file } = repo();
      const err = await updateFile(file, newText, opts(root, { fs: failingFs(failing) })).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CspError);
      expect((err as CspError).exitCode).toBe(3);
      expect((err as CspError).message).toContain('EIO');
      expect(readFileSync(file)).toEqual(Buffer.from(ORIGINAL));
      expect(leftovers(root)).toEqual([]);
    });
  }

  it('writes nothing when the update refuses, and releases the lock', async () => {
    const { root, file } = repo();
    const refused = updateFile(file, () => { throw new CspError('refused', 1); }, opts(root));
    expect(await exitCodeOf(refused)).toBe(1);
    expect(readFileSync(file, 'utf8')).toBe(ORIGINAL);
    expect(leftovers(root)).toEqual([]);
  });

  it('refuses a read-only file (exit 3), even for root', async () => {
    const { root, file } = repo();
    chmodSync(file, 0o444);
    expect(await exitCodeOf(updateFile(file, newText, opts(root)))).toBe(3);
    expect(readFileSync(file, 'utf8')).toBe(ORIGINAL);
    expect(leftovers(root)).toEqual([]);
  });

  it('refuses symbolic links, and folders that lead out of the repository', async () => {
    const { root, file } = repo();
    const outside = mkdtempSync(path.join(tmpdir(), 'csp-outside-'));
    roots.push(outside);
    writeFileSync(path.join(outside, 'p1.2.yaml'), ORIGINAL);
    symlinkSync(path.join(outside, 'p1.2.yaml'), path.join(root, 'plan/pillar-1/p1.2.yaml'));
    expect(await exitCodeOf(updateFile(path.join(root, 'plan/pillar-1/p1.2.yaml'), newText, opts(root)))).toBe(3);
    symlinkSync(outside, path.join(root, 'plan/pillar-2'));
    expect(await exitCodeOf(updateFile(path.join(root, 'plan/pillar-2/p1.2.yaml'), newText, opts(root)))).toBe(3);
    expect(readFileSync(path.join(outside, 'p1.2.yaml'), 'utf8')).toBe(ORIGINAL);
    expect(readdirSync(outside)).toEqual(['p1.2.yaml']);
    expect(readFileSync(file, 'utf8')).toBe(ORIGINAL);
  });

  it('waits for a lock another process holds, then gives up with exit 3 and leaves that lock alone', async () => {
    const { root, file } = repo();
    const lock = `${file}.lock`;
    writeFileSync(lock, `${JSON.stringify({ pid: process.pid, host: 'elsewhere', id: 'x' })}\n`);
    const err = await updateFile(file, newText, opts(root, { lockWaitMs: 150 })).catch((e: unknown) => e);
    expect((err as CspError).exitCode).toBe(3);
    expect((err as CspError).message).toMatch(/another csp .* is changing/);
    expect((err as CspError).hint).toContain('.lock');
    expect(readFileSync(file, 'utf8')).toBe(ORIGINAL);
    expect(leftovers(root)).toEqual(['p1.1.yaml.lock']);
  });

  it('takes over at once a lock left by a process that is gone, even a fresh one', async () => {
    const { root, file } = repo();
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    const lock = `${file}.lock`;
    writeFileSync(lock, `${JSON.stringify({ pid: dead, host: hostname(), id: 'x' })}\n`);
    await updateFile(file, newText, opts(root, { lockWaitMs: 0 }));
    expect(readFileSync(file, 'utf8')).toBe(`${ORIGINAL}more\n`);
    expect(leftovers(root)).toEqual([]);
  });

  it('takes over a lock whose pid now belongs to another process (started at another moment, or in another boot)', async () => {
    const { root, file } = repo();
    const lock = `${file}.lock`;
    const me = self();
    // This very process's pid, alive, but the lock says it started at another moment: pid reuse.
    writeFileSync(lock, `${JSON.stringify({ pid: process.pid, host: hostname(), id: 'x', start: '1', boot: me.boot })}\n`);
    await updateFile(file, newText, opts(root, { lockWaitMs: 0 }));
    writeFileSync(lock, `${JSON.stringify({ pid: process.pid, host: hostname(), id: 'x', start: me.start, boot: 'an-earlier-boot' })}\n`);
    await updateFile(file, newText, opts(root, { lockWaitMs: 0 }));
    expect(readFileSync(file, 'utf8')).toBe(`${ORIGINAL}more\nmore\n`);
    // The same process, same start, same boot: a live lock, respected.
    writeFileSync(lock, `${JSON.stringify({ pid: process.pid, host: hostname(), id: 'x', start: me.start, boot: me.boot })}\n`);
    expect(await exitCodeOf(updateFile(file, newText, opts(root, { lockWaitMs: 100 })))).toBe(3);
    rmSync(lock);
  });

  it('keeps owner, group, mode and hard links', async () => {
    const { root, file } = repo();
    chmodSync(file, 0o640);
    const other = path.join(root, 'plan/elsewhere.yaml');
    fs.linkSync(file, other);
    await updateFile(file, newText, opts(root));
    expect(readFileSync(other, 'utf8')).toBe(`${ORIGINAL}more\n`);
    expect(fs.statSync(file).ino).toBe(fs.statSync(other).ino);
    expect(fs.statSync(file).mode & 0o777).toBe(0o640);
    expect(leftovers(root)).toEqual([]);
    if (process.getuid?.() !== 0) return console.warn('skipped (needs root): owner and group kept');
    fs.unlinkSync(other);
    fs.chownSync(file, 1234, 5678);
    await updateFile(file, newText, opts(root));
    expect([fs.statSync(file).uid, fs.statSync(file).gid]).toEqual([1234, 5678]);
    expect(readFileSync(file, 'utf8')).toBe(`${ORIGINAL}more\nmore\n`);
  });

  it('cleans up after a killed writer: its temporary files go, an interrupted in-place write is undone or kept', async () => {
    const { root, file } = repo();
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    const dir = path.dirname(file);
    const hash = (t: string) => createHash('sha256').update(t).digest('hex').slice(0, 16);
    // Killed mid-way through an in-place write: half the new bytes, the backup beside them.
    writeFileSync(path.join(dir, `.p1.1.yaml.${dead}.x.${hash(`${ORIGINAL}half and half\n`)}.bak`), ORIGINAL);
    writeFileSync(file, `${ORIGINAL}half`);
    writeFileSync(path.join(dir, `.p1.1.yaml.${dead}.x.0123456789ab.tmp`), 'a temporary file');
    writeFileSync(path.join(dir, `.p1.1.yaml.${dead}.89abcdef.tmp`), 'one of csp 0.1.0');
    await updateFile(file, newText, opts(root));
    expect(readFileSync(file, 'utf8')).toBe(`${ORIGINAL}more\n`);
    expect(leftovers(root)).toEqual([]);
    // Killed after the in-place write finished, before the backup was removed: the new bytes stay.
    const done = `${ORIGINAL}more\n`;
    writeFileSync(path.join(dir, `.p1.1.yaml.${dead}.x.${hash(done)}.bak`), ORIGINAL);
    await updateFile(file, newText, opts(root));
    expect(readFileSync(file, 'utf8')).toBe(`${done}more\n`);
    expect(leftovers(root)).toEqual([]);
  });

  it('lets concurrent updates in one process queue up, none lost', async () => {
    const { root, file } = repo();
    await Promise.all(
      Array.from({ length: 8 }, (_, i) => updateFile(file, (s) => Buffer.concat([Buffer.from(s), Buffer.from(`line ${i}\n`)]), opts(root))),
    );
    const text = readFileSync(file, 'utf8');
    for (let i = 0; i < 8; i++) expect(text).toContain(`line ${i}\n`);
    expect(leftovers(root)).toEqual([]);
  });
});

describe('createFile', () => {
  it('creates a file whole, never over an existing one, and leaves no temporary file', async () => {
    const { root, file } = repo();
    const target = path.join(root, 'plan/pillar-3/p3.1.yaml');
    expect(await createFile(target, Buffer.from('id: p3.1\n'), { root, display: 'plan/pillar-3/p3.1.yaml' })).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe('id: p3.1\n');
    expect(await createFile(file, Buffer.from('clobbered\n'), opts(root))).toBe(false);
    expect(readFileSync(file, 'utf8')).toBe(ORIGINAL);
    expect(leftovers(root)).toEqual([]);
    expect(readdirSync(path.dirname(target))).toEqual(['p3.1.yaml']);
  });

  it('creates nothing through a folder that leads out of the repository', async () => {
    const { root } = repo();
    const outside = mkdtempSync(path.join(tmpdir(), 'csp-outside-'));
    roots.push(outside);
    symlinkSync(outside, path.join(root, 'plan/pillar-5'));
    const target = path.join(root, 'plan/pillar-5/new/p5.1.yaml');
    expect(await exitCodeOf(createFile(target, Buffer.from('x\n'), { root, display: 'plan/pillar-5/new/p5.1.yaml' }))).toBe(3);
    expect(readdirSync(outside)).toEqual([]);
  });

  it('removes its temporary file when the write fails', async () => {
    const { root } = repo();
    const broken = { ...realFs, fsyncSync: () => { throw Object.assign(new Error('no space'), { code: 'ENOSPC' }); } } as FsOps;
    const target = path.join(root, 'plan/pillar-1/p1.9.yaml');
    expect(await exitCodeOf(createFile(target, Buffer.from('x\n'), { root, display: 'p1.9.yaml', fs: broken }))).toBe(3);
    expect(leftovers(root)).toEqual([]);
  });
});

describe('git state', () => {
  const gitRepo = () => {
    const { root } = repo();
    mkdirSync(path.join(root, '.git'));
    return root;
  };
  const code = (root: string) => {
    try {
      assertGitAllowsWrite(path.join(root, 'plan'));
      return 0;
    } catch (err) {
      return (err as CspError).exitCode;
    }
  };

  it('allows writes outside git and in a quiet repository', () => {
    expect(code(repo().root)).toBe(0);
    expect(code(gitRepo())).toBe(0);
  });

  it('refuses during a merge, rebase, cherry-pick, or while git holds the index lock (exit 3)', () => {
    for (const [name, dir] of [['MERGE_HEAD', false], ['rebase-merge', true], ['rebase-apply', true], ['CHERRY_PICK_HEAD', false], ['index.lock', false]] as const) {
      const root = gitRepo();
      if (dir) mkdirSync(path.join(root, '.git', name));
      else writeFileSync(path.join(root, '.git', name), '');
      expect(code(root), name).toBe(3);
    }
    const root = gitRepo();
    writeFileSync(path.join(root, '.git', 'MERGE_HEAD'), '');
    expect(() => assertGitAllowsWrite(root)).toThrow(/merge is in progress/);
  });

  it('follows a .git file to the git directory of a worktree', () => {
    const { root } = repo();
    const gitDir = path.join(root, 'elsewhere/.git/worktrees/wt');
    mkdirSync(gitDir, { recursive: true });
    writeFileSync(path.join(root, '.git'), 'gitdir: elsewhere/.git/worktrees/wt\n');
    expect(findGitDir(path.join(root, 'plan/pillar-1'))).toBe(gitDir);
    expect(code(root)).toBe(0);
    mkdirSync(path.join(gitDir, 'rebase-merge'));
    expect(code(root)).toBe(3);
  });
});

describe('text from the editor and from pipes', () => {
  it('runs $EDITOR on a template and drops its # lines', () => {
    const { root } = repo();
    const editor = path.join(root, 'editor.sh');
    writeFileSync(editor, '#!/bin/sh\ngrep -q "Write the note" "$1" || exit 1\nprintf "\\nWorkshop held.\\r\\nSecond line.\\n# a template line\\n\\n" > "$1"\n');
    chmodSync(editor, 0o755);
    const text = editText('\n# Write the note above.\n', { ...process.env, VISUAL: '', EDITOR: editor });
    expect(cleanEditedText(text)).toBe('Workshop held.\nSecond line.');
  });

  it('says so when the editor fails or cannot start', () => {
    const fail = (env: NodeJS.ProcessEnv) => {
      try {
        editText('x', { ...process.env, VISUAL: '', ...env });
        return 0;
      } catch (err) {
        return (err as CspError).exitCode;
      }
    };
    expect(fail({ EDITOR: 'false' })).toBe(1);
    // The shell's own "not found" goes to /dev/null: csp's message is what the test is about.
    expect(fail({ EDITOR: '/nonexistent/editor 2>/dev/null' })).toBe(3);
  });

  it('cleans piped text: BOM, CRLF and trailing blank space', () => {
    expect(cleanPipedText('\uFEFFLine one\r\nLine two\r\n\r\n')).toBe('Line one\nLine two');
    expect(cleanPipedText('  indented stays\n')).toBe('  indented stays');
  });
});
