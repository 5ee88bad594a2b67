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

import {
  KubernetesValidatorFunctions,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

const APP_ID_PREFIX = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

/**
 * Who owns the data products under an app-id prefix, and which system they
 * belong to.
 *
 * @public
 */
export interface OwnershipRule {
  /**
   * Whole dot-separated segments of an app-id: `acme.lifestyle` matches
   * `acme.lifestyle` and `acme.lifestyle.onboarding`, not `acme.lifestyles`.
   */
  appIdPrefix: string;
  /** An entity ref; the kind defaults to `group` and the namespace to `default`. */
  owner?: string;
  /** A System entity ref; the namespace defaults to `default`. */
  system?: string;
}

/**
 * The owner and system an AsyncAPI entity ends up with.
 *
 * @public
 */
export interface Ownership {
  owner: string;
  system?: string;
}

/**
 * Decides the owner and system of a data product from its app-id.
 *
 * @remarks
 *
 * Precedence, for the owner and the system separately: what the entity
 * declares (`spec.owner`, `spec.system`) wins; else the rule with the longest
 * matching `appIdPrefix` that sets it; else the owner is
 * `group:default/<app-id>` and there is no system.
 *
 * @public
 */
export class OwnershipRules {
  // Longest prefix first, so the first match is the most specific.
  private readonly rules: OwnershipRule[];

  /**
   * @param rules - the rules, checked here
   * @param source - where the rules come from, named in errors (a config key)
   */
  constructor(rules: OwnershipRule[], source = 'ownership') {
    const seen = new Set<string>();
    this.rules = rules
      .map((rule, index) => {
        const normalized = normalizeRule(rule, `${source}[${index}]`);
        if (seen.has(normalized.appIdPrefix)) {
          throw new InputError(
            `${source}[${index}].appIdPrefix: '${normalized.appIdPrefix}' has a rule already; merge the two rules into one`,
          );
        }
        seen.add(normalized.appIdPrefix);
        return normalized;
      })
      .sort((a, b) => b.appIdPrefix.length - a.appIdPrefix.length);
  }

  resolve(
    appId: string,
    declared: { owner?: unknown; system?: unknown } = {},
  ): Ownership {
    const matching = this.rules.filter(
      rule =>
        appId === rule.appIdPrefix || appId.startsWith(`${rule.appIdPrefix}.`),
    );
    const owner =
      nonBlank(declared.owner) ??
      matching.find(rule => rule.owner)?.owner ??
      `group:default/${appId}`;
    const system =
      nonBlank(declared.system) ?? matching.find(rule => rule.system)?.system;
    return system === undefined ? { owner } : { owner, system };
  }
}

function normalizeRule(rule: OwnershipRule, where: string): OwnershipRule {
  const { appIdPrefix, owner, system } = rule;
  if (typeof appIdPrefix !== 'string' || !APP_ID_PREFIX.test(appIdPrefix)) {
    throw new InputError(
      `${where}.appIdPrefix: '${appIdPrefix}' is not an app-id prefix; write whole app-id segments ([A-Za-z0-9_-]) joined by single dots, such as acme.lifestyle`,
    );
  }
  if (owner === undefined && system === undefined) {
    throw new InputError(
      `${where}: the rule for '${appIdPrefix}' sets neither owner nor system; add an owner such as group:default/lifestyle, or remove the rule`,
    );
  }
  return {
    appIdPrefix,
    ...(owner !== undefined && {
      owner: normalizeRef(owner, 'group', `${where}.owner`),
    }),
    ...(system !== undefined && {
      system: normalizeRef(system, 'system', `${where}.system`),
    }),
  };
}

function normalizeRef(ref: string, defaultKind: string, where: string) {
  const notARef = (why: string) =>
    new InputError(
      `${where}: '${ref}' is not an entity ref (${why}); write [<kind>:][<namespace>/]<name>, such as ${defaultKind}:default/lifestyle`,
    );
  let parsed;
  try {
    parsed = parseEntityRef(ref, { defaultKind, defaultNamespace: 'default' });
  } catch (error) {
    throw notARef((error as Error).message);
  }
  if (!KubernetesValidatorFunctions.isValidNamespace(parsed.namespace)) {
    throw notARef(`'${parsed.namespace}' is no valid namespace`);
  }
  if (!KubernetesValidatorFunctions.isValidObjectName(parsed.name)) {
    throw notARef(`'${parsed.name}' is no valid entity name`);
  }
  if (
    defaultKind === 'system' &&
    parsed.kind.toLocaleLowerCase('en-US') !== 'system'
  ) {
    throw new InputError(
      `${where}: '${ref}' is a ${parsed.kind}, not a System; name a System entity, such as system:default/lifestyle`,
    );
  }
  return stringifyEntityRef(parsed);
}

function nonBlank(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}
