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
import { HttpAuthService } from '@backstage/backend-plugin-api';
import { toCsv } from '@meshport/plugin-specmesh-node';
import express from 'express';
import { addAccessRoutes } from '../access/accessRoutes';
import type { AccessRequests } from '../access/createAccessRequests';
import { createOpenApiRouter } from '../schema/openapi/generated';
import type { ChargebackService } from '../chargeback/ChargebackService';
import type { DailyCostRow } from '../chargeback/dailyRollups';
import type { ConsumeInfoService } from '../consume/ConsumeInfoService';
import { addLagRoutes } from '../lag/lagRoutes';
import type { LagService } from '../lag/LagService';
import type { MessagePreviewService } from '../preview/MessagePreviewService';
import { addPreviewRoutes } from '../preview/previewRoutes';
import { EntityProvisioningService } from './EntityProvisioningService';
import type { MeshDriftReport } from './MeshDriftReport';
import type { SpecProvisioningService } from './SpecProvisioningService';
import { jsonBodyParser, readSpecRequest } from './specRequest';

const LINE_COLUMNS: ReadonlyArray<keyof DailyCostRow> = [
  'day',
  'cluster',
  'topic',
  'category',
  'ownerAppId',
  'payerAppId',
  'groupId',
  'currency',
  'unit',
  'quantity',
  'amount',
  'bytes',
  'records',
];

/** `?format=csv`, or `Accept: text/csv` without a format. */
function wantsCsv(req: express.Request): boolean {
  if (req.query.format !== undefined) return req.query.format === 'csv';
  return req.accepts(['application/json', 'text/csv']) === 'text/csv';
}

function sendCsv(res: express.Response, name: string, csv: string) {
  res
    .type('text/csv; charset=utf-8')
    .attachment(`chargeback-${name}.csv`)
    .send(csv);
}

/**
 * Builds the plugin's HTTP API from its OpenAPI description; requests are
 * validated against the description before they reach a handler. People and
 * services may read; only people apply, as the apply is recorded in their name.
 */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  service: EntityProvisioningService;
  chargeback: ChargebackService;
  drift: MeshDriftReport;
  specs: SpecProvisioningService;
  consume: ConsumeInfoService;
  access: Pick<AccessRequests, 'requests' | 'revocations'>;
  preview: MessagePreviewService;
  lag: LagService;
}): Promise<express.Router> {
  const { httpAuth, service, chargeback, drift, specs, consume } = options;
  const router = await createOpenApiRouter();

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get(
    '/entities/:kind/:namespace/:name/desired-state',
    async (req, res) => {
      const credentials = await httpAuth.credentials(req, { allow: ['user'] });
      res.json(await service.desiredState(req.params, credentials));
    },
  );

  router.post('/entities/:kind/:namespace/:name/plan', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(
      await service.plan(req.params, credentials, {
        deleteUnmanaged: req.body?.deleteUnmanaged,
      }),
    );
  });

  router.post('/entities/:kind/:namespace/:name/apply', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.json(
      await service.apply(req.params, credentials, {
        deleteUnmanaged: req.body?.deleteUnmanaged,
        request: req,
      }),
    );
  });

  router.get('/entities/:kind/:namespace/:name/status', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(await service.status(req.params, credentials));
  });

  router.get('/entities/:kind/:namespace/:name/applies', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(
      await service.applies(req.params, credentials, {
        limit: req.query.limit,
        offset: req.query.offset,
      }),
    );
  });

  // Specs sent by value, such as a template's workspace spec: people only
  // (the scaffolder calls on behalf of the person running the template).
  router.post('/specs/plan', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.json(await specs.plan(readSpecRequest(req.body), credentials));
  });

  router.post('/specs/apply', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.json(
      await specs.apply(readSpecRequest(req.body), credentials, {
        request: req,
      }),
    );
  });

  router.get('/drift', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(await drift.list(credentials));
  });

  router.get(
    '/chargeback/entities/:kind/:namespace/:name',
    async (req, res) => {
      const credentials = await httpAuth.credentials(req, { allow: ['user'] });
      const report = await chargeback.entity(
        req.params,
        req.query,
        credentials,
      );
      if (!wantsCsv(req)) {
        res.json(report);
        return;
      }
      sendCsv(
        res,
        report.appId,
        toCsv(LINE_COLUMNS, [...report.paid, ...report.consumers]),
      );
    },
  );

  router.get('/chargeback/topics/:topic', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const report = await chargeback.topic(
      req.params.topic,
      req.query,
      credentials,
    );
    if (!wantsCsv(req)) {
      res.json(report);
      return;
    }
    sendCsv(res, report.topic, toCsv(LINE_COLUMNS, report.lines));
  });

  router.get('/topics/:topic/consume', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.json(await consume.consumeInfo(req.params.topic, credentials));
  });

  router.get('/chargeback/owners/:ownerRef', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const report = await chargeback.owner(
      req.params.ownerRef,
      req.query,
      credentials,
    );
    if (!wantsCsv(req)) {
      res.json(report);
      return;
    }
    sendCsv(
      res,
      report.ownerRef.replace(/[:/]/g, '-'),
      toCsv(LINE_COLUMNS, [...report.paid, ...report.consumers]),
    );
  });

  router.get('/chargeback/mesh', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const report = await chargeback.mesh(req.query, credentials);
    if (!wantsCsv(req)) {
      res.json(report);
      return;
    }
    sendCsv(
      res,
      'mesh',
      toCsv(
        [
          'payerAppId',
          'currency',
          'storage',
          'partitions',
          'production',
          'consumption',
          'total',
          'producedBytes',
          'consumedBytes',
        ],
        report.byAppId,
      ),
    );
  });

  addAccessRoutes(router, { httpAuth, ...options.access });
  addPreviewRoutes(router, { httpAuth, preview: options.preview });
  addLagRoutes(router, { httpAuth, lag: options.lag });

  // Bodies are parsed before the OpenAPI router, whose error handler would
  // turn a 413 into a 400.
  const withBodies = express.Router();
  withBodies.use(jsonBodyParser());
  withBodies.use(router);
  return withBodies;
}
