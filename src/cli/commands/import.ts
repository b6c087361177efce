import type { Command } from 'commander';
export function run(_cmd: Command): void {}
