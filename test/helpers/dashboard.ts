/** Reading the status dashboard back, as a person reads it. */

/** Each table row's title by id, its wrapped lines joined with spaces (a later row of the same id wins). */
export function titlesOf(text: string): Map<string, string> {
  const titles = new Map<string, string>();
  let current: string | undefined;
  for (const line of text.split('\n')) {
    if (!line.startsWith('│')) continue;
    const cells = line.split('│').slice(1, -1).map((c) => c.trim());
    if (cells[0] === 'ID') continue;
    if (cells[0]) {
      current = cells[0];
      titles.set(current, cells[1]!);
    } else if (current && cells[1]) titles.set(current, `${titles.get(current)} ${cells[1]}`);
  }
  return titles;
}
