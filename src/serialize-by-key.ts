/**
 * Runs tasks for the same key one after another in this process: keyv has no transactions, so a
 * read-modify-write of one entry must not interleave with another, and a retried workflow request
 * must see the first one's answer.
 */
export function serializeByKey(): <T>(key: string, task: () => Promise<T>) => Promise<T> {
  const tails = new Map<string, Promise<unknown>>();
  return (key, task) => {
    const run = (tails.get(key) ?? Promise.resolve()).then(task, task);
    const tail = run.catch(() => undefined);
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return run;
  };
}
