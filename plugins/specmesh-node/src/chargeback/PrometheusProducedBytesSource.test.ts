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

import { PrometheusProducedBytesSource } from './PrometheusProducedBytesSource';

const METRIC = 'kafka_server_brokertopicmetrics_bytesin_total';

function fakeFetch(pages: Record<string, string | number>) {
  const calls: string[] = [];
  const fetch = (async (url: string) => {
    calls.push(url);
    const page = pages[url];
    return typeof page === 'number'
      ? new Response('unavailable', { status: page, statusText: 'Unavailable' })
      : new Response(page);
  }) as unknown as typeof globalThis.fetch;
  return { fetch, calls };
}

describe('PrometheusProducedBytesSource', () => {
  it('adds up the counters of every broker for the topics asked for', async () => {
    const { fetch, calls } = fakeFetch({
      'http://b1/metrics': `${METRIC}{topic="a._public.x"} 100.0\n${METRIC}{topic="other"} 7\n`,
      'http://b2/metrics': `${METRIC}{topic="a._public.x"} 50.0\n${METRIC}{topic="a._public.y"} 5\n`,
    });
    const source = new PrometheusProducedBytesSource({
      urls: ['http://b1/metrics', 'http://b2/metrics'],
      fetch,
    });

    const produced = await source.producedBytes([
      'a._public.x',
      'a._public.y',
      'a._public.idle',
    ]);

    expect(calls).toEqual(['http://b1/metrics', 'http://b2/metrics']);
    // A topic without a series received nothing since the brokers started.
    expect(produced).toEqual(
      new Map([
        ['a._public.x', 150],
        ['a._public.y', 5],
        ['a._public.idle', 0],
      ]),
    );
  });

  it('reads another metric and label when told', async () => {
    const { fetch } = fakeFetch({
      'http://m': 'bytes_in{kafka_topic="t"} 42\nbytes_in{topic="t"} 1\n',
    });
    const source = new PrometheusProducedBytesSource({
      urls: ['http://m'],
      metric: 'bytes_in',
      topicLabel: 'kafka_topic',
      fetch,
    });
    expect(await source.producedBytes(['t'])).toEqual(new Map([['t', 42]]));
  });

  it('fails as a whole when a broker cannot be scraped', async () => {
    const { fetch } = fakeFetch({
      'http://b1': `${METRIC}{topic="t"} 1`,
      'http://b2': 503,
    });
    const source = new PrometheusProducedBytesSource({
      urls: ['http://b1', 'http://b2'],
      fetch,
    });
    await expect(source.producedBytes(['t'])).rejects.toThrow(
      'Scraping broker metrics from http://b2 failed: HTTP 503 Unavailable',
    );
  });

  it('never repeats the credentials of an endpoint', async () => {
    const source = new PrometheusProducedBytesSource({
      urls: ['http://admin:s3cret@127.0.0.1:9/metrics'],
    });
    const error = await source.producedBytes(['t']).then(
      () => undefined,
      (failure: Error) => failure,
    );
    expect(error?.message).toMatch(
      /^Scraping broker metrics from http:\/\/\*\*\*@127\.0\.0\.1:9\/metrics failed: /,
    );
    expect(error?.message).not.toContain('s3cret');
  });

  it('needs at least one endpoint', () => {
    expect(() => new PrometheusProducedBytesSource({ urls: [] })).toThrow(
      /at least one broker/,
    );
  });
});
