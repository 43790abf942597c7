import { OidcModule } from './modules/oidc/oidc.module';
import { MailModule } from './modules/mail/mail.module';
import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from './config/config';
import { CommonModule } from './common/common.module';
import {
  type DatabaseTarget,
  dataSourceOptions,
  initializeDataSource,
} from './database/data-source';
import { AuthModule } from './modules/auth/auth.module';
import { AUTH_SECRET } from './modules/auth/auth.service';
import { HealthModule } from './modules/health/health.module';
import { Lifecycle } from './modules/health/lifecycle';
import { MetricsModule } from './modules/metrics/metrics.module';
import { HouseholdsModule } from './modules/households/households.module';
import { UsersModule } from './modules/users/users.module';
import { EventsModule } from './events/events.module';
import { CollabModule } from './collab/collab.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { RegieModule } from './modules/regie/regie.module';
import { ReadModelModule } from './read-model/read-model.module';
import { InvitationsModule } from './modules/invitations/invitations.module';
import { PlanActionsModule } from './plan-actions/plan-actions.module';
import { ProcesModule } from './modules/proces/proces.module';
import { KpiModule } from './modules/kpi/kpi.module';
import { FhirModule } from './reports/fhir/fhir.module';
import { AuditModule } from './modules/audit/audit.module';
import { HardeningModule } from './modules/hardening/hardening.module';
import { PrivacyModule } from './modules/privacy/privacy.module';
import { AuditBridgeModule } from './audit-bridge/audit-bridge.module';
import { ConsentModule } from './modules/consent/consent.module';
import { CollaborationEvaluationsModule } from './modules/collaboration-evaluations/collaboration-evaluations.module';
import { OrchestrationModule } from './orchestration/orchestration.module';
import { MeetingsModule } from './modules/meetings/meetings.module';
import { HouseholdVoiceModule } from './household-voice/household-voice.module';
import { VoorzieningenModule } from './modules/voorzieningen/voorzieningen.module';

export interface AppModuleOptions {
  config: AppConfig;
  database: DatabaseTarget;
  authSecret: string;
  /** Where this instance is in its life (readiness): migrated, draining. */
  lifecycle: Lifecycle;
}

@Module({})
export class AppModule {
  static forRoot(opts: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => dataSourceOptions(opts.database),
          // Migrations under a lock across instances, before any module uses the database.
          dataSourceFactory: async (options) => {
            const ds = await initializeDataSource(new DataSource(options!), opts.database);
            opts.lifecycle.migrated = true;
            return ds;
          },
        }),
        CommonModule,
        AuditModule,
        HardeningModule,
        MailModule,
        AuthModule,
        OidcModule,
        UsersModule,
        HouseholdsModule,
        HealthModule,
        MetricsModule,
        EventsModule,
        CollabModule,
        NotificationsModule,
        RegieModule,
        ReadModelModule,
        InvitationsModule,
        PlanActionsModule,
        ProcesModule,
        KpiModule,
        FhirModule,
        ConsentModule,
        CollaborationEvaluationsModule,
        OrchestrationModule,
        MeetingsModule,
        PrivacyModule,
        AuditBridgeModule,
        HouseholdVoiceModule,
        VoorzieningenModule,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: opts.config },
        { provide: AUTH_SECRET, useValue: opts.authSecret },
        { provide: Lifecycle, useValue: opts.lifecycle },
      ],
      exports: [APP_CONFIG, AUTH_SECRET, Lifecycle],
    };
  }
}
