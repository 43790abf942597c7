import { Global, Module } from '@nestjs/common';
import { EventsBroadcaster } from './events.broadcaster';
import { EventsGateway } from './events.gateway';

@Global()
@Module({ providers: [EventsGateway, EventsBroadcaster], exports: [EventsBroadcaster] })
export class EventsModule {}
