/*
 * Copyright 2025 The Meshport Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
import { Command, CommanderError } from 'commander';
import { chargebackCommand, ChargebackOptions } from './commands/chargeback';
import { desiredCommand } from './commands/desired';
import { grantCommand, GrantOptions } from './commands/grant';
import { lagCommand, LagOptions } from './commands/lag';
import { provisionCommand, ProvisionOptions } from './commands/provision';
import { validateCommand } from './commands/validate';
import { ExitCode } from './exitCodes';
import { CommandIo, processIo, terminalSafe, UnreadableInputError } from './io';

/**
 * Runs `meshport` with the given arguments (without `node` and the script) and
 * returns the exit code.
 */
export async function runMeshport(
  args: string[],
  streams: CommandIo = processIo,
): Promise<ExitCode> {
  // Everything printed passes here: specs, file names and brokers' answers
  // may carry terminal escape sequences.
  const io = terminalSafe(streams);
  let exitCode: ExitCode = ExitCode.Ok;
  const program = new Command('meshport')
    .description(
      'Validate SpecMesh AsyncAPI specs, show the Kafka state they imply, plan and apply it on a cluster, and report chargeback and consumer lag.',
    )
    .exitOverride()
    .configureOutput({
      writeOut: text => io.stdout(text),
      writeErr: text => io.stderr(text),
    });

  program
    .command('validate')
    .description(
      'Check specs against the rule book; exit 1 on any error, 2 when a file cannot be read.',
    )
    .argument('<spec...>', 'AsyncAPI spec files (YAML or JSON)')
    .option(
      '--schema-root <dir>',
      'folder a leading "/" in schema $refs means (default: each spec\'s folder)',
    )
    .option(
      '--strict',
      'run the AsyncAPI parser on every spec instead of the fast path that proves a spec valid without it (same verdicts, slower)',
    )
    .action(
      async (
        specs: string[],
        options: { schemaRoot?: string; strict?: boolean },
      ) => {
        exitCode = await validateCommand(specs, options, io);
      },
    );

  program
    .command('desired')
    .description(
      'Print the topics, ACL bindings, schema subjects and dependencies a spec implies.',
    )
    .argument('<spec>', 'AsyncAPI spec file (YAML or JSON)')
    .option('--json', 'print JSON (the format of the shared test vectors)')
    .option(
      '--principal-map <file>',
      'JSON object mapping app-ids to Kafka principals',
    )
    .option(
      '--no-idempotent-write',
      'leave out the cluster IDEMPOTENT_WRITE binding',
    )
    .option(
      '--schema-root <dir>',
      'folder a leading "/" in schema $refs means (default: the spec\'s folder)',
    )
    .action(
      async (
        spec: string,
        options: {
          json?: boolean;
          principalMap?: string;
          idempotentWrite?: boolean;
          schemaRoot?: string;
        },
      ) => {
        exitCode = await desiredCommand(spec, options, io);
      },
    );

  const provision = (command: 'plan' | 'apply') =>
    program
      .command(command)
      .description(
        command === 'plan'
          ? 'Show what applying a spec to a cluster would change; exit 1 if anything is blocked.'
          : 'Create, update and revoke what a spec implies on a cluster; exit 1 if anything failed or is blocked.',
      )
      .argument('<spec>', 'AsyncAPI spec file (YAML or JSON)')
      .requiredOption(
        '--cluster <file>',
        'YAML or JSON file with one cluster, as one specmesh.clusters entry; ${VAR} reads the environment',
      )
      .option('--json', 'print JSON: the summary and every item')
      .option(
        '--markdown',
        'print Markdown for a pull-request comment: a table per kind',
      )
      .option(
        '--delete-unmanaged',
        "delete topics in the app-id's namespace that the spec does not declare (the cluster must allow deletion)",
      )
      .option(
        '--schema-root <dir>',
        'folder a leading "/" in schema $refs means (default: the spec\'s folder)',
      )
      .action(async (spec: string, options: ProvisionOptions) => {
        exitCode = await provisionCommand(command, spec, options, io);
      });
  provision('plan');
  provision('apply');

  const grant = (action: 'grant' | 'revoke') =>
    program
      .command(action)
      .description(
        action === 'grant'
          ? 'Give an app-id read access to a topic by adding grant-access:<app-id> to the spec file, in place, keeping its comments and layout; the cluster follows on the next apply.'
          : 'Take read access away by removing grant-access:<app-id> wherever the spec file carries it for the topic, in place.',
      )
      .argument(
        '<spec>',
        'AsyncAPI spec file (YAML or JSON) of the owning data product',
      )
      .option('--to <app-id>', 'the app-id of the reader')
      .option('--topic <name>', 'the full Kafka topic name')
      .option('--channel <key>', "or the channel's key in the spec")
      .option(
        '--check',
        'print the change as a diff and write nothing; exit 1 when the spec would change',
      )
      .option(
        '--schema-root <dir>',
        'folder a leading "/" in schema $refs means (default: the spec\'s folder)',
      )
      .action(async (spec: string, options: GrantOptions) => {
        exitCode = await grantCommand(action, spec, options, io);
      });
  grant('grant');
  grant('revoke').option('--from <app-id>', 'the same as --to');

  program
    .command('chargeback')
    .description(
      'Print usage and cost by app-id: storage, messages, partitions, production and consumption per consumer group, priced; exit 1 if the cluster cannot be read.',
    )
    .requiredOption(
      '--cluster <file>',
      'YAML or JSON file with one cluster, as one specmesh.clusters entry; ${VAR} reads the environment',
    )
    .option('--json', 'print JSON')
    .option('--csv', 'print CSV, one row per app-id, with a header row')
    .option(
      '--app-ids <list>',
      'comma-separated app-ids to report (default: those the topic names imply)',
    )
    .option(
      '--prices <file>',
      'YAML or JSON price list: currency, perGbMonthStored, perGbProduced, perGbConsumed, perPartitionMonth',
    )
    .option(
      '--interval <duration>',
      'time between the two collections, e.g. 10s or 1m',
      '10s',
    )
    .option(
      '--once',
      'collect once: storage, messages and partitions only, no production or consumption',
    )
    .action(async (options: ChargebackOptions) => {
      exitCode = await chargebackCommand(options, io);
    });

  program
    .command('lag')
    .description(
      "Print how far behind the consumer groups reading the spec's topics, and the app-id's own groups, are; exit 1 when --max-lag is exceeded or the cluster cannot be read.",
    )
    .argument('<spec>', 'AsyncAPI spec file (YAML or JSON) of the data product')
    .requiredOption(
      '--cluster <file>',
      'YAML or JSON file with one cluster, as one specmesh.clusters entry; ${VAR} reads the environment',
    )
    .option('--json', 'print JSON')
    .option(
      '--max-lag <messages>',
      'exit 1 when any reported group is more than this many messages behind',
    )
    .option(
      '--schema-root <dir>',
      'folder a leading "/" in schema $refs means (default: the spec\'s folder)',
    )
    .action(async (spec: string, options: LagOptions) => {
      exitCode = await lagCommand(spec, options, io);
    });

  try {
    await program.parseAsync(args, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here too, with exit code 0.
      return error.exitCode === 0 ? ExitCode.Ok : ExitCode.UnreadableInput;
    }
    if (error instanceof UnreadableInputError) {
      io.stderr(`✖ ${error.message}\n`);
      return ExitCode.UnreadableInput;
    }
    throw error;
  }
}
