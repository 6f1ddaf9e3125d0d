// The commands of a guide's `sh` block as a reader would type them: continuation lines joined,
// comments dropped, and a heredoc kept with the command that writes it.
export interface ShellCommand {
  text: string;
  /** the words of the command, quotes removed (the guide's commands use no shell expansion) */
  words: string[];
  /** `cat > FILE <<'TAG' ... TAG`: the file it writes and what goes in it */
  heredoc?: { file: string; body: string };
}

/** Splits a line into words, honouring single and double quotes. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  for (const [, single, double, bare] of line.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)) words.push(single ?? double ?? bare ?? '');
  return words;
}

/** Drops a trailing ` # comment` that is not inside quotes. */
function withoutComment(line: string): string {
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1] ?? ''))) return line.slice(0, i).trimEnd();
  }
  return line;
}

export function shellCommands(block: string): ShellCommand[] {
  const lines = block.split('\n');
  const commands: ShellCommand[] = [];
  for (let i = 0; i < lines.length; i++) {
    let text = withoutComment(lines[i] ?? '').trim();
    while (text.endsWith('\\') && i + 1 < lines.length) text = `${text.slice(0, -1).trimEnd()} ${withoutComment(lines[++i] ?? '').trim()}`;
    if (text === '') continue;
    const heredoc = /^cat > (\S+) <<'?(\w+)'?$/.exec(text);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2] ?? '', i + 1);
      if (end < 0) throw new Error(`the heredoc ${heredoc[2]} is never closed`);
      commands.push({ text, words: shellWords(text), heredoc: { file: heredoc[1] ?? '', body: `${lines.slice(i + 1, end).join('\n')}\n` } });
      i = end;
      continue;
    }
    commands.push({ text, words: shellWords(text) });
  }
  return commands;
}
