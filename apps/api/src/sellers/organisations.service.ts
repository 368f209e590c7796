import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { DomainError } from '../core/http/domain-error.js';
import type { AuthenticatedUser } from '../identity/authenticated-user.js';
import type { OrganisationDto } from './dto/organisation.dto.js';
import { Organisation } from './organisation.entity.js';

function toDto(organisation: Organisation): OrganisationDto {
  return { id: organisation.id, name: organisation.name, createdAt: organisation.createdAt.toISOString() };
}

@Injectable()
export class OrganisationsService {
  constructor(@InjectRepository(Organisation) private readonly organisations: Repository<Organisation>) {}

  async listAll(): Promise<OrganisationDto[]> {
    return (await this.organisations.find({ order: { name: 'ASC' } })).map(toDto);
  }

  /** The caller's own organisation; the id always comes from the token, never from the request. */
  async getOwn(caller: AuthenticatedUser): Promise<OrganisationDto> {
    const organisation = caller.organisationId
      ? await this.organisations.findOneBy({ id: caller.organisationId })
      : null;
    if (!organisation) throw new DomainError('organisation_not_found', 'You do not belong to an organisation', HttpStatus.NOT_FOUND);
    return toDto(organisation);
  }
}
