import type { Role } from '@ocop/shared';

export interface DemoAccount {
  role: Role;
  email: string;
  phone: string;
  fullName: string;
  password: string;
  /** What the role is for, shown in the start-up banner. */
  description: string;
}

/** Demo data only: these passwords are public, printed on start, and never used outside the demo. */
export const DEMO_ORGANISATION_NAME = 'Hợp tác xã Nông sản Đông Kinh';

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    role: 'platform_admin',
    email: 'quantri@ocop.demo',
    phone: '0901000001',
    fullName: 'Quản trị nền tảng',
    password: 'quantri-2026',
    description: 'platform admin',
  },
  {
    role: 'province_officer',
    email: 'canbo@ocop.demo',
    phone: '0901000002',
    fullName: 'Hoàng Văn Minh (Sở Công Thương)',
    password: 'canbo-2026',
    description: 'province officer',
  },
  {
    role: 'seller_member',
    email: 'htx@ocop.demo',
    phone: '0901000003',
    fullName: 'Lăng Thị Hoa',
    password: 'htx-dongkinh-2026',
    description: `seller member of ${DEMO_ORGANISATION_NAME}`,
  },
  {
    role: 'buyer',
    email: 'khach@ocop.demo',
    phone: '0901000004',
    fullName: 'Nguyễn Thu Trang',
    password: 'khachhang-2026',
    description: 'buyer',
  },
];
