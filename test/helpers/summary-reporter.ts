// Ends a run with one plain line, `Tests: N passed, N failed, N skipped`, that any CI can read.
import type { Reporter } from "vitest/reporters";

type Task = { type: string; mode?: string; result?: { state?: string }; tasks?: Task[] };

export default class SummaryReporter implements Reporter {
  onFinished(files: Task[] = []): void {
    const count = { passed: 0, failed: 0, skipped: 0 };
    const walk = (t: Task) => {
      if (t.tasks) t.tasks.forEach(walk);
      if (t.type !== "test") return;
      const state = t.result?.state;
      if (state === "pass") count.passed++;
      else if (state === "fail") count.failed++;
      else count.skipped++;
    };
    files.forEach(walk);
    console.log(`\nTests: ${count.passed} passed, ${count.failed} failed, ${count.skipped} skipped`);
  }
}
