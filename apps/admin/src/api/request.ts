// One definition of an API failure for both apps, in the API client package.
export { ApiRequestError, isRetryable, unwrap } from '@ocop/api-client';
