import { foldVietnamese } from '@ocop/shared';

/**
 * Who takes part in training, in the groups the plans count separately: BG counts officials
 * ("cán bộ quản lý nhà nước") apart from enterprise staff, start-up youth and students; the other
 * plans list enterprises, cooperatives, household businesses, officials, students and individuals.
 */
export const PARTICIPANT_TYPES = [
  'enterprise_staff',
  'cooperative_member',
  'household_business',
  'official',
  'student',
  'startup_youth',
  'farmer',
  'individual',
  'other',
] as const;
export type ParticipantType = (typeof PARTICIPANT_TYPES)[number];

export const PARTICIPANT_TYPE_LABELS: Record<ParticipantType, string> = {
  enterprise_staff: 'Doanh nghiệp',
  cooperative_member: 'Hợp tác xã, tổ hợp tác',
  household_business: 'Hộ kinh doanh',
  official: 'Cán bộ quản lý nhà nước',
  student: 'Sinh viên',
  startup_youth: 'Thanh niên khởi nghiệp',
  farmer: 'Nông dân',
  individual: 'Cá nhân, người dân',
  other: 'Khác',
};

/**
 * Words officers actually write in the "Loại học viên" column, folded (no marks, lower case).
 * Longer phrases come first so that "can bo doanh nghiep" is read as enterprise staff, not as an
 * official because it starts with "can bo".
 */
const ALIASES: readonly (readonly [string, ParticipantType])[] = [
  ['can bo doanh nghiep', 'enterprise_staff'],
  ['nhan vien doanh nghiep', 'enterprise_staff'],
  ['nguoi lao dong', 'enterprise_staff'],
  ['doanh nghiep', 'enterprise_staff'],
  ['dn', 'enterprise_staff'],
  ['thanh vien htx', 'cooperative_member'],
  ['thanh vien hop tac xa', 'cooperative_member'],
  ['hop tac xa', 'cooperative_member'],
  ['to hop tac', 'cooperative_member'],
  ['htx', 'cooperative_member'],
  ['ho kinh doanh', 'household_business'],
  ['hkd', 'household_business'],
  ['can bo quan ly nha nuoc', 'official'],
  ['can bo, cong chuc', 'official'],
  ['cong chuc', 'official'],
  ['vien chuc', 'official'],
  ['can bo', 'official'],
  ['cbqlnn', 'official'],
  ['sinh vien nam cuoi', 'student'],
  ['sinh vien', 'student'],
  ['hoc sinh', 'student'],
  ['thanh nien khoi nghiep', 'startup_youth'],
  ['khoi nghiep', 'startup_youth'],
  ['hoi vien nong dan', 'farmer'],
  ['nong dan', 'farmer'],
  ['ho san xuat', 'farmer'],
  ['ca nhan', 'individual'],
  ['nguoi dan', 'individual'],
  ['doan vien thanh nien', 'individual'],
  ['khac', 'other'],
];

/** Accepts a type code (`official`) or a Vietnamese label in any case, with or without marks. */
export function parseParticipantType(raw: string): ParticipantType | null {
  const trimmed = raw.trim();
  if ((PARTICIPANT_TYPES as readonly string[]).includes(trimmed)) return trimmed as ParticipantType;
  const folded = foldVietnamese(trimmed).replace(/\s+/g, ' ');
  if (!folded) return null;
  for (const [label, type] of Object.entries(PARTICIPANT_TYPE_LABELS)) {
    if (foldVietnamese(label) === folded) return type as ParticipantType;
  }
  const exact = ALIASES.find(([alias]) => alias === folded);
  if (exact) return exact[1];
  const prefix = ALIASES.find(([alias]) => alias.length > 3 && folded.startsWith(alias));
  return prefix ? prefix[1] : null;
}
