/**
 * Loads a CommonJS bundle of dist/ compiled with the V8 code cache the build recorded beside it
 * (scripts/build.mjs): dist/cli.cjs from the entry (entry.ts), dist/parser.cjs from cli.cjs and
 * parse-worker.cjs on first use. With the cache V8 neither compiles the source nor, later, the
 * functions the recording run called (Node 20 keeps no compile cache of its own). V8 rejects a
 * cache made by another Node version or with other flags, and the file is then compiled as usual.
 *
 * Built-in modules are taken when called, not imported: the entry answers --version without them.
 */
export interface BundleLoad {
  /** The bundle, and its code cache (read when `useCache`, written at exit when `record`). */
  file: string;
  cacheFile: string;
  /** Compile with the recorded cache (else from the source alone). */
  useCache: boolean;
  /** Record the cache when the process ends (the build sets CSP_BUILD_CODE_CACHE=1). */
  record: boolean;
  /** The module that loads it (its `module`). */
  parent: NodeJS.Module;
}

/** Runs the bundle as Node's require would, and answers its exports. */
export function loadBundle({ file, cacheFile, useCache, record, parent }: BundleLoad): unknown {
  const { readFileSync, writeFileSync } = process.getBuiltinModule('node:fs');
  const Module = process.getBuiltinModule('node:module');
  const { Script } = process.getBuiltinModule('node:vm');
  let cachedData: Buffer | undefined;
  if (useCache && !record) {
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      // no cache: compiled as usual
    }
  }
  const script = new Script(Module.wrap(readFileSync(file, 'utf8')), cachedData ? { filename: file, cachedData } : { filename: file });
  if (record) process.once('exit', () => writeFileSync(cacheFile, script.createCachedData()));
  const mod = new Module(file, parent);
  mod.filename = file;
  (script.runInThisContext() as (...args: unknown[]) => void).call(mod.exports, mod.exports, Module.createRequire(file), mod, file, process.getBuiltinModule('node:path').dirname(file));
  mod.loaded = true;
  return mod.exports;
}
