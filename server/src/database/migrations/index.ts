/** Every migration, in order. Add new ones at the end. */
import { Initial1764000000000 } from './1764000000000-initial';

export const MIGRATIONS = [Initial1764000000000];
