/**
 * Who owns a lock or a temporary file, in a form that survives pid reuse:
 * the pid, the boot it belongs to and the moment the process started
 * (Linux: /proc/sys/kernel/random/boot_id and field 22 of /proc/PID/stat).
 * A pid that is alive but started at another moment, or a record from an
 * earlier boot, is another process: its owner is gone.
 */
import { readFileSync } from 'node:fs';

let bootIdCache: string | null | undefined;

/** This boot's id, or null where the system does not say (not Linux). */
function bootId(): string | null {
  if (bootIdCache === undefined) {
    try {
      bootIdCache = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || null;
    } catch {
      bootIdCache = null;
    }
  }
  return bootIdCache;
}

/** When process `pid` started (clock ticks since boot), or null when unknown or gone. */
export function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces and parentheses itself.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface OwnerRecord {
  pid: number;
  /** processStart(pid) when it was recorded, if known. */
  start?: string | null;
  /** bootId() when it was recorded, if known. */
  boot?: string | null;
}

/** This process, as an owner record. */
export function self(): Required<OwnerRecord> {
  return { pid: process.pid, start: processStart(process.pid), boot: bootId() };
}

/** Whether the process that wrote `owner` (on this machine) has certainly ended. */
export function ownerGone(owner: OwnerRecord): boolean {
  if (!Number.isInteger(owner.pid) || owner.pid <= 0) return true;
  if (owner.boot && bootId() && owner.boot !== bootId()) return true;
  if (!alive(owner.pid)) return true;
  // Alive: the same process only if it started when the record says.
  if (owner.start) {
    const now = processStart(owner.pid);
    if (now !== null && now !== owner.start) return true;
  }
  return false;
}
