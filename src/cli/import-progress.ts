import cliProgress from "cli-progress";
import type { ImportProgress } from "../import/index.js";

export type ImportProgressReporter = Readonly<{ start(total: number): void; update(progress: ImportProgress): void; stop(): void }>;

/**
 * The import's progress on stderr. On a terminal: a bar with rows sent of those to send, rows/s and ETA. Elsewhere
 * (a log, a pipe): one line per transaction, so a log shows how far an interrupted import got.
 */
export function createImportProgress(isTty: boolean, write: (text: string) => void = (t) => process.stderr.write(t)): ImportProgressReporter {
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: "importing |{bar}| {percentage}% | rows {value}/{total} | {speed} rows/s | ETA {eta_formatted}",
      etaBuffer: 20,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let t0 = 0;
  return {
    start(total) {
      t0 = performance.now();
      if (isTty && total > 0) {
        bar.start(total, 0, { speed: 0 });
        started = true;
      }
    },
    update({ done, total, outcome }) {
      if (started) {
        const seconds = (performance.now() - t0) / 1000;
        bar.update(done, { speed: seconds > 0 ? Math.round(done / seconds) : 0 });
      } else if (!isTty) {
        const what =
          outcome.status === "registered"
            ? `${outcome.numbers.length} registered (block ${outcome.blockNumber}, transaction ${outcome.transactionHash}, gas ${outcome.gasUsed})`
            : `${outcome.numbers.length} refused: ${outcome.error.message}`;
        write(`batch ${outcome.index + 1}: ${what}; rows ${done}/${total}\n`);
      }
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}
