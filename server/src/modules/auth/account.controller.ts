import { Controller, Get, HttpCode, Post, Put, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { z } from 'zod';
import {
  AccountSettingsDto,
  AccountSettingsRequest,
  ChangePasswordRequest,
  PasswordResetRequest,
  PasswordResetResponse,
  RecoveryCodesDto,
  SecondFactorStatusDto,
  SetPasswordRequest,
  TotpCodeRequest,
  TotpEnrolmentDto,
} from '@spil/shared';
import { ApiZodBody, ApiZodResponse, ZodBody } from '../../common/zod';
import { AccountService } from './account.service';
import { Auth, Public, SecondStep } from './auth.guard';
import { AuthService } from './auth.service';
import type { AuthContext } from './auth.types';
import { SecondFactorService } from './second-factor.service';

@ApiTags('auth')
@Controller('auth')
export class AccountController {
  constructor(
    private readonly account: AccountService,
    private readonly auth: AuthService,
    private readonly secondFactor: SecondFactorService,
  ) {}

  @Public()
  @Post('password-reset')
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Ask for a password-reset link by e-mail. The answer is the same for a known and an unknown address; rate-limited per address and per client',
  })
  @ApiZodBody(PasswordResetRequest)
  @ApiZodResponse(202, PasswordResetResponse)
  async requestReset(
    @ZodBody(PasswordResetRequest) body: PasswordResetRequest,
    @Req() req: Request,
  ): Promise<PasswordResetResponse> {
    return { message: await this.account.requestReset(body.email, req.ip ?? null) };
  }

  @Public()
  @Post('wachtwoord-instellen')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Set a password with the single-use code of an invitation or reset e-mail',
  })
  @ApiZodBody(SetPasswordRequest)
  @ApiZodResponse(200, z.object({ email: z.string() }))
  setPassword(@ZodBody(SetPasswordRequest) body: SetPasswordRequest): Promise<{ email: string }> {
    return this.account.setPassword(body.token, body.password);
  }

  @Post('password')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Change the own password; every other session ends' })
  @ApiZodBody(ChangePasswordRequest)
  async changePassword(
    @Auth() auth: AuthContext,
    @ZodBody(ChangePasswordRequest) body: ChangePasswordRequest,
  ): Promise<void> {
    await this.account.changePassword(auth, body.currentPassword, body.newPassword);
  }

  @Get('settings')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Own notification settings and second factor' })
  @ApiZodResponse(200, AccountSettingsDto)
  async settings(@Auth() auth: AuthContext): Promise<AccountSettingsDto> {
    return {
      notifyMode: auth.user.notifyMode,
      secondFactor: auth.user.totpEnabled,
      secondFactorRequired: this.auth.secondFactorRequired(auth.user),
      recoveryCodesLeft: await this.secondFactor.recoveryCodesLeft(auth.user.id),
    };
  }

  @Put('settings')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Choose how notifications reach you by e-mail: direct, dagelijks, uit' })
  @ApiZodBody(AccountSettingsRequest)
  async putSettings(
    @Auth() auth: AuthContext,
    @ZodBody(AccountSettingsRequest) body: AccountSettingsRequest,
  ): Promise<void> {
    await this.account.setNotifyMode(auth, body.notifyMode);
  }

  @SecondStep()
  @Get('second-factor')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'What the login still needs: none, enrol (an authenticator app) or code',
  })
  @ApiZodResponse(200, SecondFactorStatusDto)
  status(@Auth() auth: AuthContext): SecondFactorStatusDto {
    return { needed: this.secondFactor.status(auth) };
  }

  @SecondStep()
  @Post('second-factor/enrol')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Start enrolling an authenticator app: a new secret and its QR code' })
  @ApiZodResponse(200, TotpEnrolmentDto)
  enrol(@Auth() auth: AuthContext): Promise<TotpEnrolmentDto> {
    return this.secondFactor.startEnrolment(auth);
  }

  @SecondStep()
  @Post('second-factor/confirm')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Confirm enrolment with a first code; returns ten single-use recovery codes (shown once) and completes the login',
  })
  @ApiZodBody(TotpCodeRequest)
  @ApiZodResponse(200, RecoveryCodesDto)
  async confirm(
    @Auth() auth: AuthContext,
    @ZodBody(TotpCodeRequest) body: TotpCodeRequest,
  ): Promise<RecoveryCodesDto> {
    return { recoveryCodes: await this.secondFactor.confirmEnrolment(auth, body.code) };
  }

  @Post('second-factor/disable')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Turn the own second factor off with a current code from the app (not when REQUIRE_2FA asks it of you: 409)',
  })
  @ApiZodBody(TotpCodeRequest)
  async disable(
    @Auth() auth: AuthContext,
    @ZodBody(TotpCodeRequest) body: TotpCodeRequest,
  ): Promise<void> {
    await this.secondFactor.disable(auth, body.code);
  }

  @Post('second-factor/recovery-codes')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Ten new recovery codes (shown once) for a current code from the app; the old ones stop working',
  })
  @ApiZodBody(TotpCodeRequest)
  @ApiZodResponse(200, RecoveryCodesDto)
  async renewRecoveryCodes(
    @Auth() auth: AuthContext,
    @ZodBody(TotpCodeRequest) body: TotpCodeRequest,
  ): Promise<RecoveryCodesDto> {
    return { recoveryCodes: await this.secondFactor.renewRecoveryCodes(auth, body.code) };
  }

  @SecondStep()
  @Post('second-factor/verify')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The second step: a code from the app or a recovery code' })
  @ApiZodBody(TotpCodeRequest)
  async verify(
    @Auth() auth: AuthContext,
    @ZodBody(TotpCodeRequest) body: TotpCodeRequest,
  ): Promise<void> {
    await this.secondFactor.verify(auth, body.code);
  }
}
