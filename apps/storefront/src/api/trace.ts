import { api } from './client';
import { unwrap } from './request';

/**
 * Batch summaries from the traceability API. The API lets shared caches keep them for a minute;
 * the same here, so moving between pages does not ask again.
 */
const TRACE_STALE_MS = 60_000;

export const RECENT_BATCH_COUNT = 6;

export function productTraceQuery(slug: string) {
  return {
    queryKey: ['trace', 'product', slug],
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      unwrap(api.GET('/api/trace/products/{slug}/current', { params: { path: { slug } }, signal })),
    staleTime: TRACE_STALE_MS,
  } as const;
}

export const recentBatchesQuery = {
  queryKey: ['trace', 'recent', RECENT_BATCH_COUNT],
  queryFn: ({ signal }: { signal: AbortSignal }) =>
    unwrap(api.GET('/api/trace/batches/recent', { params: { query: { limit: RECENT_BATCH_COUNT } }, signal })),
  staleTime: TRACE_STALE_MS,
} as const;
