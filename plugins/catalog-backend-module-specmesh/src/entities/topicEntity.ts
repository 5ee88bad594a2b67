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
  ANNOTATION_SOURCE_LOCATION,
  CompoundEntityRef,
  DEFAULT_NAMESPACE,
  Entity,
} from '@backstage/catalog-model';
import {
  KAFKA_TOPIC_RESOURCE_TYPE,
  MESHPORT_ACCESS_LABEL,
  MESHPORT_APP_ID_ANNOTATION,
  MESHPORT_GRANTEES_ANNOTATION,
  MESHPORT_PARTITIONS_ANNOTATION,
  MESHPORT_REPLICAS_ANNOTATION,
  MESHPORT_SCHEMA_SUBJECTS_ANNOTATION,
  MESHPORT_TOPIC_ANNOTATION,
  MESHPORT_TOPIC_CONFIGS_ANNOTATION,
} from '@meshport/plugin-specmesh-common';
import { entityNameOf } from '../naming/entityNameOf';
import { TopicSummary } from '../processor/summarizeSpec';
import { MESHPORT_API_ANNOTATION } from './topicPartOf';

export { KAFKA_TOPIC_RESOURCE_TYPE };

/**
 * The ref of the Resource entity of a Kafka topic. Topics are cluster-wide,
 * so their entities live in the default namespace whatever namespace their
 * API is in; every spec that reads a topic computes the same ref.
 *
 * @public
 */
export function topicEntityRef(topic: string): CompoundEntityRef {
  return {
    kind: 'Resource',
    namespace: DEFAULT_NAMESPACE,
    name: entityNameOf(topic),
  };
}

/** What a topic entity takes over from the API entity of its spec. */
export interface TopicEntityContext {
  appId: string;
  /** The full ref of the API entity whose spec owns the topic. */
  api: string;
  /** A full entity ref. */
  owner: string;
  /** A full entity ref. */
  system?: string;
  /** The API's `backstage.io/source-location`, if any. */
  sourceLocation?: string;
}

const ACCESS_WORD = {
  public: 'Public',
  protected: 'Protected',
  private: 'Private',
} as const;

/** The Resource entity of one topic a spec owns. */
export function topicEntity(
  topic: TopicSummary,
  context: TopicEntityContext,
): Entity {
  const ref = topicEntityRef(topic.name);
  const annotations: Record<string, string> = {
    [MESHPORT_TOPIC_ANNOTATION]: topic.name,
    [MESHPORT_APP_ID_ANNOTATION]: context.appId,
    // The topic's partOf relation to its API comes from here: see topicPartOf.
    [MESHPORT_API_ANNOTATION]: context.api,
  };
  if (topic.partitions !== null) {
    annotations[MESHPORT_PARTITIONS_ANNOTATION] = String(topic.partitions);
  }
  if (topic.replicas !== null) {
    annotations[MESHPORT_REPLICAS_ANNOTATION] = String(topic.replicas);
  }
  if (Object.keys(topic.configs).length > 0) {
    annotations[MESHPORT_TOPIC_CONFIGS_ANNOTATION] = JSON.stringify(
      topic.configs,
    );
  }
  if (topic.subjects.length > 0) {
    annotations[MESHPORT_SCHEMA_SUBJECTS_ANNOTATION] = topic.subjects.join(',');
  }
  if (topic.grantees.length > 0) {
    annotations[MESHPORT_GRANTEES_ANNOTATION] = topic.grantees.join(',');
  }
  if (context.sourceLocation) {
    annotations[ANNOTATION_SOURCE_LOCATION] = context.sourceLocation;
  }

  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: ref.name,
      namespace: ref.namespace,
      title: topic.name,
      description: `${ACCESS_WORD[topic.access]} Kafka topic of ${
        context.appId
      }.`,
      annotations,
      labels: { [MESHPORT_ACCESS_LABEL]: topic.access },
      tags: ['kafka', topic.access],
    },
    spec: {
      type: KAFKA_TOPIC_RESOURCE_TYPE,
      owner: context.owner,
      ...(context.system && { system: context.system }),
    },
  };
}
