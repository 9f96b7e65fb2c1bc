/**
 * Downloads from the relay's HTTP API for staff widgets: the token goes in the `Authorization`
 * header, never in a URL (URLs end up in logs, history and Referer headers), and the answer is
 * saved through a Blob link, which is the one way a page saves a fetched file in every browser.
 */

/** `ws(s)://HOST/live` → `http(s)://HOST`: where the relay of a socket URL answers HTTP. */
export function relayHttpOrigin(socketUrl: string): string {
  const url = new URL(socketUrl);
  url.protocol = url.protocol === 'wss:' ? 'https:' : 'http:';
  return url.origin;
}

/** The file name the relay gave (`Content-Disposition`), if it is a plain one. */
function fileNameOf(response: Response, fallback: string): string {
  const match = /filename="([\w.-]{1,128})"/.exec(
    response.headers.get('content-disposition') ?? '',
  );
  return match ? match[1] : fallback;
}

export class DownloadError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Fetches `url` with `token` and saves the body as a file. Resolves with the file once the
 * browser was asked to save it; rejects with a `DownloadError` carrying the relay's reason.
 */
export async function download(url: string, token: string, fallbackName: string): Promise<File> {
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${token}` },
    cache: 'no-store',
    credentials: 'omit',
  });
  if (!response.ok) {
    let reason = response.statusText;
    try {
      // The API's errors are `{error: {code, message}}`.
      const { error } = (await response.json()) as { error?: { message?: unknown } };
      if (typeof error?.message === 'string') reason = error.message.slice(0, 200);
    } catch {
      // not JSON: the status says enough
    }
    throw new DownloadError(response.status, reason);
  }
  const blob = await response.blob();
  const file = new File([blob], fileNameOf(response, fallbackName), { type: blob.type });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(file);
  link.download = file.name;
  link.rel = 'noopener';
  link.click();
  // The click has started the download; the URL is only needed until then.
  setTimeout(() => URL.revokeObjectURL(link.href), 0);
  return file;
}
