import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ActivateRequest, InviteRequest, InviteResponse } from '@spil/shared';
import { DomainEvents } from '../../common/domain-events';
import { SpilError } from '../../common/errors';
import { hashPassword } from '../auth/auth.service';
import { HouseholdAccessPolicy } from '../households/household-access.policy';
import { TeamMembershipEntity } from '../households/household.entity';
import { HouseholdsRepository } from '../households/households.repository';
import { MailService } from '../mail/mail.service';
import { UserEntity } from '../users/user.entity';
import { InvitationEntity } from './invitation.entity';

const VALID_DAYS = 14;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * The household's own accounts. The regiehouder (or coördinator) invites the
 * inwoner and, with the inwoner's consent, naasten; the inwoner may invite a
 * naaste themselves. Each account is tied to that one household and starts
 * inactive until the person sets a password with the single-use code.
 */
@Injectable()
export class InvitationsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly policy: HouseholdAccessPolicy,
    private readonly households: HouseholdsRepository,
    private readonly events: DomainEvents,
    private readonly mail: MailService,
  ) {}

  async invite(
    inviter: UserEntity,
    householdId: string,
    body: InviteRequest,
  ): Promise<InviteResponse> {
    const access = await this.policy.access(inviter, householdId);
    if (!access) throw new SpilError('household.not_found');
    const isInwoner = access.teamRole === 'inwoner';
    const mayInvite = isInwoner
      ? body.role === 'naaste'
      : await this.policy.canManageTeam(inviter, householdId);
    if (!mayInvite) throw new SpilError('auth.forbidden');
    if (body.role === 'naaste' && !isInwoner && body.inwonerToestemming !== true) {
      throw new SpilError('invite.needs_consent', 'inwonerToestemming');
    }
    const household = await this.households.findById(householdId);
    const email = body.email.trim().toLowerCase();
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + VALID_DAYS * 86400_000);
    const passwordHash = await hashPassword(randomBytes(32).toString('base64url'));
    const { invitation, user } = await this.ds.transaction(async (em) => {
      if (await em.getRepository(UserEntity).exists({ where: { email } }))
        throw new SpilError('invite.email_taken', 'email');
      const users = em.getRepository(UserEntity);
      const user = await users.save(
        users.create({
          email,
          name: body.name,
          passwordHash,
          discipline: body.role,
          domain: null,
          organisation: body.relation
            ? `${household?.displayName ?? ''} (${body.relation})`
            : (household?.displayName ?? ''),
          systemRole: body.role,
          phone: null,
          expertise: null,
          whenToInvolve: null,
          wijkteamId: null,
          active: false,
        }),
      );
      const memberships = em.getRepository(TeamMembershipEntity);
      await memberships.save(
        memberships.create({
          householdId,
          userId: user.id,
          role: body.role,
          since: new Date(),
          endedAt: null,
        }),
      );
      const invitations = em.getRepository(InvitationEntity);
      const invitation = await invitations.save(
        invitations.create({
          householdId,
          userId: user.id,
          role: body.role,
          tokenHash: sha256(token),
          invitedBy: inviter.id,
          inwonerToestemming: isInwoner || body.inwonerToestemming === true,
          expiresAt,
          usedAt: null,
        }),
      );
      return { invitation, user };
    });
    this.events.publish('team.changed', { householdId });
    // The link only: no household name, nothing about the person.
    this.mail.sendQuietly(
      {
        to: email,
        subject: 'Uitnodiging voor Spil',
        text: [
          'Je bent uitgenodigd om mee te kijken in Spil, het plan dat je samen met het wijkteam maakt.',
          '',
          `Kies je wachtwoord via deze link (${VALID_DAYS} dagen geldig, één keer te gebruiken):`,
          this.mail.link(`/activeren#code=${token}`),
        ].join('\n'),
      },
      'household-invitation',
    );
    return {
      invitationId: invitation.id,
      userId: user.id,
      activationPath: `/activeren#code=${token}`,
      expiresAt: expiresAt.toISOString(),
    };
  }

  /** Set the password with the single-use code; the account becomes active. */
  async activate(body: ActivateRequest): Promise<{ email: string }> {
    const passwordHash = await hashPassword(body.password);
    return this.ds.transaction(async (em) => {
      const invitation = await em
        .getRepository(InvitationEntity)
        .createQueryBuilder('i')
        .setLock('pessimistic_write')
        .where('i.token_hash = :h', { h: sha256(body.token) })
        .getOne();
      if (!invitation || invitation.usedAt || invitation.expiresAt.getTime() < Date.now()) {
        throw new SpilError('invite.invalid_token', 'token');
      }
      await em
        .getRepository(InvitationEntity)
        .update({ id: invitation.id }, { usedAt: new Date() });
      await em
        .getRepository(UserEntity)
        .update({ id: invitation.userId }, { passwordHash, active: true });
      const user = await em.getRepository(UserEntity).findOneByOrFail({ id: invitation.userId });
      return { email: user.email };
    });
  }
}
