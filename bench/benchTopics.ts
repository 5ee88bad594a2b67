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

/* The chargeback bench's topics on the shared broker: made in batches, deleted
 * in small retried batches, and leftovers of an interrupted run recognised. */
import type { Admin } from '@platformatic/kafka';

/** A topic of a chargeback-collect run: `bench<run>.app<i>._public.t<k>`. */
export const BENCH_TOPIC = /^bench[0-9a-z]+\.app\d+\._public\.t\d+$/;

/** Deletes topics in small batches, each retried: a loaded broker times out. */
export async function deleteBenchTopics(admin: Admin, topics: string[]) {
  for (const batch of chunks(topics, 100)) {
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.deleteTopics({ topics: batch });
        break;
      } catch (error) {
        if (attempt === 5) {
          console.error(
            `Could not delete ${batch.length} bench topics: ${error}`,
          );
          break;
        }
        await new Promise(r => setTimeout(r, 2000 * attempt));
      }
    }
  }
}

/** `items` in slices of `size`. */
export function chunks<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) =>
    items.slice(i * size, (i + 1) * size),
  );
}
