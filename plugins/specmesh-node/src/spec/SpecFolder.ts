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
 * Why a schema file was not read: its ref leads outside the spec's folder,
 * it is not a regular file (a device, a FIFO, a directory), its extension
 * names no schema type, or it is larger than the reader's limits allow.
 *
 * @public
 */
export type SchemaFileRefusal =
  | 'outside'
  | 'not-a-file'
  | 'extension'
  | 'too-large';

/**
 * What reading one schema file from a spec's folder found: its text, no
 * such file, or a refusal to read it (nothing of it was read, or kept).
 *
 * @public
 */
export type SchemaFileReading =
  | { status: 'read'; text: string; bytes: number }
  | { status: 'missing' }
  | { status: 'refused'; reason: SchemaFileRefusal };

/**
 * The folder an AsyncAPI spec lives in, where its schema file refs point:
 * on the file system ({@link FileSpecFolder}) or behind a URL
 * ({@link UrlSpecFolder}). {@link SchemaFileReader} reads through it, so the
 * rules (which refs, the size caps, the messages) are the same for both.
 *
 * @remarks
 *
 * A ref is SpecMesh's: a leading `/` means the folder, any other path is
 * relative to the spec (§4 of the rule book). Nothing outside the folder is
 * ever read.
 *
 * @public
 */
export interface SpecFolder {
  /** The spec's path or URL, for messages. */
  readonly spec: string;
  /** The folder's path or URL, for messages: every ref must stay inside it. */
  readonly folder: string;
  /** Where `ref` points, or `undefined` when that is outside the folder. */
  locate(ref: string): string | undefined;
  /**
   * Reads the file `ref` points at, if it has at most `maxBytes` bytes.
   * Rejects only when the folder cannot say whether the file exists (a URL
   * that failed for another reason than 404).
   */
  read(ref: string, maxBytes: number): Promise<SchemaFileReading>;
}
