import type { CrawlProgress } from '@halway/map';
import type { CliIo } from '../io.js';

/**
 * The crawl's progress on stderr: one line rewritten in place on a terminal (at most ten times a
 * second), and only the last state of it otherwise, so logs stay short.
 */
export function progressLine(io: CliIo): {
  update(progress: CrawlProgress): void;
  done(progress: CrawlProgress): void;
} {
  let last = 0;
  const text = (progress: CrawlProgress) =>
    `${progress.documents} documents · ${progress.services} services · ${progress.errors} errors` +
    (progress.submissions > 0 ? ` · ${progress.submissions} forms submitted` : '');
  return {
    update(progress) {
      if (!io.stderr.isTTY || Date.now() - last < 100) return;
      last = Date.now();
      io.stderr.write(`\r\x1b[2Kmapping: ${text(progress)}`);
    },
    done(progress) {
      io.stderr.write(`${io.stderr.isTTY ? '\r\x1b[2K' : ''}mapped: ${text(progress)}\n`);
    },
  };
}
