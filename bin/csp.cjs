#!/usr/bin/env node
'use strict';
// CommonJS on purpose: Node starts a CommonJS program sooner than an ES module (see scripts/build.mjs).
require('../dist/csp.cjs');
