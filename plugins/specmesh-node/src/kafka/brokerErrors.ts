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

interface ErrorLike {
  name?: string;
  message?: string;
  /** kafkajs: the protocol error's name, e.g. TOPIC_AUTHORIZATION_FAILED. */
  type?: string;
  /** kafkajs: the protocol error code. */
  code?: number;
  cause?: unknown;
}

function asErrorLike(value: unknown): ErrorLike {
  return typeof value === 'object' && value !== null
    ? (value as ErrorLike)
    : { message: String(value) };
}

/** The innermost error of a kafkajs cause chain (retries wrap the error that ended them). */
export function rootCause(error: unknown): ErrorLike {
  let current = asErrorLike(error);
  for (
    let depth = 0;
    depth < 10 && current.cause && current.cause !== current;
    depth++
  ) {
    current = asErrorLike(current.cause);
  }
  return current;
}

/**
 * The broker's answer as a person reads it: the message and, for a protocol
 * error, its name (`Topic with this name already exists (TOPIC_ALREADY_EXISTS)`).
 * kafkajs keeps the error code's text, not the broker's free-text error message.
 */
export function brokerErrorMessage(error: unknown): string {
  const root = rootCause(error);
  const message = root.message || root.name || 'Unknown error';
  return root.type && !message.includes(root.type)
    ? `${message} (${root.type})`
    : message;
}

/**
 * True when the broker answered a batch with an error code for at least one of
 * its resources: the others may have succeeded, and asking again item by item
 * tells which. Connection errors and exhausted retries are about the request as
 * a whole, so asking again would only fail again.
 */
export function isResourceError(error: unknown): boolean {
  const top = asErrorLike(error);
  return typeof top.code === 'number' && typeof top.type === 'string';
}
