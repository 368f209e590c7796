import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ComplaintStatus } from './complaint.entity.js';

/** One line of a complaint's history. Written with the change, never updated. */
@Entity({ name: 'complaint_status_changes' })
export class ComplaintStatusChange {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'complaint_id', type: 'uuid' })
  complaintId: string;

  @Column({ name: 'from_status', type: 'text', nullable: true })
  fromStatus: ComplaintStatus | null;

  @Column({ name: 'to_status', type: 'text' })
  toStatus: ComplaintStatus;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
