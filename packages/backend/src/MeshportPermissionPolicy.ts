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

import { UserInfoService } from '@backstage/backend-plugin-api';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  MESHPORT_ACCESS_LABEL,
  specmeshAccessDecidePermission,
  specmeshAccessRequestPermission,
  specmeshEntityProvisionPermission,
  specmeshTopicPreviewPermission,
} from '@meshport/plugin-specmesh-common';

// Owners provision their data products, ask for access on their behalf and
// decide who reads their topics.
const OWNER_PERMISSIONS = [
  specmeshEntityProvisionPermission,
  specmeshAccessRequestPermission,
  specmeshAccessDecidePermission,
];

/**
 * The demo portal's policy: administrators may do everything; anyone else may
 * provision only the data products they own, preview the messages of the
 * topics they own (and of `_public` topics when `previewPublicTopics`), and
 * read everything.
 */
export class MeshportPermissionPolicy implements PermissionPolicy {
  private readonly adminRefs: Set<string>;
  private readonly userInfo: UserInfoService;
  private readonly previewPublicTopics: boolean;

  constructor(options: {
    adminGroups: string[];
    userInfo: UserInfoService;
    /** `specmesh.preview.publicTopics`: any signed-in user previews `_public` topics. */
    previewPublicTopics?: boolean;
  }) {
    this.adminRefs = new Set(options.adminGroups.map(normalizeRef));
    this.userInfo = options.userInfo;
    this.previewPublicTopics = options.previewPublicTopics ?? false;
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const ownershipRefs = user ? await this.ownershipRefsOf(user) : [];
    if (ownershipRefs.some(ref => this.adminRefs.has(normalizeRef(ref)))) {
      return { result: AuthorizeResult.ALLOW };
    }

    const permission = request.permission;
    const ownerPermission = OWNER_PERMISSIONS.find(p =>
      isPermission(permission, p),
    );
    if (ownerPermission) {
      if (!user) {
        return { result: AuthorizeResult.DENY };
      }
      return createCatalogConditionalDecision(
        ownerPermission,
        catalogConditions.isEntityOwner({ claims: ownershipRefs }),
      );
    }

    if (isPermission(permission, specmeshTopicPreviewPermission)) {
      if (!user) {
        return { result: AuthorizeResult.DENY };
      }
      // Checked against the topic's own entity, owned by its data product's owner group.
      const owner = catalogConditions.isEntityOwner({ claims: ownershipRefs });
      return createCatalogConditionalDecision(
        permission,
        this.previewPublicTopics
          ? {
              anyOf: [
                owner,
                catalogConditions.hasLabel({
                  label: MESHPORT_ACCESS_LABEL,
                  value: 'public',
                }),
              ],
            }
          : owner,
      );
    }

    return { result: AuthorizeResult.ALLOW };
  }

  private async ownershipRefsOf(user: PolicyQueryUser): Promise<string[]> {
    const info = await this.userInfo.getUserInfo(user.credentials);
    return info.ownershipEntityRefs;
  }
}

// Entity refs compare case-insensitively, as the catalog does.
function normalizeRef(ref: string): string {
  return ref.toLocaleLowerCase('en-US');
}
