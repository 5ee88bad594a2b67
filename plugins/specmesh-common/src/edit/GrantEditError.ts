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

/**
 * Why a spec cannot be edited as asked, phrased for the person who asked: what
 * is wrong and how to fix it. Safe to show: it never contains the spec's text.
 *
 * @public
 */
export class GrantEditError extends Error {
  readonly name = 'GrantEditError';

  constructor(message: string, readonly fix: string) {
    super(message);
  }
}
