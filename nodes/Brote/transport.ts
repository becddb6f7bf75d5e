import { profiles } from '../platforms';
import { broteIdentity } from './identity';
import { platformClient } from '../actions/client';

export const broteClient = platformClient(profiles.brote, broteIdentity.credential);
