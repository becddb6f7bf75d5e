import { profiles } from '../platforms';
import { broteIdentity } from '../platforms/brote/identity';
import { platformClient } from '../shared/client';

export const broteClient = platformClient(profiles.brote, broteIdentity.credential);
