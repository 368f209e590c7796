import { useQuery } from '@tanstack/react-query';
import { api } from './api/client';
import { unwrap } from './api/request';
import { useAccount } from './auth/useAuth';

export function usePlatform() {
  return useQuery({
    queryKey: ['platform'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/platform', { signal })),
    // The home province is configuration: it does not change while a page is open.
    staleTime: Infinity,
  });
}

/** Communes and wards of the home province, for the address fields of the province's sellers. */
export function useHomeCommunes() {
  const platform = usePlatform();
  const province = platform.data?.homeProvince.code;
  return useQuery({
    queryKey: ['platform', 'communes', province],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/communes', { params: { query: { province: province as string } }, signal })),
    enabled: province !== undefined,
    staleTime: Infinity,
  });
}

export function useCategories() {
  return useQuery({
    queryKey: ['platform', 'categories'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/catalog/categories', { signal })),
    staleTime: 10 * 60_000,
  });
}

/** The signed-in seller's organisation; several seller pages show its status or address. */
export function useMyOrganisation() {
  const account = useAccount();
  return useQuery({
    queryKey: ['seller', account.id, 'organisation'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/organisations/mine', { signal })),
  });
}

/** Query keys of the seller's data, scoped by account so one person's cache never shows for another. */
export const sellerKeys = {
  all: (accountId: string) => ['seller', accountId] as const,
  organisation: (accountId: string) => ['seller', accountId, 'organisation'] as const,
  products: (accountId: string) => ['seller', accountId, 'products'] as const,
  product: (accountId: string, id: string) => ['seller', accountId, 'products', id] as const,
  orders: (accountId: string) => ['seller', accountId, 'orders'] as const,
  order: (accountId: string, id: string) => ['seller', accountId, 'orders', id] as const,
  shippingRule: (accountId: string) => ['seller', accountId, 'shipping-rule'] as const,
  members: (accountId: string) => ['seller', accountId, 'members'] as const,
  invitations: (accountId: string) => ['seller', accountId, 'invitations'] as const,
  invoices: (accountId: string) => ['seller', accountId, 'invoices'] as const,
  invoiceSettings: (accountId: string) => ['seller', accountId, 'invoice-settings'] as const,
};

export const provinceKeys = {
  organisations: (accountId: string) => ['province', accountId, 'organisations'] as const,
  organisation: (accountId: string, id: string) => ['province', accountId, 'organisations', id] as const,
  ocopQueue: (accountId: string) => ['province', accountId, 'ocop'] as const,
  figures: (accountId: string) => ['province', accountId, 'figures'] as const,
  training: (accountId: string) => ['province', accountId, 'training'] as const,
  complaints: (accountId: string) => ['province', accountId, 'complaints'] as const,
};
