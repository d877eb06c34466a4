// Counts in messages: "1 warning", "2 warnings", "0 pages".

export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}
