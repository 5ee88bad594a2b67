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
import type { AccessLevel } from '@meshport/plugin-specmesh-common';

/** What decides whether a data product may read a topic today. */
export interface ReadVerdictInput {
  ownerAppId: string;
  readerAppId: string;
  access: AccessLevel;
  /** The app-ids (or `_public`) the owner's spec grants read access to the topic. */
  grantees: readonly string[];
  /**
   * For a reader the spec grants: whether the cluster's ACL carries the grant;
   * null when the cluster could not be read.
   */
  aclLive?: boolean | null;
}

/** Whether the reader may read, and why, in words a consumer can act on. */
export interface ReadVerdict {
  canRead: boolean;
  reason: string;
}

/**
 * RULES §3 applied to one reader: the owner reads everything it owns; every
 * authenticated principal reads `_public`; `_protected` (and level-less)
 * topics only the grantees whose ACL is in place; `_private` only the owner.
 */
export function readVerdict(input: ReadVerdictInput): ReadVerdict {
  const { ownerAppId, readerAppId, access, grantees } = input;
  if (readerAppId === ownerAppId) {
    return {
      canRead: true,
      reason: `${readerAppId} owns this topic: the owner reads every topic under '${ownerAppId}.'`,
    };
  }
  if (access === 'public') {
    return {
      canRead: true,
      reason: `Public topic: every authenticated principal may read it, ${readerAppId} included`,
    };
  }
  if (access === 'private') {
    return {
      canRead: false,
      reason: `Private topic: only ${ownerAppId} reads it. Private data is never shared (RULES §3), so it cannot be granted or requested`,
    };
  }
  let tag: string | undefined;
  if (grantees.includes(readerAppId)) tag = `grant-access:${readerAppId}`;
  else if (grantees.includes('_public')) tag = 'grant-access:_public';
  if (!tag) {
    return {
      canRead: false,
      reason: `Not granted: ${ownerAppId}'s spec does not grant ${readerAppId} read access to this protected topic, so its reads are refused. Ask the owner for access (the grant is the tag grant-access:${readerAppId} in their spec)`,
    };
  }
  if (input.aclLive === true) {
    return {
      canRead: true,
      reason: `Granted: ${ownerAppId}'s spec carries ${tag} and the cluster's ACL is in place`,
    };
  }
  if (input.aclLive === false) {
    return {
      canRead: false,
      reason: `Granted in the spec (${tag}), not yet applied: the cluster has no READ ACL for it yet, so reads are refused until the owner's spec is applied (by the owner or the reconcile)`,
    };
  }
  return {
    canRead: false,
    reason: `Granted in the spec (${tag}), but whether the cluster's ACL is in place could not be checked: the cluster did not answer`,
  };
}
