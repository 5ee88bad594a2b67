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
import { InfoCard } from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemSecondaryAction from '@material-ui/core/ListItemSecondaryAction';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import {
  AccessLevel,
  DesiredState,
  PrincipalMap,
  principalOf,
} from '@meshport/plugin-specmesh-common';
import { allowsOnTopic } from './topicAccess';
import { OwnDataProduct } from './useAccessRequests';

export const PRIVATE_NEVER_SHARED =
  'Private data is never shared: no one outside its data product may read it.';

/** The user's data products that may ask to read `topic`: not its owner, not already readers. */
export function candidatesFor(
  topic: string,
  state: DesiredState,
  own: OwnDataProduct[],
  principals: PrincipalMap = {},
): OwnDataProduct[] {
  return own.filter(
    product =>
      product.appId !== state.appId &&
      !state.acls.some(
        binding =>
          binding.principal === principalOf(product.appId, principals) &&
          allowsOnTopic(binding, topic, 'READ'),
      ),
  );
}

/** Whether a topic at this level can be asked for at all (RULES §3: private never). */
export function requestable(access: AccessLevel | undefined): boolean {
  return access !== 'private' && access !== 'public';
}

/**
 * On the owner's page, for a visitor who owns other data products: this data
 * product's topics, each with a way to ask for read access, or why not.
 */
export const RequestAccessCard = (props: {
  state: DesiredState;
  own: OwnDataProduct[];
  principals?: PrincipalMap;
  onRequest: (topic: string, candidates: OwnDataProduct[]) => void;
}) => {
  const { state, own, principals } = props;
  return (
    <InfoCard title="Read these topics from your data products">
      <List dense>
        {state.topics.map(topic => {
          const candidates = candidatesFor(topic.name, state, own, principals);
          let action;
          let secondary: string;
          if (topic.access === 'private') {
            secondary = PRIVATE_NEVER_SHARED;
          } else if (topic.access === 'public') {
            secondary =
              'Public: every data product may read it, no request needed.';
          } else if (candidates.length === 0) {
            secondary = 'Your data products may read it already.';
          } else {
            secondary = `${topic.access}: the owners decide who reads it.`;
            action = (
              <Button
                size="small"
                color="primary"
                variant="outlined"
                aria-label={`Request access to ${topic.name}`}
                onClick={() => props.onRequest(topic.name, candidates)}
              >
                Request access
              </Button>
            );
          }
          return (
            <ListItem key={topic.name}>
              <ListItemText primary={topic.name} secondary={secondary} />
              {action && (
                <ListItemSecondaryAction>{action}</ListItemSecondaryAction>
              )}
            </ListItem>
          );
        })}
      </List>
      {state.topics.length === 0 && (
        <Typography variant="body2">The spec declares no topics.</Typography>
      )}
    </InfoCard>
  );
};
