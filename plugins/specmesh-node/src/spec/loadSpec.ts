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
import {
  LoadedSpec,
  LoadSpecOptions,
  LoadSpecTextOptions,
  SpecLoader,
} from './SpecLoader';

let defaultLoader: SpecLoader | undefined;

function loader(): SpecLoader {
  defaultLoader ??= new SpecLoader();
  return defaultLoader;
}

/**
 * Loads a spec file with the shared {@link SpecLoader}. Rejects when the file
 * cannot be read; problems inside it are in the result.
 *
 * @public
 */
export function loadSpecFile(
  path: string,
  options?: LoadSpecOptions,
): Promise<LoadedSpec> {
  return loader().loadFile(path, options);
}

/**
 * Loads a spec from text with the shared {@link SpecLoader}; schema refs
 * resolve against `baseDir`.
 *
 * @public
 */
export function loadSpecText(
  text: string,
  options?: LoadSpecTextOptions,
): Promise<LoadedSpec> {
  return loader().loadText(text, options);
}
