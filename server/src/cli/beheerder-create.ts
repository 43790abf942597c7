/**
 * `pnpm beheerder:create --email naam@gemeente.nl --name "Naam" [--organisation "Gemeente"]`:
 * the first beheerder. Runs the migrations, makes an inactive account and
 * prints a single-use link (valid INVITE_TTL_HOURS) to choose a password;
 * with SMTP_URL the link is also mailed. With the embedded database, stop
 * the server first (one process owns the data folder).
 */
import 'reflect-metadata';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseConfig } from '../config/config';
import { openDataSource } from '../database/data-source';
import { startEmbeddedPostgres } from '../database/embedded-postgres';
import { MailService } from '../modules/mail/mail.service';
import { createBeheerder } from '../modules/users/first-beheerder';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      organisation: { type: 'string', default: 'Gemeente' },
    },
  });
  if (!values.email || !values.name)
    throw new Error('Gebruik: pnpm beheerder:create --email naam@gemeente.nl --name "Naam"');
  const config = parseConfig();
  const embedded = config.DATABASE_URL
    ? null
    : await startEmbeddedPostgres(join(resolve(config.DATA_DIR), 'pg'));
  const ds = await openDataSource({
    url: config.DATABASE_URL ?? (embedded?.url as string),
    embedded: !!embedded,
  });
  try {
    const { code, expiresAt } = await createBeheerder(
      ds,
      { email: values.email, name: values.name, organisation: values.organisation ?? 'Gemeente' },
      config.INVITE_TTL_HOURS,
    );
    config.PUBLIC_URL ??= `http://localhost:${config.PORT}`;
    const mail = new MailService(config);
    const link = mail.link(`/wachtwoord-instellen#code=${code}`);
    await mail.send({
      to: values.email,
      subject: 'Uitnodiging voor Spil (beheerder)',
      text: `Je bent beheerder van Spil. Kies je wachtwoord via deze link (één keer te gebruiken):\n${link}`,
    });
    mail.onModuleDestroy();
    console.log(
      `Beheerder aangemaakt. Link om een wachtwoord te kiezen (geldig tot ${expiresAt.toISOString()}):\n${link}`,
    );
  } finally {
    await ds.destroy();
    await embedded?.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
