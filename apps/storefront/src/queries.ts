import { useQuery } from '@tanstack/react-query';
import { api } from './api/client';
import { unwrap } from './api/request';

export const platformQuery = {
  queryKey: ['platform'],
  queryFn: ({ signal }: { signal: AbortSignal }) => unwrap(api.GET('/api/platform', { signal })),
  // The home province is configuration: it does not change while a page is open.
  staleTime: Infinity,
} as const;

export function usePlatform() {
  return useQuery(platformQuery);
}
