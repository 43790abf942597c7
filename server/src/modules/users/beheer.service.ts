/**
 * Beheer: wijkteams, organisations and the accounts of professionals. A
 * beheerder manages everything; a coördinator manages the accounts of their
 * own wijkteam (never a beheerder's) and may add organisations. Every change
 * leaves an audit record (purpose `beheer`, ids only).
 */
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource, In, IsNull, Not } from 'typeorm';
import type {
  AccountDto,
  InviteProfessionalRequest,
  InviteProfessionalResponse,
  OrganisationDto,
  PatchAccountRequest,
  StaffRole,
  WijkteamDto,
  WijkteamRequest,
} from '@spil/shared';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { SpilError } from '../../common/errors';
import { AuditService } from '../audit/audit.service';
import { AccountTokenEntity } from '../auth/account-token.entity';
import { AccountService } from '../auth/account.service';
import { AuthService, hashPassword } from '../auth/auth.service';
import { MailService } from '../mail/mail.service';
import { OrganisationEntity, UserEntity, WijkteamEntity } from './user.entity';

const STAFF: StaffRole[] = ['professional', 'coordinator', 'beheerder'];

function isStaffRole(role: string): role is StaffRole {
  return (STAFF as string[]).includes(role);
}

@Injectable()
export class BeheerService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly ds: DataSource,
    private readonly accounts: AccountService,
    private readonly auth: AuthService,
    private readonly mail: MailService,
    private readonly audit: AuditService,
  ) {}

  // --- wijkteams ---------------------------------------------------------

  async wijkteams(actor: UserEntity): Promise<WijkteamDto[]> {
    const repo = this.ds.getRepository(WijkteamEntity);
    const rows =
      actor.systemRole === 'beheerder'
        ? await repo.find({ order: { name: 'ASC' } })
        : await repo.find({ where: { id: actor.wijkteamId ?? IsNull() } });
    return rows.map((w) => ({ id: w.id, name: w.name, wijk: w.wijk }));
  }

  async createWijkteam(actor: UserEntity, body: WijkteamRequest): Promise<WijkteamDto> {
    const repo = this.ds.getRepository(WijkteamEntity);
    if (await repo.exists({ where: { name: body.name } }))
      throw new SpilError('beheer.name_taken', 'name');
    const w = await repo.save(repo.create(body));
    await this.record(actor, 'beheer.wijkteam_created', 'C', { wijkteamId: w.id });
    return { id: w.id, name: w.name, wijk: w.wijk };
  }

  async updateWijkteam(actor: UserEntity, id: string, body: WijkteamRequest): Promise<WijkteamDto> {
    if (actor.systemRole !== 'beheerder' && actor.wijkteamId !== id)
      throw new SpilError('beheer.not_found');
    const repo = this.ds.getRepository(WijkteamEntity);
    if (!(await repo.exists({ where: { id } }))) throw new SpilError('beheer.not_found');
    if (await repo.exists({ where: { name: body.name, id: Not(id) } }))
      throw new SpilError('beheer.name_taken', 'name');
    await repo.update({ id }, body);
    await this.record(actor, 'beheer.wijkteam_updated', 'U', { wijkteamId: id });
    return { id, ...body };
  }

  // --- organisations -----------------------------------------------------

  async organisations(): Promise<OrganisationDto[]> {
    const rows = await this.ds.getRepository(OrganisationEntity).find({ order: { name: 'ASC' } });
    return rows.map((o) => ({ id: o.id, name: o.name }));
  }

  async createOrganisation(actor: UserEntity, name: string): Promise<OrganisationDto> {
    const repo = this.ds.getRepository(OrganisationEntity);
    if (await repo.exists({ where: { name } })) throw new SpilError('beheer.name_taken', 'name');
    const o = await repo.save(repo.create({ name }));
    await this.record(actor, 'beheer.organisation_created', 'C', { organisationId: o.id });
    return { id: o.id, name: o.name };
  }

  async renameOrganisation(actor: UserEntity, id: string, name: string): Promise<OrganisationDto> {
    const repo = this.ds.getRepository(OrganisationEntity);
    const org = await repo.findOne({ where: { id } });
    if (!org) throw new SpilError('beheer.not_found');
    if (await repo.exists({ where: { name, id: Not(id) } }))
      throw new SpilError('beheer.name_taken', 'name');
    await this.ds.transaction(async (em) => {
      await em.getRepository(OrganisationEntity).update({ id }, { name });
      // Accounts name their organisation as text: they follow the new name.
      await em
        .getRepository(UserEntity)
        .update({ organisation: org.name, systemRole: In(STAFF) }, { organisation: name });
    });
    await this.record(actor, 'beheer.organisation_renamed', 'U', { organisationId: id });
    return { id, name };
  }

  // --- accounts ----------------------------------------------------------

  async list(actor: UserEntity): Promise<AccountDto[]> {
    const users = this.ds.getRepository(UserEntity);
    const rows = await users.find({
      where:
        actor.systemRole === 'beheerder'
          ? { systemRole: In(STAFF) }
          : { systemRole: In(STAFF), wijkteamId: actor.wijkteamId ?? IsNull() },
      order: { name: 'ASC' },
    });
    const open = await this.ds.getRepository(AccountTokenEntity).find({
      select: { userId: true },
      where: {
        userId: In(rows.map((r) => r.id)),
        purpose: 'invite',
        usedAt: IsNull(),
      },
    });
    const invited = new Set(open.map((t) => t.userId));
    return rows.map((u) => this.toDto(u, invited.has(u.id) && !u.active));
  }

  /** Create an inactive account and mail a single-use link to choose a password. */
  async invite(
    actor: UserEntity,
    body: InviteProfessionalRequest,
  ): Promise<InviteProfessionalResponse> {
    const wijkteamId = body.wijkteamId ?? actor.wijkteamId;
    if (actor.systemRole !== 'beheerder') {
      if (body.systemRole === 'beheerder') throw new SpilError('auth.forbidden');
      if (!wijkteamId || wijkteamId !== actor.wijkteamId) throw new SpilError('auth.forbidden');
    }
    if (
      wijkteamId &&
      !(await this.ds.getRepository(WijkteamEntity).exists({ where: { id: wijkteamId } }))
    )
      throw new SpilError('beheer.not_found', 'wijkteamId');
    const email = body.email.trim().toLowerCase();
    const users = this.ds.getRepository(UserEntity);
    if (await users.exists({ where: { email } }))
      throw new SpilError('invite.email_taken', 'email');
    const user = await users.save(
      users.create({
        email,
        name: body.name,
        passwordHash: await hashPassword(randomBytes(32).toString('base64url')),
        discipline: body.discipline,
        domain: body.domain,
        organisation: body.organisation,
        systemRole: body.systemRole,
        phone: null,
        expertise: null,
        whenToInvolve: null,
        wijkteamId: wijkteamId ?? null,
        active: false,
      }),
    );
    const expiresAt = await this.sendInvitation(actor, user);
    await this.record(actor, 'beheer.account_invited', 'C', {
      accountId: user.id,
      systemRole: body.systemRole,
      wijkteamId: wijkteamId ?? null,
    });
    return { userId: user.id, expiresAt: expiresAt.toISOString() };
  }

  /**
   * A new invitation link for an account that is not active (the link
   * expired, or the account was deactivated): earlier links stop working;
   * choosing a password with the new one (re)activates the account.
   */
  async inviteAgain(actor: UserEntity, id: string): Promise<InviteProfessionalResponse> {
    const target = await this.managed(actor, id);
    if (target.active) throw new SpilError('beheer.already_active');
    const expiresAt = await this.sendInvitation(actor, target);
    await this.record(actor, 'beheer.account_invited_again', 'C', { accountId: id });
    return { userId: id, expiresAt: expiresAt.toISOString() };
  }

  private async sendInvitation(actor: UserEntity, user: UserEntity): Promise<Date> {
    const hours = this.config.INVITE_TTL_HOURS;
    const { code, expiresAt } = await this.accounts.issueLink(
      user.id,
      'invite',
      actor.id,
      hours * 3600_000,
    );
    this.mail.sendQuietly(
      {
        to: user.email,
        subject: 'Uitnodiging voor Spil',
        text: [
          'Je bent uitgenodigd om Spil te gebruiken, de samenwerkingsomgeving van het sociale wijkteam.',
          '',
          `Kies je wachtwoord via deze link (${hours} uur geldig, één keer te gebruiken):`,
          this.mail.link(`/wachtwoord-instellen#code=${code}`),
          '',
          'Verwachtte je deze uitnodiging niet? Dan kun je deze e-mail negeren.',
        ].join('\n'),
      },
      'invitation',
    );
    return expiresAt;
  }

  async update(actor: UserEntity, id: string, body: PatchAccountRequest): Promise<AccountDto> {
    const target = await this.managed(actor, id);
    if (actor.systemRole !== 'beheerder') {
      if (body.systemRole === 'beheerder') throw new SpilError('auth.forbidden');
      if (body.wijkteamId !== undefined && body.wijkteamId !== actor.wijkteamId)
        throw new SpilError('auth.forbidden');
    }
    if (target.id === actor.id && body.systemRole && body.systemRole !== actor.systemRole)
      throw new SpilError('beheer.own_account');
    const patch: Partial<UserEntity> = {};
    if (body.systemRole) patch.systemRole = body.systemRole;
    if (body.wijkteamId !== undefined) patch.wijkteamId = body.wijkteamId;
    if (Object.keys(patch).length > 0) {
      await this.ds.getRepository(UserEntity).update({ id }, patch);
      // A new role takes effect at the next login: the current sessions end.
      if (patch.systemRole && patch.systemRole !== target.systemRole)
        await this.auth.endSessions(id);
      await this.record(actor, 'beheer.account_updated', 'U', {
        accountId: id,
        ...(patch.systemRole ? { from: target.systemRole, to: patch.systemRole } : {}),
        ...(patch.wijkteamId !== undefined ? { wijkteamId: patch.wijkteamId } : {}),
      });
    }
    return this.toDto(await this.ds.getRepository(UserEntity).findOneByOrFail({ id }), false);
  }

  /** The account stops working now: sessions end and live connections close. Its history stays. */
  async deactivate(actor: UserEntity, id: string): Promise<void> {
    const target = await this.managed(actor, id);
    if (target.id === actor.id) throw new SpilError('beheer.own_account');
    await this.auth.disableUser(id);
    // An open invitation stops working too.
    await this.ds
      .getRepository(AccountTokenEntity)
      .update({ userId: id, usedAt: IsNull() }, { usedAt: new Date() });
    await this.record(actor, 'beheer.account_deactivated', 'U', { accountId: id });
  }

  /** A professional's account the actor may manage; others are "not found". */
  private async managed(actor: UserEntity, id: string): Promise<UserEntity> {
    const target = await this.ds.getRepository(UserEntity).findOne({ where: { id } });
    if (!target || !isStaffRole(target.systemRole)) throw new SpilError('beheer.not_found');
    if (actor.systemRole === 'beheerder') return target;
    if (!actor.wijkteamId || target.wijkteamId !== actor.wijkteamId)
      throw new SpilError('beheer.not_found');
    if (target.systemRole === 'beheerder') throw new SpilError('auth.forbidden');
    return target;
  }

  private toDto(u: UserEntity, invited: boolean): AccountDto {
    return {
      id: u.id,
      email: u.email,
      name: u.name,
      discipline: u.discipline,
      domain: u.domain,
      organisation: u.organisation,
      systemRole: isStaffRole(u.systemRole) ? u.systemRole : 'professional',
      wijkteamId: u.wijkteamId,
      active: u.active,
      invited,
      secondFactor: u.totpEnabled,
    };
  }

  private async record(
    actor: UserEntity,
    event: string,
    action: 'C' | 'U',
    detail: Record<string, unknown>,
  ): Promise<void> {
    await this.audit.record({
      ...(await this.audit.actorOf(actor, null, 'beheer')),
      event,
      action,
      outcome: 'success',
      channel: 'rest',
      householdId: null,
      part: null,
      detail,
    });
  }
}
