import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InvitationsController } from './invitations.controller.js';
import { MembersService } from './members.service.js';
import { MyOrganisationController } from './my-organisation.controller.js';
import { Organisation } from './organisation.entity.js';
import { OrganisationInvitation } from './organisation-invitation.entity.js';
import { OrganisationStatusChange } from './organisation-status-change.entity.js';
import { OrganisationsController } from './organisations.controller.js';
import { OrganisationsService } from './organisations.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Organisation, OrganisationStatusChange, OrganisationInvitation])],
  // MyOrganisationController first: its static path `organisations/mine` must win over `organisations/:id`.
  controllers: [MyOrganisationController, OrganisationsController, InvitationsController],
  providers: [OrganisationsService, MembersService],
  exports: [OrganisationsService],
})
export class SellersModule {}
