/**
 * The manifest's `urlFetchWhitelist` as Google's "Allowlist URLs" page states it
 * (developers.google.com/apps-script/manifest/allowlist-url):
 * - each prefix "must use https://", "must have a full domain" and "a non-empty path"
 *   (`https://www.google.com/` is valid, `https://www.google.com` is not);
 * - a single `*` may stand for subdomains, only as the leading label (`https://*.example.com/foo`);
 *   `https://*.*.example.com/foo` and `https://subdomain.*.example.com/foo` are refused when the manifest
 *   is saved;
 * - "Path matching is case-sensitive"; a URL matches when it is identical to the prefix or "a child of the
 *   prefix": `https://example.com/foo` matches `/foo`, `/foo/`, `/foo/bar`, `/foo?bar`, `/foo#bar`;
 * - `https://*.example.com/foo` matches `subdomain.example.com/foo` and
 *   `any.number.of.subdomains.example.com/foo`, not `subdomain.example.com/bar` and not `example.com/foo`
 *   ("at least one subdomain must be present").
 * ASSUMPTIONS (the page is silent): a child path starts at a `/` segment boundary (`/foobar` is not a child
 * of `/foo`); host names compare case-insensitively (DNS does); ports must be equal.
 */

export class AllowlistPrefixError extends Error {}

interface ParsedPrefix {
  /** Host without the wildcard label, lower case. */
  host: string;
  wildcard: boolean;
  port: string;
  path: string;
}

/** Parses one allowlist entry, refusing what Google refuses when the manifest is saved. */
export function parseAllowlistPrefix(prefix: string): ParsedPrefix {
  const m = /^https:\/\/([^/?#]+)(\/[^?#]*)$/.exec(prefix);
  if (!m) {
    throw new AllowlistPrefixError(
      `urlFetchWhitelist entry ${prefix}: must be an https:// URL with a full domain and a non-empty path`,
    );
  }
  const [, authority, path] = m;
  const wildcard = authority.startsWith('*.');
  const hostPort = wildcard ? authority.slice(2) : authority;
  if (hostPort.includes('*')) {
    throw new AllowlistPrefixError(
      `urlFetchWhitelist entry ${prefix}: a single * is allowed, only as the leading subdomain`,
    );
  }
  const url = new URL(`https://${hostPort}/`);
  return { host: url.hostname.toLowerCase(), wildcard, port: url.port, path };
}

/** True when `url` is the prefix itself or a child of it. */
export function matchesAllowlistPrefix(url: URL, prefix: ParsedPrefix): boolean {
  if (url.protocol !== 'https:' || url.port !== prefix.port) return false;
  const host = url.hostname.toLowerCase();
  const hostOk = prefix.wildcard ? host.endsWith(`.${prefix.host}`) : host === prefix.host;
  if (!hostOk) return false;
  const path = url.pathname;
  if (path === prefix.path) return true;
  if (!path.startsWith(prefix.path)) return false;
  return prefix.path.endsWith('/') || path[prefix.path.length] === '/';
}

/** A compiled allowlist: `allows(url)` per the rules above. Throws AllowlistPrefixError for a bad entry. */
export function compileAllowlist(prefixes: readonly string[]): { allows(url: URL): boolean } {
  const parsed = prefixes.map(parseAllowlistPrefix);
  return { allows: (url) => parsed.some((p) => matchesAllowlistPrefix(url, p)) };
}
