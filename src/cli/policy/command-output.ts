/** What a command prints and how it exits; the action handler writes it, tests read it. */
export interface CommandOutput {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

/** The answer when an input file cannot be read: a clear message and exit code 2. */
export function readFailure(file: string, error: unknown): CommandOutput {
  const code = error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  const why =
    code === 'ENOENT'
      ? 'no such file'
      : code === 'EISDIR'
        ? 'it is a directory'
        : code === 'EACCES'
          ? 'permission denied'
          : error instanceof Error
            ? error.message
            : String(error);
  return { stdout: '', stderr: `iamd: cannot read \`${file}\`: ${why}\n`, exitCode: 2 };
}

/** Writes a command's output and sets the process exit code (without cutting off buffered output). */
export function emit(output: CommandOutput): void {
  if (output.stdout) process.stdout.write(output.stdout);
  if (output.stderr) process.stderr.write(output.stderr);
  process.exitCode = output.exitCode;
}
