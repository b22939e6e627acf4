#!/usr/bin/env node
// The bundle (scripts/bundle-cli.mjs) runs from its code cache (bin/load-bundle.js). An
// ES module like the rest of the package: a CommonJS entry would save Node's ES module
// loader, measured ~3 ms CPU of a small PDF's run.
import { loadBundle } from './load-bundle.js';

const { main } = loadBundle((specifier) => import(specifier)).exports;

// `kyso verify … | head` closes the pipe early: the reader's choice, not an error. The
// run goes on without writing, so the exit code still speaks for every document.
let stdoutClosed = false;
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') {
    stdoutClosed = true;
    return;
  }
  throw error;
});

// Ctrl-C: the first stops the run cleanly (the report is closed with what was done);
// a second one leaves at once.
const controller = new AbortController();
process.on('SIGINT', () => {
  if (controller.signal.aborted) process.exit(130);
  controller.abort();
});

const io = {
  stdout: (text) => {
    if (!stdoutClosed) process.stdout.write(text);
  },
  stderr: (text) => process.stderr.write(text),
  signal: controller.signal,
  ...(process.stderr.isTTY ? { progressStream: process.stderr } : {}),
};

// The run is over when main settles: its output is written and closed, its worker threads
// ended. The process then leaves once stdout and stderr have taken what was written, rather
// than waiting for the event loop to drain, where V8 would first run the collections it had
// scheduled (~5-8 ms of a one-file run) and idle keep-alive sockets of --online could hold it
// for seconds. After Ctrl-C, files still in flight on this thread are abandoned the same way.
function exitOnceWritten(code) {
  process.exitCode = code;
  let pending = 2;
  const done = () => {
    if (--pending === 0) process.exit(code);
  };
  process.stdout.write('', done);
  process.stderr.write('', done);
}

main(process.argv.slice(2), io).then(exitOnceWritten, (error) => {
  process.stderr.write(`kyso: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  exitOnceWritten(3);
});
