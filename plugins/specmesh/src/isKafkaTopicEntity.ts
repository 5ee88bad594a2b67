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
import { Entity } from '@backstage/catalog-model';
import {
  KAFKA_TOPIC_RESOURCE_TYPE,
  MESHPORT_TOPIC_ANNOTATION,
} from '@meshport/plugin-specmesh-common';

/**
 * Whether the entity is a Resource of type `kafka-topic` that names its topic,
 * that is, whether the SpecMesh topic card has something to show for it.
 *
 * @public
 */
export function isKafkaTopicEntity(entity: Entity): boolean {
  return (
    entity.kind.toLocaleLowerCase('en-US') === 'resource' &&
    entity.spec?.type === KAFKA_TOPIC_RESOURCE_TYPE &&
    Boolean(entity.metadata.annotations?.[MESHPORT_TOPIC_ANNOTATION])
  );
}
