// Progress of long waits, written to stderr (the engine shows the provider's output). Quiet for
// short operations; a line when what is awaited changes, otherwise at most one every 15 s.
export function progressReporter(label: string, quietMs = 5000, everyMs = 15_000, now = Date.now): (message: string) => void {
  const start = now();
  let lastKey = "";
  let lastAt = 0;
  let count = 0;
  return (message) => {
    const t = now();
    if (t - start < quietMs) return;
    // "job RUNNING 40%" and "job RUNNING 45%" are the same step.
    const key = message.replace(/\d+%/g, "");
    if (key === lastKey && t - lastAt < everyMs) return;
    lastKey = key;
    lastAt = t;
    console.error(`[${++count}] ${label}: ${message} (${Math.round((t - start) / 1000)}s)`);
  };
}
