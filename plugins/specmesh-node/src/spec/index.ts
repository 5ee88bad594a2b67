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
export { readSpecFile } from './readSpecFile';
export type { SpecSource } from './readSpecFile';
export { judgeSpec, judgeSpecStats, SpecJudge } from './judgeSpec';
export type {
  JudgeSpecOptions,
  LoadedSpec,
  SpecJudgeStats,
  SpecToJudge,
} from './judgeSpec';
export {
  DEFAULT_MAX_FILE_BYTES,
  DEFAULT_MAX_SPEC_BYTES,
} from './specReadLimits';
export type { SpecReadLimits } from './specReadLimits';
export type {
  SchemaFileReading,
  SchemaFileRefusal,
  SpecFolder,
} from './SpecFolder';
export { FileSpecFolder } from './FileSpecFolder';
export { UrlSpecFolder } from './UrlSpecFolder';
export type { UrlSpecFolderOptions } from './UrlSpecFolder';
export { SchemaFileReader } from './SchemaFileReader';
export type {
  SchemaFileReaderOptions,
  SpecSchemaFiles,
} from './SchemaFileReader';
export { urlPathInFolder } from './urlPathInFolder';
export { writeSpecFile } from './writeSpecFile';
