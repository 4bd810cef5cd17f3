// Where commands write: an injected Output (stdout lines, stderr lines, whether it is a
// terminal) and progress that is an ora spinner on a TTY and plain lines everywhere else.
import ora, { type Ora } from 'ora';

export interface Output {
  out(line: string): void;
  err(line: string): void;
  readonly isTTY: boolean;
  /** The terminal stream a spinner may draw on; absent in tests and pipes. */
  readonly spinnerStream?: NodeJS.WriteStream;
}

export function processOutput(): Output {
  const isTTY = Boolean(process.stderr.isTTY && process.stdout.isTTY);
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    isTTY,
    ...(isTTY ? { spinnerStream: process.stderr } : {}),
  };
}

export interface Progress {
  /** Replaces the spinner text (ignored without a spinner). */
  update(text: string): void;
  /** A permanent line (above the spinner on a TTY). */
  line(text: string): void;
  stop(): void;
}

export function startProgress(output: Output, text: string): Progress {
  const stream = output.spinnerStream;
  if (!output.isTTY || !stream) {
    return { update: () => {}, line: (t) => output.out(t), stop: () => {} };
  }
  const spinner: Ora = ora({ text, stream }).start();
  return {
    update: (t) => {
      spinner.text = t;
    },
    line: (t) => {
      spinner.clear();
      output.out(t);
      spinner.render();
    },
    stop: () => spinner.stop(),
  };
}
