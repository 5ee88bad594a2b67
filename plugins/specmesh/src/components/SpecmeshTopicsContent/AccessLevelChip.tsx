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
import Chip from '@material-ui/core/Chip';
import LockIcon from '@material-ui/icons/Lock';
import LockOpenIcon from '@material-ui/icons/LockOpen';
import GroupIcon from '@material-ui/icons/Group';
import { AccessLevel } from '@meshport/plugin-specmesh-common';

const icons: Record<AccessLevel, JSX.Element> = {
  public: <LockOpenIcon />,
  protected: <GroupIcon />,
  private: <LockIcon />,
};

/** A topic's access level: who besides its owner may read it. */
export const AccessLevelChip = (props: { access: AccessLevel }) => (
  <Chip
    size="small"
    variant="outlined"
    icon={icons[props.access]}
    label={props.access}
  />
);
