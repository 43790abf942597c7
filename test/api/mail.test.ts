import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../server/src/config/config';
import { mailFolder, MailService } from '../../server/src/modules/mail/mail.service';
import { startSmtp, type TestSmtp } from '../support/smtp';

describe('mail', () => {
  let smtp: TestSmtp;
  beforeAll(async () => {
    smtp = await startSmtp();
  });
  afterAll(async () => smtp?.close());

  it('sends over SMTP to a real server, from MAIL_FROM, with the link intact', async () => {
    const config = parseConfig({
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Spil Test <spil@gemeente.test>',
      PUBLIC_URL: 'https://spil.gemeente.test/',
    });
    const mail = new MailService(config);
    const link = mail.link(`/wachtwoord-instellen#code=${'x'.repeat(60)}`);
    expect(link).toBe(`https://spil.gemeente.test/wachtwoord-instellen#code=${'x'.repeat(60)}`);
    await mail.send({ to: 'collega@example.test', subject: 'Uitnodiging', text: `Open ${link}` });
    const got = await smtp.next('collega@example.test');
    expect(got.from).toBe('spil@gemeente.test');
    expect(got.subject).toBe('Uitnodiging');
    expect(got.text).toContain(link);
    mail.onModuleDestroy();
  });

  it('without SMTP_URL writes each mail as an .eml file to DATA_DIR/mail', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spil-mail-'));
    const config = parseConfig({ DATA_DIR: dir });
    const mail = new MailService(config);
    await mail.send({ to: 'a@example.test', subject: 'Een', text: 'Open http://x/1' });
    await mail.send({ to: 'b@example.test', subject: 'Twee', text: 'Open http://x/2' });
    const files = readdirSync(mailFolder(config)).filter((f) => f.endsWith('.eml'));
    expect(files).toHaveLength(2);
    const texts = files.map((f) => readFileSync(join(mailFolder(config), f), 'utf8'));
    expect(texts.some((t) => t.includes('To: b@example.test') && t.includes('Subject: Twee'))).toBe(
      true,
    );
    mail.onModuleDestroy();
  });
});
