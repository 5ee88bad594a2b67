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
  AclBinding,
  DesiredSchema,
  DesiredTopic,
} from '@meshport/plugin-specmesh-common';

/**
 * A schema registry compatibility level.
 *
 * @public
 */
export type CompatibilityLevel =
  | 'NONE'
  | 'BACKWARD'
  | 'BACKWARD_TRANSITIVE'
  | 'FORWARD'
  | 'FORWARD_TRANSITIVE'
  | 'FULL'
  | 'FULL_TRANSITIVE';

/**
 * A topic as it exists on the cluster.
 *
 * @public
 */
export interface LiveTopic {
  name: string;
  partitions: number;
  replicas: number;
  /** Only the dynamic, topic-level configs (those set on the topic, not inherited defaults). */
  configs: Record<string, string>;
}

/**
 * The latest registered version of a subject.
 *
 * @public
 */
export interface LiveSubject {
  subject: string;
  version: number;
  id?: number;
  schemaType: DesiredSchema['schemaType'];
  schema: string;
  /** The compatibility level in force for the subject, as the registry reports it. */
  compatibility?: string;
}

/**
 * What the registry said about a desired schema that differs from the latest
 * registered text of its subject.
 *
 * @public
 */
export interface SchemaCheck {
  /** The version under which the registry already holds this schema, if any. */
  registeredVersion?: number;
  /** The registry's compatibility verdict against the subject's registered versions. */
  compatible?: boolean;
  /** The registry's explanation, when it gives one. */
  messages?: string[];
  /** Why the check could not be made. */
  error?: string;
}

/**
 * A snapshot of what exists for one app-id, taken before planning.
 *
 * @public
 */
export interface LiveState {
  /** Every topic whose name starts with `<app-id>.`. */
  topics: LiveTopic[];
  /**
   * Every binding on a resource named `<app-id>.…` (any principal, any pattern),
   * plus the owner's bindings on the cluster resource.
   */
  acls: AclBinding[];
  /**
   * The bindings outside the namespace (the cluster resource included) of every
   * other principal that holds a binding on it, and of the app-id's default
   * principal `User:<app-id>`. The planner reads them to tell whether a former
   * principal's cluster binding was given for this app-id and serves no other.
   */
  relatedAcls?: AclBinding[];
  /** How many brokers the cluster has; absent when not known. */
  brokerCount?: number;
  /**
   * The desired subjects that exist in the registry; `undefined` when no schema
   * registry is configured or it could not be read.
   */
  subjects?: LiveSubject[];
  /**
   * Why the registry could not be read (no answer, or an error answer): its
   * message. The plan then blocks the schema items, and apply fails them with it,
   * while everything that does not depend on a schema goes ahead.
   */
  registryError?: string;
  /** By subject: the registry's verdict on each desired schema that differs from the latest. */
  schemaChecks?: Record<string, SchemaCheck>;
}

/**
 * The state of a plan item (RULES §5).
 *
 * @public
 */
export type PlanItemState =
  | 'CREATE'
  | 'UPDATE'
  | 'DELETE'
  | 'UNCHANGED'
  | 'BLOCKED';

/**
 * The state of an item after apply (RULES §5).
 *
 * @public
 */
export type ApplyItemState =
  | 'CREATED'
  | 'UPDATED'
  | 'DELETED'
  | 'FAILED'
  | 'UNCHANGED'
  | 'BLOCKED';

/**
 * One difference inside an item. `before` absent means "not set", `after`
 * absent means "reset to the default".
 *
 * @public
 */
export interface PlanChange {
  /** `partitions`, `replicas`, `configs.<name>`, `schema` or `compatibility`. */
  field: string;
  before?: string | number;
  after?: string | number;
  /**
   * This change is not applied (a partition decrease, a replication-factor
   * change): the item is `BLOCKED` and its `reason` says why. Its other changes
   * are applied.
   */
  blocked?: boolean;
}

/**
 * A desired schema with the compatibility level its subject must have.
 *
 * @public
 */
export interface PlannedSchema extends DesiredSchema {
  compatibility: CompatibilityLevel;
}

/**
 * What every plan item has: its kind, state, the value before and after, and why.
 *
 * @public
 */
export interface PlanItemBase<Kind extends string, Value> {
  kind: Kind;
  /** Unique within its kind: the topic name, the subject, or the binding's canonical key. */
  key: string;
  state: PlanItemState;
  /** Why an item is blocked, deleted or left alone. */
  reason?: string;
  before?: Value;
  after?: Value;
  changes?: PlanChange[];
}

/**
 * A topic in a plan.
 *
 * @public
 */
export interface TopicPlanItem
  extends PlanItemBase<'topic', LiveTopic | DesiredTopic> {
  before?: LiveTopic;
  after?: DesiredTopic;
  /** The topic exists in the owner's namespace but not in the spec. */
  unmanaged?: boolean;
}

/**
 * An ACL binding in a plan.
 *
 * @public
 */
export type AclPlanItem = PlanItemBase<'acl', AclBinding>;

/**
 * A schema subject in a plan.
 *
 * @public
 */
export interface SchemaPlanItem
  extends PlanItemBase<'schema', LiveSubject | PlannedSchema> {
  before?: LiveSubject;
  after?: PlannedSchema;
  /**
   * The registry could not be read, so the schema was neither checked nor can be
   * registered: the item is `BLOCKED` in the plan and `FAILED` with this message
   * after apply.
   */
  registryError?: string;
}

/**
 * One item of a plan.
 *
 * @public
 */
export type PlanItem = TopicPlanItem | AclPlanItem | SchemaPlanItem;

/**
 * The desired state of one app-id diffed against the live cluster and registry.
 *
 * @public
 */
export interface Plan {
  appId: string;
  /** Topics, then schemas, then ACL bindings, each sorted by key. */
  items: PlanItem[];
}

/**
 * An item after apply: its planned state, its outcome and, when it failed,
 * the broker's or the registry's message.
 *
 * @public
 */
export type AppliedItem = {
  [Kind in PlanItem['kind']]: Omit<
    Extract<PlanItem, { kind: Kind }>,
    'state'
  > & {
    planned: PlanItemState;
    state: ApplyItemState;
    message?: string;
  };
}[PlanItem['kind']];

/**
 * What apply did, item by item.
 *
 * @public
 */
export interface ApplyResult {
  appId: string;
  items: AppliedItem[];
}

/**
 * Options of {@link planProvisioning}.
 *
 * @public
 */
export interface PlanOptions {
  /** The compatibility level managed subjects get; default `FULL_TRANSITIVE`. */
  compatibility?: CompatibilityLevel;
  /** The cluster's configuration permits deleting topics (default false). */
  allowDeletion?: boolean;
  /** This request asks to delete the unmanaged topics (default false). */
  deleteUnmanaged?: boolean;
  /**
   * App-ids known to exist (for example from the catalog). Those that live inside
   * this app-id's namespace (`acme.shop.orders` inside `acme.shop`) keep their
   * topics and bindings: the planner never reports, revokes or deletes them.
   */
  knownAppIds?: string[];
}
