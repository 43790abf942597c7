/** Where an instance is in its life, for readiness: schema migrated, draining on the way out. */
export class Lifecycle {
  /** Set once this instance's migrations are done (or there were none to run). */
  migrated = false;
  /** Set first thing on SIGTERM: readiness fails from then on, while connections drain. */
  draining = false;
}
