import { Controller, Get, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { LoginRequest, LoginResponse, UserDto } from '@spil/shared';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { ApiZodBody, ApiZodResponse, ZodBody } from '../../common/zod';
import { Auth, Public, SecondStep } from './auth.guard';
import { AuthService, toUserDto } from './auth.service';
import { type AuthContext, SESSION_COOKIE } from './auth.types';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in; sets the httpOnly session cookie and returns a bearer token' })
  @ApiZodBody(LoginRequest)
  @ApiZodResponse(200, LoginResponse)
  async login(
    @ZodBody(LoginRequest) body: LoginRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LoginResponse> {
    const result = await this.auth.login(body.email, body.password);
    res.cookie(SESSION_COOKIE, result.accessToken, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.COOKIE_SECURE,
      path: '/',
      expires: new Date(result.expiresAt),
    });
    return result;
  }

  @SecondStep()
  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'End this session; its token and live connections stop working at once',
  })
  async logout(
    @Auth() auth: AuthContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    await this.auth.logout(auth);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The logged-in user' })
  @ApiZodResponse(200, UserDto)
  me(@Auth() auth: AuthContext): UserDto {
    return toUserDto(auth.user);
  }
}
