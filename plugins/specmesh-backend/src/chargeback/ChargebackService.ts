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
  AuthService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  MESHPORT_APP_ID_ANNOTATION,
  ownerAppIdOfTopic,
  specmeshChargebackReadPermission,
} from '@meshport/plugin-specmesh-common';
import type {
  ChargebackStore,
  UnattributedGroupTotal,
} from '../database/ChargebackStore';
import type { DataProductCatalog } from '../provisioning/DataProductCatalog';
import { dataProductAppId } from '../service/dataProductAppId';
import { visibleEntityRefs } from '../service/visibleEntityRefs';
import { DailyCostRow, dayOf } from './dailyRollups';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DEFAULT_RANGE_DAYS = 30;
const MILLISECONDS_PER_DAY = 86_400_000;

/** An inclusive range of UTC days, `YYYY-MM-DD`. */
export interface DayRange {
  from: string;
  to: string;
}

/** A sum of money in one currency (several when the price list's currency changed). */
export interface MoneyTotal {
  currency: string;
  amount: number;
}

export interface DayCategoryTotal extends MoneyTotal {
  day: string;
  category: DailyCostRow['category'];
}

/** What some data products pay, and what others pay to consume their topics. */
export interface AppIdsChargeback extends DayRange {
  /** What the data products pay in total. */
  totals: MoneyTotal[];
  /** What they pay, by day and category. */
  byDay: DayCategoryTotal[];
  /** Everything they pay for: their topics' storage, partitions and production, and what they consume. */
  paid: DailyCostRow[];
  /** Consumption of their topics that others pay for (payer null: an unattributed group). */
  consumers: DailyCostRow[];
}

export interface EntityChargeback extends AppIdsChargeback {
  entityRef: string;
  appId: string;
}

export interface OwnerChargeback extends AppIdsChargeback {
  ownerRef: string;
  appIds: string[];
}

export interface TopicChargeback extends DayRange {
  topic: string;
  totals: MoneyTotal[];
  lines: DailyCostRow[];
}

/** One payer's bill over the range; payer null for unattributed groups. */
export interface PayerBill {
  payerAppId: string | null;
  currency: string;
  storage: number;
  partitions: number;
  production: number;
  consumption: number;
  total: number;
  producedBytes: number;
  consumedBytes: number;
}

export interface MeshChargeback extends DayRange {
  totals: MoneyTotal[];
  byAppId: PayerBill[];
  unattributedGroups: UnattributedGroupTotal[];
}

/**
 * Chargeback reports for the HTTP API, read from the daily rollups. Readable by whoever
 * `specmesh.chargeback.read` allows (by default every signed-in user); entities are read
 * with the caller's credentials, so one they may not see is not found.
 */
export class ChargebackService {
  constructor(
    private readonly options: {
      store: ChargebackStore;
      catalog: CatalogService;
      dataProducts: Pick<DataProductCatalog, 'entities'>;
      permissions: PermissionsService;
      auth: AuthService;
      now?: () => Date;
    },
  ) {}

  async entity(
    ref: { kind: string; namespace: string; name: string },
    query: { from?: string; to?: string },
    credentials: BackstageCredentials,
  ): Promise<EntityChargeback> {
    await this.authorize(credentials);
    const range = this.rangeOf(query);
    const entityRef = stringifyEntityRef(ref);
    const appId = await dataProductAppId(
      this.options.catalog,
      entityRef,
      credentials,
    );
    return { entityRef, appId, ...(await this.ofAppIds([appId], range)) };
  }

  async owner(
    ownerRef: string,
    query: { from?: string; to?: string },
    credentials: BackstageCredentials,
  ): Promise<OwnerChargeback> {
    await this.authorize(credentials);
    const range = this.rangeOf(query);
    const owner = normalizedOwnerRef(ownerRef, 'default');
    const owned = new Map<string, string>(); // entity ref → app-id
    for await (const entity of this.options.dataProducts.entities()) {
      const appId = entity.metadata.annotations?.[MESHPORT_APP_ID_ANNOTATION];
      if (appId && ownerOf(entity) === owner) {
        owned.set(stringifyEntityRef(entity), appId);
      }
    }
    // Only the data products the caller may see in the catalog count.
    const visible = await visibleEntityRefs(
      this.options.catalog,
      owned.keys(),
      credentials,
    );
    const sorted = [
      ...new Set(
        [...owned].filter(([ref]) => visible.has(ref)).map(([, id]) => id),
      ),
    ].sort();
    return {
      ownerRef: owner,
      appIds: sorted,
      ...(await this.ofAppIds(sorted, range)),
    };
  }

  async topic(
    topic: string,
    query: { from?: string; to?: string },
    credentials: BackstageCredentials,
  ): Promise<TopicChargeback> {
    await this.authorize(credentials);
    const range = this.rangeOf(query);
    await this.requireVisibleOwner(topic, credentials);
    const lines = await this.options.store.dailyRows({ ...range, topic });
    return { topic, ...range, totals: totalsOf(lines), lines };
  }

  async mesh(
    query: { from?: string; to?: string },
    credentials: BackstageCredentials,
  ): Promise<MeshChargeback> {
    await this.authorize(credentials);
    const range = this.rangeOf(query);
    const [payerTotals, unattributedGroups] = await Promise.all([
      this.options.store.totalsByPayer(range.from, range.to),
      this.options.store.unattributedGroups(range.from, range.to),
    ]);
    const bills = new Map<string, PayerBill>();
    for (const row of payerTotals) {
      const key = `${row.payerAppId ?? ''}\u0000${row.currency}`;
      const bill = bills.get(key) ?? {
        payerAppId: row.payerAppId,
        currency: row.currency,
        storage: 0,
        partitions: 0,
        production: 0,
        consumption: 0,
        total: 0,
        producedBytes: 0,
        consumedBytes: 0,
      };
      bill[row.category] += row.amount;
      bill.total += row.amount;
      if (row.category === 'production') bill.producedBytes += row.bytes;
      if (row.category === 'consumption') bill.consumedBytes += row.bytes;
      bills.set(key, bill);
    }
    const byAppId = [...bills.values()].sort((a, b) => b.total - a.total);
    return {
      ...range,
      totals: totalsOf(byAppId.map(b => ({ ...b, amount: b.total }))),
      byAppId,
      unattributedGroups,
    };
  }

  private async ofAppIds(
    appIds: string[],
    range: DayRange,
  ): Promise<AppIdsChargeback> {
    const paying = new Set(appIds);
    const rows = appIds.length
      ? await this.options.store.dailyRows({ ...range, appIds })
      : [];
    const paid = rows.filter(
      row => row.payerAppId !== null && paying.has(row.payerAppId),
    );
    const consumers = rows.filter(
      row => row.payerAppId === null || !paying.has(row.payerAppId),
    );
    const byDay = new Map<string, DayCategoryTotal>();
    for (const row of paid) {
      const key = `${row.day}\u0000${row.category}\u0000${row.currency}`;
      const total = byDay.get(key) ?? {
        day: row.day,
        category: row.category,
        currency: row.currency,
        amount: 0,
      };
      total.amount += row.amount;
      byDay.set(key, total);
    }
    return {
      ...range,
      totals: totalsOf(paid),
      byDay: [...byDay.values()],
      paid,
      consumers,
    };
  }

  /**
   * A topic's costs are its data product's: the caller must be able to see a
   * data product whose app-id owns the topic (the mesh report covers the rest).
   */
  private async requireVisibleOwner(
    topic: string,
    credentials: BackstageCredentials,
  ): Promise<void> {
    const appId = ownerAppIdOfTopic(topic);
    const owners: string[] = [];
    if (appId) {
      for await (const entity of this.options.dataProducts.entities()) {
        if (
          entity.metadata.annotations?.[MESHPORT_APP_ID_ANNOTATION] === appId
        ) {
          owners.push(stringifyEntityRef(entity));
        }
      }
    }
    const visible = await visibleEntityRefs(
      this.options.catalog,
      owners,
      credentials,
    );
    if (visible.size === 0) {
      throw new NotFoundError(
        `No data product you may see in the catalog owns topic ${topic}`,
      );
    }
  }

  private async authorize(credentials: BackstageCredentials): Promise<void> {
    const [decision] = await this.options.permissions.authorize(
      [{ permission: specmeshChargebackReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Reading chargeback needs the permission ${specmeshChargebackReadPermission.name}`,
      );
    }
  }

  /** The requested days; by default the last 30 days up to today. */
  private rangeOf(query: { from?: string; to?: string }): DayRange {
    const now = (this.options.now?.() ?? new Date()).getTime();
    const to = query.to ?? dayOf(now);
    const from =
      query.from ??
      dayOf(Date.parse(to) - (DEFAULT_RANGE_DAYS - 1) * MILLISECONDS_PER_DAY);
    for (const [name, day] of [
      ['from', from],
      ['to', to],
    ]) {
      if (!DAY.test(day) || Number.isNaN(Date.parse(day))) {
        throw new InputError(
          `Invalid ${name} '${day}': use a UTC day as YYYY-MM-DD, for example 2025-06-01`,
        );
      }
    }
    if (from > to) {
      throw new InputError(
        `Invalid range: from ${from} is after to ${to}; give the earlier day as from`,
      );
    }
    return { from, to };
  }
}

function totalsOf(lines: Array<{ currency: string; amount: number }>) {
  const totals = new Map<string, number>();
  for (const { currency, amount } of lines) {
    totals.set(currency, (totals.get(currency) ?? 0) + amount);
  }
  return [...totals].map(([currency, amount]) => ({ currency, amount }));
}

/** An owner reference, full and lower-case: `team-a` is `group:default/team-a`. */
function normalizedOwnerRef(ref: string, namespace: string): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, {
        defaultKind: 'group',
        defaultNamespace: namespace,
      }),
    ).toLocaleLowerCase('en-US');
  } catch {
    throw new InputError(
      `Invalid owner reference '${ref}': use an entity reference such as group:default/team-a`,
    );
  }
}

function ownerOf(entity: Entity): string | undefined {
  const relation = entity.relations?.find(r => r.type === RELATION_OWNED_BY);
  if (relation) return relation.targetRef.toLocaleLowerCase('en-US');
  const owner = (entity.spec as { owner?: unknown } | undefined)?.owner;
  if (typeof owner !== 'string') return undefined;
  try {
    return normalizedOwnerRef(owner, entity.metadata.namespace ?? 'default');
  } catch {
    // The catalog reports the entity's bad owner; it simply belongs to no owner here.
    return undefined;
  }
}
