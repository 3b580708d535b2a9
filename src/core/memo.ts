/**
 * The promise stored under `key`, made by `make` the first time: concurrent and later callers share
 * one load. A rejected promise is forgotten, so the next caller tries again.
 */
export function memoAsync<T>(store: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  let value = store.get(key);
  if (!value) {
    value = make();
    store.set(key, value);
    value.catch(() => store.delete(key));
  }
  return value;
}
