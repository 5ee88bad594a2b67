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
import { DEFAULT_PRICES } from '@meshport/plugin-specmesh-common';
import {
  ChargebackCollector,
  createChargebackAdmin,
  kafkaConnectionOf,
  PrometheusProducedBytesSource,
} from '@meshport/plugin-specmesh-node';
import {
  appIdsOfTopics,
  chargebackReport,
} from '../chargeback/chargebackReport';
import {
  formatChargebackCsv,
  formatChargebackText,
} from '../chargeback/formatChargeback';
import { parseInterval, readPricesFile } from '../chargeback/readPricesFile';
import { readClusterFile } from '../cluster/readClusterFile';
import { ExitCode } from '../exitCodes';
import { CommandIo, UnreadableInputError } from '../io';

/** Options of `meshport chargeback`. */
export interface ChargebackOptions {
  /** The cluster file. */
  cluster: string;
  json?: boolean;
  csv?: boolean;
  /** Comma-separated; default the app-ids the topic names imply. */
  appIds?: string;
  /** A price list file; default {@link DEFAULT_PRICES}. */
  prices?: string;
  /** Between the two collections; default `10s`. */
  interval?: string;
  /** One collection only: storage, messages and partitions, no transfer. */
  once?: boolean;
}

/**
 * `meshport chargeback` collects a cluster's usage twice, an interval apart (or once),
 * and prints the usage and cost by app-id, as SpecMesh's storage and consumption
 * commands do, plus money. Exit 0 on success, 1 when the cluster cannot be read, 2 on
 * invalid input.
 */
export async function chargebackCommand(
  options: ChargebackOptions,
  io: CommandIo,
  sleep: (ms: number) => Promise<void> = ms =>
    new Promise(resolve => setTimeout(resolve, ms)),
): Promise<ExitCode> {
  if (options.json && options.csv) {
    throw new UnreadableInputError(
      'Choose one output: --json or --csv, not both.',
    );
  }
  const intervalMs = parseInterval(options.interval ?? '10s');
  const cluster = await readClusterFile(options.cluster);
  const prices = options.prices
    ? await readPricesFile(options.prices)
    : DEFAULT_PRICES;
  const requestedAppIds = options.appIds
    ?.split(',')
    .map(appId => appId.trim())
    .filter(Boolean);

  const admin = createChargebackAdmin(kafkaConnectionOf(cluster));
  try {
    const collector = new ChargebackCollector(admin, {
      ...(cluster.metricsUrl
        ? {
            producedBytes: new PrometheusProducedBytesSource({
              urls: cluster.metricsUrl,
            }),
          }
        : {}),
      logger: { warn: message => io.stderr(`! ${message}\n`) },
    });
    const appIds =
      requestedAppIds && requestedAppIds.length > 0
        ? requestedAppIds
        : appIdsOfTopics(await admin.listTopics());
    const first = await collector.collect(appIds);
    let previous;
    let current = first;
    if (!options.once) {
      io.stderr(
        `Collected ${first.topics.length} topics of ${
          appIds.length
        } app-ids at ${first.collectedAt}; collecting again in ${
          intervalMs / 1000
        } s\n`,
      );
      await sleep(intervalMs);
      previous = first;
      current = await collector.collect(appIds);
    }
    const report = chargebackReport(cluster.name, previous, current, prices);
    if (options.json) {
      io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    } else if (options.csv) {
      io.stdout(formatChargebackCsv(report));
    } else {
      io.stdout(formatChargebackText(report));
    }
    return ExitCode.Ok;
  } catch (error) {
    if (error instanceof UnreadableInputError) throw error;
    io.stderr(
      `✖ Reading chargeback from cluster ${cluster.name} failed: ${
        (error as Error)?.message ?? String(error)
      }\n`,
    );
    return ExitCode.NotProvisioned;
  } finally {
    await admin.close();
  }
}
