/**
 * Text from a matrix file made inert in the Markdown GitHub renders (pull-request comments, job
 * summaries): whoever edits the matrix must not be able to ping people, link, embed images, inject
 * HTML (a forged comment marker) or break out of a table row or list item.
 */

/** CommonMark ends a line at LF, CR or CRLF; the other control and separator characters go too. */
const LINE_BREAKS = /[\p{Cc}\u2028\u2029]+/gu;

/** Renders as nothing, yet splits what GitHub would otherwise turn into a mention or a link. */
const ZWSP = '&#8203;';

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** Prose: every character still reads the same; none of them does anything. */
export function inertMarkdown(text: string): string {
  return (
    text
      .replace(LINE_BREAKS, ' ')
      // HTML as entities; Markdown's own punctuation backslash-escaped: links and images need
      // [ ], code spans `, emphasis * ~ and an underscore at a word's edge, tables |, math $.
      .replace(/[&<>\\`*[\]|~$#]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, (ch) => HTML[ch] ?? `\\${ch}`)
      // A leading list marker or ordered-list number would nest a list in a list item.
      .replace(/^(\s*)([-+=])(?=\s|$)/, '$1\\$2')
      .replace(/^(\s*\d+)([.)])(?=\s|$)/, '$1\\$2')
      // GitHub links these after rendering, escaped or not: @mentions (and e-mail addresses),
      // issue references, bare URLs.
      .replace(/@/g, `@${ZWSP}`)
      .replace(/\\#(?=\d)/g, `\\#${ZWSP}`)
      .replace(/\b(GH-)(?=\d)/gi, `$1${ZWSP}`)
      .replace(/\b(https?|ftp):(?=\/\/)/gi, `$1:${ZWSP}`)
      .replace(/\b(www)\./gi, `$1${ZWSP}.`)
  );
}

/**
 * A code span: nothing inside one is rendered, so only its own delimiters, line breaks and the
 * table's `|` need care. The fence is one backtick longer than any run in the text.
 */
export function codeSpan(text: string): string {
  const flat = text.replace(LINE_BREAKS, ' ').replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  // CommonMark strips one space from each end when both have one: pad so edges survive.
  const pad = /^[` ]|[` ]$/.test(flat) && flat.trim() !== '' ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}
