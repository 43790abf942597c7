import { Global, Module } from '@nestjs/common';
import { MailService } from './mail.service';
import { NotificationMailService } from './notification-mail.service';

/** E-mail: the transport, and notifications by e-mail for people who are not online. */
@Global()
@Module({
  providers: [MailService, NotificationMailService],
  exports: [MailService, NotificationMailService],
})
export class MailModule {}
