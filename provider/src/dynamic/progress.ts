// Progress of long waits, written to stderr (the engine shows the provider's output). Quiet for
// short operations; each distinct line once.
export function progressReporter(label: string, quietMs = 5000, now = Date.now): (message: string) => void {
  const start = now();
  let last = "";
  let count = 0;
  return (message) => {
    if (now() - start < quietMs || message === last) return;
    last = message;
    console.error(`[${++count}] ${label}: ${message}`);
  };
}
