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
import type { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { AccessRequestRecord } from './types';

const TOPIC = 'specmesh-access-requests';

/** The catalog page of a data product, for the notification's link. */
function entityPage(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/catalog/${encodeURIComponent(namespace)}/${encodeURIComponent(
    kind.toLocaleLowerCase('en-US'),
  )}/${encodeURIComponent(name)}`;
}

/**
 * Tells owners about new requests and requesters about decisions and grants,
 * through Backstage notifications. Best effort: without the notifications
 * backend (the default service then cannot deliver) or on any failure, it logs
 * and the request goes on.
 */
export class AccessNotifier {
  private warned = false;

  constructor(
    private readonly deps: {
      notifications?: NotificationService;
      logger: LoggerService;
    },
  ) {}

  /** To the owning data product: the notifications backend reaches its owner group. */
  async requested(request: AccessRequestRecord) {
    await this.send(request.ownerEntityRef, {
      title: `${request.requesterAppId} asks to read ${request.topic}`,
      description: request.reason,
      link: entityPage(request.ownerEntityRef),
    });
  }

  /** To the requesting data product's owner group. */
  async decided(request: AccessRequestRecord) {
    if (!request.requesterEntityRef) return;
    const verb: Record<string, string> = {
      approved: 'was approved: a change to the spec is proposed',
      'proposal-failed': 'was approved, but no change could be proposed',
      denied: 'was denied',
      granted: 'is granted: the cluster allows the reads',
    };
    await this.send(request.requesterEntityRef, {
      title: `Read access to ${request.topic} for ${request.requesterAppId} ${
        verb[request.state] ?? request.state
      }`,
      description: request.decisionComment,
      link: entityPage(request.requesterEntityRef),
    });
  }

  private async send(
    entityRef: string,
    payload: { title: string; description?: string; link: string },
  ) {
    const { notifications, logger } = this.deps;
    if (!notifications) return;
    try {
      await notifications.send({
        recipients: { type: 'entity', entityRef },
        payload: { ...payload, topic: TOPIC, severity: 'normal' },
      });
    } catch (error) {
      const message = `Could not send an access-request notification to ${entityRef} (is the notifications backend installed?): ${
        (error as Error).message
      }`;
      if (this.warned) {
        logger.debug(message);
      } else {
        this.warned = true;
        logger.warn(message);
      }
    }
  }
}
