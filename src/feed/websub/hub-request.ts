import { lookup } from 'node:dns/promises';
import net from 'node:net';

export interface HubRequestOptions {
  readonly userAgent: string;
  readonly timeoutMs: number;
  /** SSRF guard (hubs of runtime-added feeds): false for an address the hub may not have. */
  readonly allowAddress?: (ip: string, host: string) => boolean;
}

/** A subscription request a hub did not accept, with a reason a person can read. */
export class HubRequestError extends Error {
  override readonly name = 'HubRequestError';
}

async function checkAddress(url: URL, allow: (ip: string, host: string) => boolean) {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = net.isIP(host) ? [{ address: host }] : await lookup(host, { all: true });
  const blocked = addresses.find((a) => !allow(a.address, host));
  if (blocked)
    throw new HubRequestError(`hub address ${blocked.address} of ${host} is not allowed`);
}

/**
 * Sends a subscription request (WebSub §5.1): a form POST to the hub, which answers 202 Accepted
 * and verifies the intent later at the callback. Throws HubRequestError unless it answered 2xx.
 */
export async function sendHubRequest(
  hub: string,
  params: Readonly<Record<string, string>>,
  options: HubRequestOptions,
): Promise<void> {
  const url = new URL(hub);
  if (options.allowAddress) await checkAddress(url, options.allowAddress);
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'user-agent': options.userAgent,
      },
      body: new URLSearchParams(params).toString(),
      // A redirect could lead past the address check: hubs are asked directly.
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const why = cause?.code ?? cause?.message ?? (err as Error).message;
    throw new HubRequestError(`hub ${url.host} unreachable: ${why}`, { cause: err });
  }
  const text = (await res.text().catch(() => '')).replace(/\s+/g, ' ').trim().slice(0, 200);
  if (res.status < 200 || res.status >= 300)
    throw new HubRequestError(`hub answered HTTP ${res.status}${text ? `: ${text}` : ''}`);
}
