import type { Command } from 'commander';

/** `iamd serve`, `iamd accounts ...`: go through server/. */
export function registerServerCommands(program: Command): void {
  program.command('serve').description('run the IAM and STS endpoint');
}
