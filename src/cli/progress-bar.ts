import cliProgress from "cli-progress";

export type ProgressBar = Readonly<{ update(block: number, head: number): void; stop(): void }>;

/** A catch-up bar on stderr: blocks indexed of the range, blocks/s and ETA. */
export function createProgressBar(startBlock: number): ProgressBar {
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: "indexing |{bar}| {percentage}% | block {block}/{head} | {speed} blocks/s | ETA {eta_formatted}",
      etaBuffer: 20,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  const t0 = performance.now();
  let first = -1;
  return {
    update(block, head) {
      if (first < 0) first = block;
      const seconds = (performance.now() - t0) / 1000;
      const speed = seconds > 0 ? Math.round((block - first) / seconds) : 0;
      const payload = { block, head, speed };
      if (!started) {
        bar.start(Math.max(1, head - startBlock + 1), block - startBlock + 1, payload);
        started = true;
      } else {
        bar.setTotal(Math.max(1, head - startBlock + 1));
        bar.update(block - startBlock + 1, payload);
      }
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}
