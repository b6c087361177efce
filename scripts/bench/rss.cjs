// Preloaded (NODE_OPTIONS=--require) into a process whose peak memory the benchmark wants:
// writes the peak resident set size, in kB, to $CSP_BENCH_RSS_FILE when the process exits.
'use strict';
const { isMainThread } = require('node:worker_threads');
const file = process.env.CSP_BENCH_RSS_FILE;
if (file && isMainThread) {
  process.on('exit', () => {
    require('node:fs').writeFileSync(file, String(process.resourceUsage().maxRSS));
  });
}
