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
import type { DesiredState } from '@meshport/plugin-specmesh-common';

/**
 * The desired state as `meshport desired --json` prints it: the contract of the
 * shared test vectors. Schema texts, file refs, roles and grants are internal to
 * the provisioner (the subject already says key or value; the ACLs carry the
 * grants), so they are left out.
 */
export function desiredStateJson(state: DesiredState): object {
  return {
    appId: state.appId,
    principal: state.principal,
    topics: state.topics,
    acls: state.acls,
    schemas: state.schemas.map(({ subject, schemaType, topic }) => ({
      subject,
      schemaType,
      topic,
    })),
    dependencies: state.dependencies,
  };
}
