import type { BuildLog } from '../../src/build/types.js';

export interface RecordedLog extends BuildLog {
  /** Everything logged, in order: `group NAME`, `end`, plain lines, `warning TEXT`. */
  readonly events: string[];
  /** Lines logged, outside group markers. */
  lines(): string[];
}

/** A BuildLog that records what it was told; `onLine` lets a test react to output as it streams. */
export function recordingLog(onLine: (line: string) => void = () => {}): RecordedLog {
  const events: string[] = [];
  return {
    events,
    lines: () => events.filter((e) => !e.startsWith('group ') && e !== 'end' && !e.startsWith('warning ')),
    group: (name) => events.push(`group ${name}`),
    endGroup: () => events.push('end'),
    line: (text) => {
      events.push(text);
      onLine(text);
    },
    warning: (text) => events.push(`warning ${text}`),
  };
}
