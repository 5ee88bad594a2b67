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
import { desiredCommand } from './commands/desired';
import { validateCommand } from './commands/validate';
import { ExitCode } from './exitCodes';
import { CommandIo, processIo, UnreadableInputError } from './io';

/**
 * Runs `meshport` with the given arguments (without `node` and the script) and
 * returns the exit code.
 */
export async function runMeshport(
  args: string[],
  io: CommandIo = processIo,
): Promise<ExitCode> {
  let exitCode: ExitCode = ExitCode.Ok;
  const program = new Command('meshport')
    .description(
      'Validate SpecMesh AsyncAPI specs and show the Kafka state they imply.',
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
    .action(async (specs: string[], options: { schemaRoot?: string }) => {
      exitCode = await validateCommand(specs, options, io);
    });

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
