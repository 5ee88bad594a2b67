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

import { samplesOfMetric } from './prometheusText';

const SCRAPE = `# HELP kafka_server_brokertopicmetrics_bytesin_total Attribute exposed for management
# TYPE kafka_server_brokertopicmetrics_bytesin_total counter
kafka_server_brokertopicmetrics_bytesin_total 250.0
kafka_server_brokertopicmetrics_bytesin_total{topic="__consumer_offsets"} 250.0
kafka_server_brokertopicmetrics_bytesin_total{topic="acme.shop._public.orders",} 1.2345E7
kafka_server_brokertopicmetrics_bytesin_total_created{topic="acme.shop._public.orders"} 1.7e9
kafka_server_brokertopicmetrics_bytesout_total{topic="acme.shop._public.orders"} 99.0
kafka_server_brokertopicmetrics_bytesin_total{broker="1", topic="a\\"b\\\\c\\nd"} 3 1700000000000
kafka_server_brokertopicmetrics_bytesin_total{topic="broken} 1
kafka_server_brokertopicmetrics_bytesin_total{topic="nan"} NaN
`;

describe('samplesOfMetric', () => {
  it('reads the samples of one metric with their labels', () => {
    expect(
      samplesOfMetric(SCRAPE, 'kafka_server_brokertopicmetrics_bytesin_total'),
    ).toEqual([
      { labels: {}, value: 250 },
      { labels: { topic: '__consumer_offsets' }, value: 250 },
      { labels: { topic: 'acme.shop._public.orders' }, value: 12_345_000 },
      { labels: { broker: '1', topic: 'a"b\\c\nd' }, value: 3 },
    ]);
  });

  it('finds nothing for a metric that is not there', () => {
    expect(samplesOfMetric(SCRAPE, 'kafka_log_log_size')).toEqual([]);
    expect(samplesOfMetric('', 'x')).toEqual([]);
  });
});
