import { Injectable } from '@nestjs/common';

/** Reports Redis when an instance uses it; replaced by the cluster module when REDIS_URL is set. */
@Injectable()
export class RedisHealth {
  private probe: (() => Promise<boolean>) | null = null;

  register(probe: () => Promise<boolean>): void {
    this.probe = probe;
  }

  async check(): Promise<'up' | 'down' | undefined> {
    if (!this.probe) return undefined;
    return (await this.probe().catch(() => false)) ? 'up' : 'down';
  }
}
