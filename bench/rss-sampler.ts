/** Peak process.memoryUsage().rss, sampled while a run is in progress. */
export interface RssSampler {
  peakKb(): number;
  stop(): number;
}

export function sampleRss(everyMs = 20): RssSampler {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, everyMs);
  timer.unref();
  return {
    peakKb: () => Math.max(peak, process.memoryUsage.rss()) / 1024,
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage.rss()) / 1024;
    },
  };
}

/** Full GC when node runs with --expose-gc, so baselines are comparable. */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
}
