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

import { redactUrlCredentials } from '../url';
import type { ProducedBytesSource } from './ProducedBytesSource';
import { samplesOfMetric } from './prometheusText';

/**
 * Where the Prometheus JMX exporter serves the brokers' metrics, and how they are named.
 *
 * @public
 */
export interface PrometheusProducedBytesSourceOptions {
  /** One metrics endpoint per broker, e.g. `http://broker-1:7071/metrics`; all are added up. */
  urls: string[];
  /** Default `kafka_server_brokertopicmetrics_bytesin_total` (BrokerTopicMetrics BytesInPerSec Count). */
  metric?: string;
  /** The label holding the topic name; default `topic`. */
  topicLabel?: string;
  /** Per scrape; default 10 s. */
  timeoutMs?: number;
  /** For tests; default the global fetch. */
  fetch?: typeof fetch;
}

/**
 * Produced bytes from the brokers' `BytesInPerSec` counters, scraped from the Prometheus JMX
 * exporter on each broker. Each broker counts what its partition leaders received, so the
 * endpoints of all brokers are summed. A topic a broker has no series for has received
 * nothing there since the broker started, so it counts as 0.
 *
 * @public
 */
export class PrometheusProducedBytesSource implements ProducedBytesSource {
  private readonly urls: string[];
  private readonly metric: string;
  private readonly topicLabel: string;
  private readonly timeoutMs: number;
  private readonly fetch: typeof fetch;

  constructor(options: PrometheusProducedBytesSourceOptions) {
    if (options.urls.length === 0) {
      throw new Error(
        'PrometheusProducedBytesSource needs the metrics URL of at least one broker.',
      );
    }
    this.urls = options.urls;
    this.metric =
      options.metric ?? 'kafka_server_brokertopicmetrics_bytesin_total';
    this.topicLabel = options.topicLabel ?? 'topic';
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  async producedBytes(topics: string[]): Promise<Map<string, number>> {
    const wanted = new Set(topics);
    const totals = new Map(topics.map(topic => [topic, 0]));
    const scrapes = await Promise.all(this.urls.map(url => this.scrape(url)));
    for (const text of scrapes) {
      for (const { labels, value } of samplesOfMetric(text, this.metric)) {
        const topic = labels[this.topicLabel];
        if (topic !== undefined && wanted.has(topic)) {
          totals.set(topic, (totals.get(topic) ?? 0) + value);
        }
      }
    }
    return totals;
  }

  private async scrape(url: string): Promise<string> {
    let response: Response;
    try {
      response = await this.fetch(url, {
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      // fetch quotes the URL in its reason; neither may carry credentials.
      throw new Error(
        redactUrlCredentials(
          `Scraping broker metrics from ${url} failed: ${
            (error as Error).message
          }`,
        ),
      );
    }
    if (!response.ok) {
      throw new Error(
        redactUrlCredentials(
          `Scraping broker metrics from ${url} failed: HTTP ${response.status} ${response.statusText}`,
        ),
      );
    }
    return response.text();
  }
}
