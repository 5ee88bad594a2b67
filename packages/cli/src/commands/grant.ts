/*
 * Copyright 2026 The Meshport Authors
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
import {
  editGrantAccess,
  formatProblem,
  GrantAccessEdit,
  GrantEditError,
} from '@meshport/plugin-specmesh-common';
import {
  judgeSpec,
  readSpecFile,
  SpecSource,
  writeSpecFile,
} from '@meshport/plugin-specmesh-node';
import { ExitCode } from '../exitCodes';
import { CommandIo, UnreadableInputError } from '../io';
import { unifiedDiff } from '../lineDiff';

/** Options of `meshport grant` and `meshport revoke`. */
export interface GrantOptions {
  /** The app-id that gains or loses read access. */
  to?: string;
  from?: string;
  /** The full topic name. */
  topic?: string;
  /** Or the channel's key in the spec. */
  channel?: string;
  /** Print the change as a diff and write nothing; exit 1 when the spec would change. */
  check?: boolean;
  schemaRoot?: string;
}

/**
 * Adds (`grant`) or removes (`revoke`) the `grant-access:<app-id>` tag on a
 * topic's channel in a spec file, changing only the tag's lines, and writes
 * the file in place (atomically). The edit is the portal's: the same
 * `editGrantAccess`, read through the same reader.
 */
export async function grantCommand(
  action: 'grant' | 'revoke',
  spec: string,
  options: GrantOptions,
  io: CommandIo,
): Promise<ExitCode> {
  const appId = action === 'grant' ? options.to : options.from ?? options.to;
  if (!appId) {
    throw new UnreadableInputError(
      `meshport ${action} needs the reader's app-id: ${
        action === 'grant' ? '--to' : '--from'
      } <app-id>`,
    );
  }
  if (!options.topic === !options.channel) {
    throw new UnreadableInputError(
      `meshport ${action} needs one of --topic <full topic name> or --channel <channel key>`,
    );
  }
  const source = await read(spec, options.schemaRoot);
  let edit: GrantAccessEdit;
  try {
    edit = editGrantAccess(source.text, {
      ...(options.topic
        ? { topic: options.topic }
        : { channel: options.channel! }),
      appId,
      action,
    });
  } catch (error) {
    if (!(error instanceof GrantEditError)) throw error;
    io.stderr(`✖ ${spec}: ${error.message}\n    fix: ${error.fix}\n`);
    return ExitCode.UnreadableInput;
  }
  const what = `${appId} read access to ${edit.topic} (channel ${edit.channel})`;
  if (!edit.changed) {
    io.stdout(
      `✔ ${spec}: unchanged, it already ${
        action === 'grant' ? 'grants' : 'does not grant'
      } ${what}\n`,
    );
    return ExitCode.Ok;
  }
  if (options.check) {
    io.stdout(unifiedDiff(source.text, edit.text, spec));
    io.stdout(
      `✖ ${spec}: would ${action} ${what}; run without --check to write it\n`,
    );
    return ExitCode.ChangeNeeded;
  }
  // The edited spec must still judge as the rule book wants before it is written.
  const verdict = await judgeSpec({ ...source, text: edit.text });
  const errors = verdict.problems.filter(p => p.severity === 'error');
  if (errors.length > 0) {
    for (const problem of errors) io.stdout(`${formatProblem(problem)}\n`);
    io.stdout(
      `✖ ${spec}: not written, the spec has errors (they were there before this change; meshport validate shows them)\n`,
    );
    return ExitCode.InvalidSpec;
  }
  try {
    await writeSpecFile(spec, edit.text);
  } catch (error) {
    throw new UnreadableInputError(
      `Cannot write ${spec}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  io.stdout(
    `✔ ${spec}: ${action === 'grant' ? 'granted' : 'revoked'} ${what}\n`,
  );
  return ExitCode.Ok;
}

async function read(spec: string, schemaRoot?: string): Promise<SpecSource> {
  try {
    return await readSpecFile(spec, { root: schemaRoot });
  } catch (error) {
    throw new UnreadableInputError((error as Error).message, { cause: error });
  }
}
