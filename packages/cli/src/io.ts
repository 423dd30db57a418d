// Where a command writes: stdout for results, stderr for progress and messages. Commands take
// an Io instead of touching process streams, so they are callable in-process too.
export interface Io {
  out(text: string): void;
  err(text: string): void;
  readonly errIsTTY: boolean;
}

export const processIo: Io = {
  out: (t) => void process.stdout.write(t),
  err: (t) => void process.stderr.write(t),
  errIsTTY: process.stderr.isTTY === true,
};
