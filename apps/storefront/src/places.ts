import { useQuery } from '@tanstack/react-query';
import { api } from './api/client';
import { unwrap } from './api/request';
import { isString, storedValue } from './storage';

const collator = new Intl.Collator('vi');
const withoutKind = (name: string) => name.replace(/^Thành phố\s+/, '');

/**
 * The official list, alphabetical for a picker: the API gives it in the order of the official
 * codes, and "Thành phố Hà Nội" is looked for under H, not T. It changes by decree, not while a
 * page is open.
 */
export function useProvinces() {
  return useQuery({
    queryKey: ['provinces'],
    queryFn: async ({ signal }) => {
      const provinces = await unwrap(api.GET('/api/provinces', { signal }));
      return [...provinces].sort((a, b) => collator.compare(withoutKind(a.name), withoutKind(b.name)));
    },
    staleTime: Infinity,
  });
}

export function useCommunes(provinceCode: string | null) {
  return useQuery({
    queryKey: ['communes', provinceCode ?? '', ''],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/communes', { params: { query: { province: provinceCode ?? '' } }, signal })),
    enabled: provinceCode !== null,
    staleTime: Infinity,
  });
}

/**
 * Where the buyer last said the goods go, so the cart quotes shipping to the same province the
 * checkout will use. Null until they choose; the pages then start from the home province.
 */
export const shippingProvince = storedValue<string | null>(
  'ocop.shipTo',
  null,
  (value): value is string | null => value === null || (isString(value) && /^\d{2}$/.test(value)),
);
