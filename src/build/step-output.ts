/**
 * A step's output as lines: for the log as it comes, and the last few for its failure message.
 */

/** Lines longer than this are cut in the tail: one runaway line must not fill a failure message. */
const MAX_TAIL_LINE = 400;

export class OutputLines {
  private readonly last: string[] = [];

  constructor(
    private readonly onLine: (line: string) => void,
    private readonly keep = 20,
  ) {}

  /**
   * A line splitter for one stream. stdout and stderr arrive through separate pipes, so each
   * keeps its own unterminated line: one stream's partial line is never glued to the other's.
   */
  stream(): { push(text: string): void; flush(): void } {
    let pending = '';
    return {
      push: (text) => {
        const parts = (pending + text).split('\n');
        pending = parts.pop() ?? '';
        for (const part of parts) this.emit(part);
      },
      flush: () => {
        if (pending !== '') this.emit(pending);
        pending = '';
      },
    };
  }

  tail(): string[] {
    return [...this.last];
  }

  private emit(raw: string): void {
    // A progress bar redraws with \r: what the line ended as is what counts.
    const line = raw.replace(/\r+$/, '').split('\r').pop() ?? '';
    this.onLine(line);
    this.last.push(line.length > MAX_TAIL_LINE ? `${line.slice(0, MAX_TAIL_LINE)}…` : line);
    if (this.last.length > this.keep) this.last.shift();
  }
}

/** An argv as a reader would type it (for the log only; nothing runs through a shell). */
export function displayArgv(argv: readonly string[]): string {
  return argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replaceAll("'", "'\\''")}'`)).join(' ');
}
