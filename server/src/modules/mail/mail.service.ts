/**
 * E-mail over SMTP (nodemailer), or, without SMTP_URL, each message written
 * as an `.eml` file to `DATA_DIR/mail` so invitations work in a demo.
 *
 * A mail body never holds personal or health content: a short fixed text and
 * a link into Spil, where the reader logs in and access is checked as usual.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { describeError } from '../../common/describe-error';

export interface MailMessage {
  to: string;
  subject: string;
  /** Plain text, without personal or health content. */
  text: string;
}

/** Folder of the embedded default's `.eml` files. */
export function mailFolder(config: Pick<AppConfig, 'DATA_DIR'>): string {
  return join(resolve(config.DATA_DIR), 'mail');
}

@Injectable()
export class MailService implements OnModuleDestroy {
  private readonly logger = new Logger(MailService.name);
  private readonly transport: Transporter;
  private readonly toFiles: boolean;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.toFiles = !config.SMTP_URL;
    this.transport = config.SMTP_URL
      ? createTransport(config.SMTP_URL)
      : createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  /** An absolute link into Spil for a mail body. */
  link(path: string): string {
    return `${this.config.PUBLIC_URL ?? ''}${path}`;
  }

  /** Send one mail. Throws when the SMTP server refuses it; logs no address and no content. */
  async send(message: MailMessage): Promise<void> {
    const info: unknown = await this.transport.sendMail({
      from: this.config.MAIL_FROM,
      to: message.to,
      subject: message.subject,
      text: message.text,
    });
    if (this.toFiles) {
      const dir = mailFolder(this.config);
      await mkdir(dir, { recursive: true });
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID()}.eml`;
      await writeFile(join(dir, name), (info as { message: Buffer }).message, { mode: 0o600 });
    }
  }

  /** Send without waiting; a failure is logged by its kind only. */
  sendQuietly(message: MailMessage, what: string): void {
    this.send(message).catch((e: unknown) =>
      this.logger.error(`Mail (${what}) not sent: ${describeError(e)}`),
    );
  }

  onModuleDestroy(): void {
    this.transport.close();
  }
}
