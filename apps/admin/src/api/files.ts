import type { ApiError } from '@ocop/api-client';
import { session } from '../auth/session';
import { ApiRequestError } from './request';

/**
 * The generated types describe a binary part as a string; the browser sends the File itself. The
 * serializer builds the multipart body, and the browser sets its boundary.
 */
export function multipartBody(parts: Record<string, Blob | string | undefined>): {
  body: { file: string };
  bodySerializer: () => FormData;
} {
  const form = new FormData();
  for (const [name, value] of Object.entries(parts)) {
    if (value !== undefined) form.append(name, value);
  }
  return { body: parts as unknown as { file: string }, bodySerializer: () => form };
}

/**
 * Opens a file the API serves only with the bearer token (a scanned certificate), which a plain
 * link cannot send: fetched here, then shown from a local object URL.
 */
export async function openProtectedFile(path: string): Promise<void> {
  // Opened before the request so that the browser still sees it as the person's click.
  const viewer = window.open('', '_blank');
  try {
    const response = await fetchWithSession(path);
    const blob = await response.blob();
    const url = URL.createObjectURL(blob);
    if (viewer) viewer.location.href = url;
    else window.location.assign(url);
    // Long enough for the new tab to load it; the tab keeps its own copy afterwards.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (error) {
    viewer?.close();
    throw error;
  }
}

export async function fetchWithSession(path: string): Promise<Response> {
  const send = (token: string | null) =>
    fetch(path, { headers: token ? { Authorization: `Bearer ${token}` } : {} }).catch((cause: unknown) => {
      throw new ApiRequestError(0, 'network', [], undefined, { cause });
    });
  const used = session.getAccessToken();
  let response = await send(used);
  if (response.status === 401) {
    const fresh = await session.accessTokenAfterRefusal(used);
    if (fresh) response = await send(fresh);
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as Partial<ApiError> | null;
    throw new ApiRequestError(
      response.status,
      body?.code ?? (response.status >= 500 ? 'internal_error' : 'unknown'),
      body?.fields ?? [],
      body?.requestId,
    );
  }
  return response;
}

/** A file the API serves only with the bearer token, as a Blob (a QR code to preview). */
export async function fetchProtectedBlob(path: string, signal?: AbortSignal): Promise<Blob> {
  signal?.throwIfAborted();
  return (await fetchWithSession(path)).blob();
}

/** A File as base64 without the data-URL prefix, for APIs that take a small file inside JSON. */
export function fileToBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read'));
    reader.readAsDataURL(file);
  });
}

/** A Blob as a data: URL, for an <img> that needs no object URL to revoke later. */
export function blobToDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read'));
    reader.readAsDataURL(blob);
  });
}
