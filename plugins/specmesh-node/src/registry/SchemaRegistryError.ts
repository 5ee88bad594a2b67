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
import { redactUrlCredentials } from '../url';

/**
 * An error answer of the schema registry, or no answer at all.
 *
 * @public
 */
export class SchemaRegistryError extends Error {
  constructor(
    message: string,
    /** The HTTP status; absent when the registry could not be reached. */
    readonly status?: number,
    /** The Confluent error code of the body (e.g. 40401 subject not found). */
    readonly errorCode?: number,
    options?: { cause?: unknown; noAnswer?: boolean },
  ) {
    // Whatever it quotes (a URL, fetch's reason), it never carries credentials.
    super(
      redactUrlCredentials(message),
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = 'SchemaRegistryError';
    this.noAnswer = options?.noAnswer ?? false;
  }

  /** The registry did not answer at all: the connection was refused, reset or timed out. */
  readonly noAnswer: boolean;
}
