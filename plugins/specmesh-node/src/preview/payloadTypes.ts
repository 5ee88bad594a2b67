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

/**
 * How a preview shows a message's key, value or header value: decoded with
 * the registry's schema when it carries the Confluent wire format, else as
 * JSON, text or bytes, whichever it is.
 *
 * @public
 */
export type PayloadFormat =
  | 'avro'
  | 'json-schema'
  | 'protobuf'
  | 'json'
  | 'text'
  | 'bytes';

/**
 * A decoded key, value or header value.
 *
 * @public
 */
export interface DecodedPayload {
  format: PayloadFormat;
  /** The registry's id of the schema it was written with. */
  schemaId?: number;
  /** The decoded value, for avro, json-schema, protobuf and json. */
  data?: unknown;
  /** For text: control and direction-changing characters escaped as `\uXXXX`. */
  text?: string;
  /** For bytes. */
  base64?: string;
  /** Why decoding fell back to a plainer format. */
  error?: string;
}
