/** Who an account is. A seller member always belongs to exactly one organisation. */
export const ROLES = ['buyer', 'seller_member', 'province_officer', 'platform_admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
