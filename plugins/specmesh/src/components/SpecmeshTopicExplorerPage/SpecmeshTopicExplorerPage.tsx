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
import { Content, Header, Page } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { registerSpecRouteRef } from '../../routes';
import { TopicExplorer } from './TopicExplorer';

/** What the page is about, under its title. */
export const TOPIC_EXPLORER_SUBTITLE =
  'Every topic of the data mesh: who owns it, who may read it, and whether the cluster matches its spec';

/**
 * The topic explorer as a page of the legacy frontend system.
 *
 * @public
 */
export const SpecmeshTopicExplorerPage = () => {
  const registerSpec = useRouteRef(registerSpecRouteRef);
  return (
    <Page themeId="tool">
      <Header title="Kafka topics" subtitle={TOPIC_EXPLORER_SUBTITLE} />
      <Content>
        <TopicExplorer registerSpecLink={registerSpec?.()} />
      </Content>
    </Page>
  );
};
