/**
 * An HTTPS POST that connects only to public addresses, for the agency's outbound webhook. The URL's host name was
 * vetted when it was saved (webhookUrlProblem), but a name can be re-pointed afterwards — at 127.0.0.1, a private
 * network or a cloud metadata address (DNS rebinding). So the name is resolved here, every address it resolves to
 * is checked, and the socket connects to the address that was checked (node's `lookup` hook) — there is no second
 * resolution between the check and the connection. TLS still verifies the certificate for the host name.
 * Redirects are not followed (a 3xx is an answer like any other non-2xx).
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request } from 'node:https';
import { request as plainRequest } from 'node:http';
import type { LookupFunction } from 'node:net';
import { isNonPublicAddress, webhookUrlProblem } from '../core/publication/webhook-url.ts';

export interface PublicPostOptions {
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  /** Test setting (GONGKAI_WEBHOOK_ALLOW_PRIVATE): a receiver on this machine is allowed. */
  allowPrivate?: boolean;
  /** Name resolution (tests replace it to simulate a re-pointed name). */
  resolve?: (host: string) => Promise<LookupAddress[]>;
}

/** Refused before connecting; the job that called it records the message and retries later. */
export class UnsafeDestinationError extends Error {}

const systemResolve = (host: string) =>
  new Promise<LookupAddress[]>((resolve, reject) =>
    dnsLookup(host, { all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))),
  );

export async function postToPublicHost(url: string, options: PublicPostOptions): Promise<{ status: number }> {
  const problem = webhookUrlProblem(url, { allowPrivate: options.allowPrivate });
  if (problem) throw new UnsafeDestinationError(`推送地址不可用：${problem}`);
  const target = new URL(url);
  const resolve = options.resolve ?? systemResolve;
  const vettedLookup: LookupFunction = (hostname, lookupOptions, callback) => {
    resolve(hostname).then(
      (addresses) => {
        const unsafe = addresses.find((a) => isNonPublicAddress(a.address));
        if (addresses.length === 0) return callback(new Error(`无法解析推送地址 ${hostname}`), '', 4);
        if (unsafe && !options.allowPrivate)
          return callback(
            new UnsafeDestinationError(`推送地址 ${hostname} 解析到本机或内网地址 ${unsafe.address}，已拒绝连接`),
            '',
            4,
          );
        // Every address was checked; connect to exactly these (node may try them in turn).
        if ((lookupOptions as { all?: boolean }).all) return callback(null, addresses as never);
        const first = addresses[0]!;
        return callback(null, first.address, first.family);
      },
      (error: Error) => callback(error as NodeJS.ErrnoException, '', 4),
    );
  };
  const send = target.protocol === 'https:' ? request : plainRequest;
  return new Promise((resolvePost, reject) => {
    const req = send(
      target,
      {
        method: 'POST',
        headers: { ...options.headers, 'content-length': String(Buffer.byteLength(options.body)) },
        lookup: vettedLookup,
        timeout: options.timeoutMs,
      },
      (res) => {
        res.resume(); // the answer's body is not needed; drain it so the socket closes
        res.on('end', () => resolvePost({ status: res.statusCode ?? 0 }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`推送地址 ${options.timeoutMs / 1000} 秒内无响应`)));
    req.on('error', reject);
    req.end(options.body);
  });
}
