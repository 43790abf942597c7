import { Controller, Get } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { In, Repository } from 'typeorm';
import { z } from 'zod';
import { UserDto } from '@spil/shared';
import { ApiZodResponse } from '../../common/zod';
import { Auth, Roles } from '../auth/auth.guard';
import { toUserDto } from '../auth/auth.service';
import type { AuthContext } from '../auth/auth.types';
import { UserEntity } from './user.entity';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(@InjectRepository(UserEntity) private readonly users: Repository<UserEntity>) {}

  @Get()
  @Roles('coordinator', 'professional')
  @ApiOperation({
    summary: 'Active professionals of the caller’s wijkteam, to add to a casus team',
  })
  @ApiZodResponse(200, z.array(UserDto))
  async list(@Auth() auth: AuthContext): Promise<UserDto[]> {
    if (!auth.user.wijkteamId) return [];
    const rows = await this.users.find({
      where: {
        wijkteamId: auth.user.wijkteamId,
        active: true,
        systemRole: In(['professional', 'coordinator']),
      },
      order: { name: 'ASC' },
    });
    return rows.map(toUserDto);
  }
}
