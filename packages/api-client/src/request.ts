import { type ApiError, isApiError } from './errors.js';

/** A failed API call: `code` is the API's stable error code, or `network` when no answer came. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly fields: NonNullable<ApiError['fields']> = [],
    readonly requestId?: string,
    options?: ErrorOptions,
  ) {
    super(`API request failed: ${code} (${status})`, options);
    this.name = 'ApiRequestError';
  }
}

interface ClientResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** Resolves to the response body, or throws an `ApiRequestError` the pages can translate. */
export async function unwrap<T>(request: Promise<ClientResult<T>>): Promise<T> {
  let result: ClientResult<T>;
  try {
    result = await request;
  } catch (cause) {
    // A cancelled query must stay an AbortError so that React Query recognises it.
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiRequestError(0, 'network', [], undefined, { cause });
  }
  const { response, error, data } = result;
  if (response.ok) return data as T;
  if (isApiError(error)) throw new ApiRequestError(response.status, error.code, error.fields ?? [], error.requestId);
  throw new ApiRequestError(response.status, response.status >= 500 ? 'internal_error' : 'unknown');
}

/** Retrying only helps when the server did not answer or failed on its side. */
export function isRetryable(error: unknown): boolean {
  return error instanceof ApiRequestError && (error.status === 0 || error.status >= 500);
}
