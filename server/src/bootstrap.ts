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
import { type INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { type AppConfig, parseConfig } from './config/config';
import { correlationId } from './common/correlation';
import { SpilExceptionFilter } from './common/errors';
import { type EmbeddedPostgres, startEmbeddedPostgres } from './database/embedded-postgres';
import { loadDemoData } from './seed/demo-data';
import { serveClient } from './common/serve-client';
import { joinCluster } from './cluster/cluster';
import { ClientAddress } from './modules/hardening/client-address';

export interface SpilInstance {
  app: INestApplication;
  config: AppConfig;
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  port: number;
  /** Graceful stop: stores every open document, closes connections and the database. */
  close(): Promise<void>;
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
  const logger = new Logger('Spil');
  let embedded: EmbeddedPostgres | null = null;
  if (!config.DATABASE_URL) {
    embedded = await startEmbeddedPostgres(
      opts.inMemoryDatabase ? null : join(resolve(config.DATA_DIR), 'pg'),
    );
  }
  const database = {
    url: config.DATABASE_URL ?? (embedded as EmbeddedPostgres).url,
    embedded: !!embedded,
  };
  let app: NestExpressApplication;
  try {
    app = await NestFactory.create<NestExpressApplication>(
      AppModule.forRoot({ config, database, authSecret: authSecret(config) }),
      { logger: logLevels(config.LOG_LEVEL), bodyParser: true },
    );
  } catch (e) {
    await embedded?.stop();
    throw e;
  }
  app.setGlobalPrefix('api', { exclude: [] });
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

  const demo = config.DEMO_DATA ?? !config.DATABASE_URL;
  if (demo) {
    const created = await loadDemoData(app.get(DataSource));
    if (created) logger.log('Demo data loaded');
  }
  const clientDist = config.CLIENT_DIST ?? resolve(__dirname, '../../client/dist');
  serveClient(app, clientDist);

  await app.listen(config.PORT, config.HOST);
  const port = (app.getHttpServer().address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  let closed = false;
  return {
    app,
    config,
    url,
    port,
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      await cluster?.close();
      await embedded?.stop();
    },
  };
}

function logLevels(level: AppConfig['LOG_LEVEL']): ('error' | 'warn' | 'log' | 'debug')[] {
  const all = ['error', 'warn', 'log', 'debug'] as const;
  return all.slice(0, all.indexOf(level) + 1);
}
