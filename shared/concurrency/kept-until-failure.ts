/**
 * `read` made into a function whose first call starts it and whose later calls share that promise, for
 * the life of the process (a cold start pays once for a secret, a document, a file's name). A failure
 * is not kept: the next call starts `read` again rather than answering from it.
 */
export function keptUntilFailure<T>(read: () => Promise<T>): () => Promise<T> {
  let held: Promise<T> | undefined;
  return () => {
    if (!held) {
      const started = read();
      held = started;
      // Once per read, and only if it is still the one held: a caller answered with the failure may
      // already have started the next read.
      started.catch(() => {
        if (held === started) held = undefined;
      });
    }
    return held;
  };
}
