// Per-object memoisation: a value computed once for each key object and kept as long as the key lives
// (a WeakMap), so what is derived from a site model is built once per build, whoever asks first.

export function memoised<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const cache = new WeakMap<K, V>();
  return (key) => {
    if (!cache.has(key)) cache.set(key, compute(key));
    return cache.get(key)!;
  };
}
