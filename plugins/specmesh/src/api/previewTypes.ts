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

// Message preview, as the backend's openapi.yaml has it (issue 15 §3).

/** A key, value or header decoded by the backend, or shown safely when it could not be. @public */
export interface DecodedPayload {
  format: 'avro' | 'json-schema' | 'protobuf' | 'json' | 'text' | 'bytes';
  schemaId?: number;
  /** The decoded value, for avro, json-schema, protobuf and json. */
  data?: unknown;
  /** For text: control characters already escaped. */
  text?: string;
  /** For bytes. */
  base64?: string;
  /** Why decoding fell back to text or bytes. */
  error?: string;
}

/** One message of a preview. @public */
export interface PreviewMessage {
  partition: number;
  /** A string: offsets can pass 2^53. */
  offset: string;
  timestamp: string;
  key: DecodedPayload | null;
  value: DecodedPayload | null;
  headers: { key: string; value: DecodedPayload }[];
  sizeBytes: number;
}

/** The last messages of a topic, newest first (`GET /topics/{topic}/messages`). @public */
export interface TopicMessagesPreview {
  topic: string;
  cluster: string;
  fetchedAt: string;
  limit: number;
  /** The partition asked for; null when merged across partitions. */
  partition: number | null;
  /** True when the byte cap stopped the preview before `limit` messages. */
  truncated: boolean;
  messages: PreviewMessage[];
}

/** What to preview: how many messages, and one partition or all. @public */
export interface PreviewOptions {
  limit?: number;
  partition?: number;
}
