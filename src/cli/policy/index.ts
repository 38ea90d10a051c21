import { type Command, Option } from 'commander';
import type { PolicyKind, PolicySizeClass } from '../../policy/index.ts';
import { emit } from './command-output.ts';
import { simulateCommand } from './simulate-command.ts';
import { testCommand } from './test-command.ts';
import { POLICY_KINDS, SIZE_CLASSES, validateCommand } from './validate-command.ts';

export { runPolicyTests, type PolicyTestReport, type PolicyTestResult } from './run-policy-tests.ts';

/** `iamd policy validate|simulate|test`: offline, on policy/ only (plus the AWS service data for validate). */
export function registerPolicyCommands(program: Command): void {
  const policy = program.command('policy').description('validate, simulate and test IAM policies offline');

  policy
    .command('validate')
    .description('report every finding in a policy document (exit 1 on any error)')
    .argument('<file>', 'the policy document (JSON)')
    .addOption(new Option('--kind <kind>', 'the kind of policy').choices(POLICY_KINDS).default('identity'))
    .addOption(
      new Option('--size-class <class>', 'where the policy is stored (decides its size limit)').choices(SIZE_CLASSES),
    )
    .option('--no-catalog', 'do not check actions and condition keys against the AWS service data')
    .option('--json', 'print the findings as JSON')
    .action(
      async (
        file: string,
        flags: { kind: PolicyKind; sizeClass?: PolicySizeClass; catalog: boolean; json?: boolean },
      ) => {
        emit(
          await validateCommand(file, {
            kind: flags.kind,
            catalog: flags.catalog,
            json: flags.json === true,
            ...(flags.sizeClass ? { sizeClass: flags.sizeClass } : {}),
          }),
        );
      },
    );

  policy
    .command('simulate')
    .description('evaluate one scenario and explain the decision (exit 2 on an invalid scenario)')
    .argument('<file>', 'the scenario (JSON)')
    .option('--json', "print the engine's result object")
    .action(async (file: string, flags: { json?: boolean }) => {
      emit(await simulateCommand(file, { json: flags.json === true }));
    });

  policy
    .command('test')
    .description('run every *.json scenario under the paths and compare with `expected` (exit 1 on a failure)')
    .argument('<paths...>', 'scenario files or directories')
    .option('--json', 'print the results as JSON')
    .action(async (paths: string[], flags: { json?: boolean }) => {
      emit(await testCommand(paths, { json: flags.json === true }));
    });
}
