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
import type {
  AuditorService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  kafkaConnectionOf,
  readTopicTail,
} from '@meshport/plugin-specmesh-node';
import { TopicOwners } from '../access/TopicOwners';
import type { DataProductReader } from '../service/DataProductReader';
import { MessagePreviewService } from './MessagePreviewService';
import { readPreviewSettings } from './previewConfig';
import { PreviewDecoding } from './PreviewDecoding';

/** The message preview as the plugin runs it: the real cluster and registry. */
export function createMessagePreview(deps: {
  config: Config;
  catalog: CatalogService;
  dataProducts: DataProductReader;
  permissions: PermissionsService;
  userInfo: UserInfoService;
  auditor: AuditorService;
}): MessagePreviewService {
  return new MessagePreviewService({
    owners: new TopicOwners({
      catalog: deps.catalog,
      dataProducts: deps.dataProducts,
    }),
    dataProducts: deps.dataProducts,
    catalog: deps.catalog,
    permissions: deps.permissions,
    userInfo: deps.userInfo,
    auditor: deps.auditor,
    settings: readPreviewSettings(deps.config),
    read: (cluster, request) =>
      readTopicTail(kafkaConnectionOf(cluster), request),
    decoding: new PreviewDecoding(),
  });
}
