/**
 * Progress on stderr while a run goes (cli-progress): done/total, rate, time left and
 * the running counts. Loaded only when progress is shown.
 */
import cliProgress from 'cli-progress';
import type { Counts, Lang } from './words.js';
import { WORDS } from './words.js';

export interface Progress {
  update(done: number, counts: Counts, errors: number): void;
  stop(): void;
}

export function startProgress(total: number, lang: Lang, stream: NodeJS.WritableStream = process.stderr): Progress {
  const w = WORDS[lang].progress;
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: `{bar} {value}/{total} ${w.done} | {rate} ${w.rate} | ${w.eta} {eta_formatted} | ✔ {passed} ✘ {failed} ? {other}`,
      barsize: 24,
      hideCursor: false,
      clearOnComplete: true,
      etaBuffer: 50,
      // Without a terminal (--progress into a log), a line every few seconds.
      noTTYOutput: !(stream as NodeJS.WriteStream).isTTY,
      notTTYSchedule: 5000,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  bar.start(total, 0, { rate: '0.0', passed: 0, failed: 0, other: 0 });
  return {
    update(done, counts, errors) {
      const seconds = Math.max((Date.now() - started) / 1000, 0.001);
      bar.update(done, {
        rate: (done / seconds).toFixed(1),
        passed: counts.TOTAL_PASSED,
        failed: counts.TOTAL_FAILED + errors,
        other: counts.INDETERMINATE + counts.NO_SIGNATURE,
      });
    },
    stop() {
      bar.stop();
    },
  };
}
