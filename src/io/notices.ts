/**
 * Warnings that code far from the command (the load cache) has for the
 * user: collected here and printed on standard error by cli/main.ts when
 * the command ends, once each.
 */
const pending: { message: string; hint?: string }[] = [];

export function notice(message: string, hint?: string): void {
  if (pending.some((n) => n.message === message)) return;
  pending.push(hint === undefined ? { message } : { message, hint });
}

export function takeNotices(): { message: string; hint?: string }[] {
  return pending.splice(0);
}
