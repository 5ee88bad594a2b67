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

import { stripVTControlCharacters } from 'node:util';

/** Where a command writes; injectable so tests can read what it printed. */
export interface CommandIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

/**
 * C0 and C1 control characters, except tab, line feed and the carriage return
 * of a CRLF line end (CSV's): what is left of an escape sequence, a lone CR
 * that would overwrite a line, a backspace, a bell.
 */
const CONTROL_CHARACTERS =
  // eslint-disable-next-line no-control-regex -- matching them is the point
  /\r(?!\n)|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/**
 * The text without terminal escape sequences (ANSI CSI, OSC…) and control
 * characters, so that what a spec, a file name or a broker says cannot move
 * the cursor, recolour, retitle or clear the terminal of whoever runs meshport.
 * The CLI writes no escape sequences of its own.
 */
export function terminalSafeText(text: string): string {
  return stripVTControlCharacters(text).replace(CONTROL_CHARACTERS, '');
}

/** The same streams, writing {@link terminalSafeText} only. */
export function terminalSafe(io: CommandIo): CommandIo {
  return {
    stdout: text => io.stdout(terminalSafeText(text)),
    stderr: text => io.stderr(terminalSafeText(text)),
  };
}

/** The process's own streams, terminal-safe. */
export const processIo: CommandIo = terminalSafe({
  stdout: text => process.stdout.write(text),
  stderr: text => process.stderr.write(text),
});

/** Raised for input the CLI cannot read at all (exit code 2). */
export class UnreadableInputError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UnreadableInputError';
  }
}
