/** The iamd command line. Each area registers its own subcommands. */
import { Command } from 'commander';
import { registerCredentialsCommand } from './credentials-command.ts';
import { registerPolicyCommands } from './policy/index.ts';
import { registerSecurityCommands } from './security-command.ts';
import { registerServerCommands } from './server-commands.ts';

const program = new Command('iamd')
  .description('Open-source AWS IAM and STS: policies evaluated exactly, the wire APIs, enforcement with reasons.')
  .showHelpAfterError();

registerPolicyCommands(program);
registerServerCommands(program);
registerCredentialsCommand(program);
registerSecurityCommands(program);

await program.parseAsync(process.argv);
