import { profiles } from '../platforms';
import { platformClient } from '../shared/client';

export const BROTE_CREDENTIAL = 'broteApi';

export const broteClient = platformClient(profiles.brote, BROTE_CREDENTIAL);
