import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from './config/config';
import { CommonModule } from './common/common.module';
import { type DatabaseTarget, dataSourceOptions } from './database/data-source';
import { AuthModule } from './modules/auth/auth.module';
import { AUTH_SECRET } from './modules/auth/auth.service';
import { HealthModule } from './modules/health/health.module';
import { HouseholdsModule } from './modules/households/households.module';
import { UsersModule } from './modules/users/users.module';
import { EventsModule } from './events/events.module';

export interface AppModuleOptions {
  config: AppConfig;
  database: DatabaseTarget;
  authSecret: string;
}

@Module({})
export class AppModule {
  static forRoot(opts: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        TypeOrmModule.forRoot(dataSourceOptions(opts.database)),
        CommonModule,
        AuthModule,
        UsersModule,
        HouseholdsModule,
        HealthModule,
        EventsModule,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: opts.config },
        { provide: AUTH_SECRET, useValue: opts.authSecret },
      ],
      exports: [APP_CONFIG, AUTH_SECRET],
    };
  }
}
