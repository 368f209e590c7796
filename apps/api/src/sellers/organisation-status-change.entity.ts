import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { OrganisationStatus } from './organisation.entity.js';

/** One line of an organisation's status history. Written with the change, never updated. */
@Entity({ name: 'organisation_status_changes' })
export class OrganisationStatusChange {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'from_status', type: 'text', nullable: true })
  fromStatus: OrganisationStatus | null;

  @Column({ name: 'to_status', type: 'text' })
  toStatus: OrganisationStatus;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
