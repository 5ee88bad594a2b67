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
import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Applying a spec's desired state (topics, ACLs, schemas) to the cluster on
 * behalf of a catalog entity.
 *
 * @public
 */
export const specmeshEntityProvisionPermission = createPermission({
  name: 'specmesh.entity.provision',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});

/**
 * Reading chargeback: usage and cost of data products, topics, owners and the
 * whole mesh. Not tied to a resource, so that a policy can open it to every
 * signed-in user (the default) or keep it to, say, a finance group.
 *
 * @public
 */
export const specmeshChargebackReadPermission = createPermission({
  name: 'specmesh.chargeback.read',
  attributes: { action: 'read' },
});

/**
 * Asking for READ on another data product's topic for a data product's app-id.
 * Checked against the requesting data product: by default its owners (members
 * of its owner group) may ask for it, as they may provision it.
 *
 * @public
 */
export const specmeshAccessRequestPermission = createPermission({
  name: 'specmesh.access.request',
  attributes: { action: 'create' },
  resourceType: 'catalog-entity',
});

/**
 * Approving or denying access to a data product's topics, and revoking it.
 * Checked against the owning data product: by default its owners decide.
 *
 * @public
 */
export const specmeshAccessDecidePermission = createPermission({
  name: 'specmesh.access.decide',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});

/**
 * Reading a topic's last messages in the portal (the message preview).
 * Checked against the topic's own catalog entity (its `kafka-topic`
 * Resource): by default its owners may, and any signed-in user for `_public`
 * topics when `specmesh.preview.publicTopics` is true. Whatever a policy
 * says, the backend shows `_private` topics to their owners only.
 *
 * @public
 */
export const specmeshTopicPreviewPermission = createPermission({
  name: 'specmesh.topic.preview',
  attributes: { action: 'read' },
  resourceType: 'catalog-entity',
});

/**
 * Every permission the SpecMesh plugins define.
 *
 * @public
 */
export const specmeshPermissions = [
  specmeshEntityProvisionPermission,
  specmeshChargebackReadPermission,
  specmeshAccessRequestPermission,
  specmeshAccessDecidePermission,
  specmeshTopicPreviewPermission,
];
