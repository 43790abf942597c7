/**
 * Starting Spil: resolve the database (embedded unless DATABASE_URL is set),
 * the signing secret, build the Nest app with its HTTP, socket.io and collab
 * endpoints on one port, load demo data when asked, and listen. Used by
 * `main.ts` and by every test that needs a real server.
 */
import 'reflect-metadata';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { type INestApplication, Logger, RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { type AppConfig, parseConfig } from './config/config';
import { correlationId } from './common/correlation';
import { logLevels, SpilLogger } from './common/logging';
import { SpilExceptionFilter } from './common/errors';
import { type EmbeddedPostgres, startEmbeddedPostgres } from './database/embedded-postgres';
import { serveBackups } from './database/backup';
import { loadDemoData } from './seed/demo-data';
import { serveClient } from './common/serve-client';
import { joinCluster } from './cluster/cluster';
import { ClientAddress } from './modules/hardening/client-address';
import { Lifecycle } from './modules/health/lifecycle';
import { EventsBroadcaster } from './events/events.broadcaster';
import { AuditService } from './modules/audit/audit.service';
import {
  addMetricSources,
  collectProcessMetrics,
  httpMetrics,
  type PoolLike,
} from './modules/metrics/metrics';

export interface SpilInstance {
  app: INestApplication;
  config: AppConfig;
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  port: number;
  lifecycle: Lifecycle;
  /** Graceful stop: stores every open document, closes connections and the database. */
  close(): Promise<void>;
  /**
   * The stop for SIGTERM: readiness fails at once, then after
   * SHUTDOWN_DELAY_SECONDS (the load balancer has noticed) `close()`.
   */
  drain(): Promise<void>;
}

/** The signing secret: from AUTH_SECRET, or generated once and kept in the data folder. */
function authSecret(config: AppConfig): string {
  if (config.AUTH_SECRET) return config.AUTH_SECRET;
  const dir = resolve(config.DATA_DIR);
  const file = join(dir, 'auth-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export interface StartOptions {
  /** Environment to parse; defaults to process.env. */
  env?: Record<string, string | undefined>;
  /** Embedded database in memory instead of DATA_DIR (tests). */
  inMemoryDatabase?: boolean;
}

export async function startSpil(opts: StartOptions = {}): Promise<SpilInstance> {
  const config = parseConfig(opts.env ?? process.env);
  const spilLogger = new SpilLogger(
    logLevels(config.LOG_LEVEL),
    config.LOG_FORMAT,
    config.INSTANCE_ID,
  );
  Logger.overrideLogger(spilLogger);
  const logger = new Logger('Spil');
  const lifecycle = new Lifecycle();
  let embedded: EmbeddedPostgres | null = null;
  let backups: { close(): Promise<void> } | null = null;
  if (!config.DATABASE_URL) {
    if (!opts.inMemoryDatabase) {
      // Online backups (`pnpm backup`) through the data folder's socket, which also keeps a second server off it.
      backups = await serveBackups(resolve(config.DATA_DIR), () =>
        embedded ? embedded.backup() : Promise.reject(new Error('not started')),
      );
    }
    try {
      embedded = await startEmbeddedPostgres(
        opts.inMemoryDatabase ? null : join(resolve(config.DATA_DIR), 'pg'),
      );
    } catch (e) {
      await backups?.close();
      throw e;
    }
  }
  const database = {
    url: config.DATABASE_URL ?? (embedded as EmbeddedPostgres).url,
    embedded: !!embedded,
  };
  let app: NestExpressApplication;
  try {
    app = await NestFactory.create<NestExpressApplication>(
      AppModule.forRoot({ config, database, authSecret: authSecret(config), lifecycle }),
      { logger: spilLogger, bodyParser: true },
    );
  } catch (e) {
    await embedded?.stop();
    await backups?.close();
    throw e;
  }
  app.setGlobalPrefix('api', { exclude: [{ path: 'metrics', method: RequestMethod.GET }] });
  app.use(httpMetrics);
  app.use(correlationId);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'connect-src': ["'self'", 'ws:', 'wss:'],
          'img-src': ["'self'", 'data:'],
          'style-src': ["'self'", "'unsafe-inline'"],
        },
      },
    }),
  );
  app.use(cookieParser());
  app.useBodyParser('json', { limit: '256kb' });
  app.useGlobalFilters(new SpilExceptionFilter());
  // TRUST_PROXY, compiled once and shared with the collab and socket.io upgrades (ClientAddress).
  app.set('trust proxy', app.get(ClientAddress).trust);

  const openapi = new DocumentBuilder()
    .setTitle('Spil API')
    .setDescription(
      'Eén huishouden, één plan. REST API of Spil; see docs/ARCHITECTURE.md for the collab and events channels.',
    )
    .setVersion('0.1.0')
    .addBearerAuth()
    .addCookieAuth('spil_session')
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openapi), {
    jsonDocumentUrl: 'api/docs-json',
  });

  const cluster = await joinCluster(app, config);

  collectProcessMetrics();
  const pool = (app.get(DataSource).driver as PostgresDriver).master as PoolLike | undefined;
  const broadcaster = app.get(EventsBroadcaster);
  const audit = app.get(AuditService);
  const removeMetricSources = addMetricSources({
    database: database.embedded ? 'embedded' : 'postgres',
    pool: () => pool ?? null,
    socketConnections: () => broadcaster.connectionCount(),
    auditSpooled: () => audit.spooled,
  });

  const demo = config.DEMO_DATA ?? !config.DATABASE_URL;
  if (demo) {
    const created = await loadDemoData(app.get(DataSource), {
      longPlan: config.DEMO_LONG_PLAN,
    });
    if (created) logger.log('Demo data loaded');
  }
  const clientDist = config.CLIENT_DIST ?? resolve(__dirname, '../../client/dist');
  serveClient(app, clientDist);

  await app.listen(config.PORT, config.HOST);
  const port = (app.getHttpServer().address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  // Links in e-mails and the single sign-on callback; PUBLIC_URL names the address people use.
  config.PUBLIC_URL ??= config.PORT === 0 ? url : `http://localhost:${port}`;
  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      lifecycle.draining = true;
      removeMetricSources();
      await app.close();
      await cluster?.close();
      await embedded?.stop();
      await backups?.close();
    })());
  return {
    app,
    config,
    url,
    port,
    lifecycle,
    close,
    async drain() {
      lifecycle.draining = true;
      const delay = config.SHUTDOWN_DELAY_SECONDS * 1000;
      if (delay > 0) {
        logger.log(`Draining: readiness fails, closing in ${config.SHUTDOWN_DELAY_SECONDS} s`);
        await new Promise((r) => setTimeout(r, delay));
      }
      await close();
    },
  };
}
