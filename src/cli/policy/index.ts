import type { Command } from 'commander';

/** `iamd policy validate|simulate|test`: offline, on policy/ only. */
export function registerPolicyCommands(program: Command): void {
  program.command('policy').description('validate, simulate and test IAM policies offline');
}
