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
import { Progress } from '@backstage/core-components';
import { backendMessage } from '../SpecmeshAccessContent/backendMessage';
import { ReadersLagList } from './ReadersLagList';
import { useReadersLag } from './useReadersLag';

/** The topic card's lag field: who reads the topic and how far behind. */
export const TopicReadersLagField = (props: {
  dataProductRef: string | undefined;
  topic: string;
}) => {
  const lag = useReadersLag(props.dataProductRef, props.topic);
  if (!props.dataProductRef) return <>unknown without its data product</>;
  if (lag.loading) return <Progress />;
  if (lag.error) return <>lag unavailable: {backendMessage(lag.error)}</>;
  return (
    <ReadersLagList
      readers={lag.value?.byTopic.get(props.topic)}
      collected={Boolean(lag.value?.collectedAt)}
      withHistory
    />
  );
};
