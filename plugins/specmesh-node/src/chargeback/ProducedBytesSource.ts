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
 * Where produced bytes per topic come from when the broker measures them: an extension
 * point for broker metrics (the Prometheus JMX exporter here; a cloud metrics API or a
 * Prometheus server in an adopter's setup). Without one, production is estimated from log
 * end growth.
 *
 * @public
 */
export interface ProducedBytesSource {
  /**
   * A cumulative count of bytes produced to each of the topics (a counter that only grows,
   * except when it restarts from zero). Chargeback uses the growth between two
   * collections. A topic left out of the map is unknown: its production falls back to log
   * end growth. Throwing does the same for every topic, with a warning.
   */
  producedBytes(topics: string[]): Promise<Map<string, number>>;
}
