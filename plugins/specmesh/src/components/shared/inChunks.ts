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
 * A catalog filter repeats its key for every value in the request's URL: a
 * data product's hundreds of topics in one request pass the 16 kB a Node
 * server takes in a request line (431). Chunks of this many stay far below it
 * even for the longest names Kafka allows.
 */
export const FILTER_VALUES_PER_REQUEST = 25;

/** The values in chunks of at most `size`, in order. */
export function inChunks<T>(
  values: readonly T[],
  size = FILTER_VALUES_PER_REQUEST,
): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < values.length; i += size) {
    chunks.push(values.slice(i, i + size));
  }
  return chunks;
}
