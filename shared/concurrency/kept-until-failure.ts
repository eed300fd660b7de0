/**
 * `read` made into a function whose first call starts it and whose later calls share that promise, for
 * the life of the process (a cold start pays once for a secret, a document, a file's name). A failure
 * is not kept: the next call starts `read` again rather than answering from it.
 */
export function keptUntilFailure<T>(read: () => Promise<T>): () => Promise<T> {
  let held: Promise<T> | undefined;
  return () => {
    held ??= read();
    held.catch(() => {
      held = undefined;
    });
    return held;
  };
}
