// "Did you mean": the names closest to a mistyped one (an alert name, a rule file path, a command or an
// option), by edit distance ignoring case, the likeliest slip. It only ranks names; callers word the hint.

/**
 * Up to three of `names` within a few typos of `wanted`, closest first; `part` (a path's file name, say)
 * also matches on its own, so a missing folder still finds the file.
 */
export function closeNames(wanted: string, names: readonly string[], part?: (name: string) => string): string[] {
  const allowed = Math.max(2, Math.floor(wanted.length / 4));
  const distance = (a: string, b: string) => editDistance(a.toLowerCase(), b.toLowerCase());
  return names
    .map((name) => ({ name, distance: Math.min(distance(wanted, name), part ? distance(part(wanted), part(name)) + 1 : Infinity) }))
    .filter(({ distance: found }) => found <= allowed)
    .sort((a, b) => a.distance - b.distance)
    .slice(0, 3)
    .map(({ name }) => name);
}

/** Levenshtein distance, one row at a time (the names compared are short). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}
