/**
 * Builds the configured vendor port: the adapter named in vendor.config.json, the endpoint from
 * Script Properties and the credential resolved for this user, passed in explicitly.
 */
import { type VendorCredential, vendorCredential } from '../auth/credential';
import type { VendorSignIn } from '../auth/vendorAuth';
import type { BrandConfig } from '../config/brand';
import { readVendorConfigFrom, readVendorEndpoint, type VendorEndpoint } from '../config/config';
import type { Clock, HttpClient, Log } from '../platform/ports';
import { AcmeAdapter } from './adapters/acme';
import { ZoomAdapter } from './adapters/zoom';
import type { VendorPort } from './port';

interface VendorSetup {
  brand: BrandConfig;
  scriptProperties: Record<string, string>;
  whitelist: readonly string[];
  signIn: VendorSignIn;
  http: HttpClient;
  clock: Pick<Clock, 'now'>;
  log?: Log;
}

/** Throws ConfigError (`invalid` or `not-signed-in`) before any request when the vendor cannot be called. */
export function openVendor(setup: VendorSetup): VendorPort {
  const { scriptProperties, whitelist, signIn } = setup;
  // API-key mode checks URL and key together, so one message names every missing property.
  const endpoint: VendorEndpoint =
    signIn.mode.kind === 'api-key'
      ? readVendorConfigFrom(scriptProperties, whitelist)
      : readVendorEndpoint(scriptProperties, whitelist);
  const credential = vendorCredential(scriptProperties, signIn);
  return adapterFor(setup, { baseUrl: endpoint.baseUrl }, credential);
}

export function adapterFor(
  setup: Pick<VendorSetup, 'brand' | 'http' | 'clock' | 'log'>,
  endpoint: VendorEndpoint,
  credential: VendorCredential,
): VendorPort {
  const { brand, http, clock, log } = setup;
  if (brand.adapter === 'zoom') {
    return new ZoomAdapter({
      endpoint,
      bearer: credential.bearer,
      brand,
      http,
      clock,
      ...(log ? { log } : {}),
    });
  }
  return new AcmeAdapter({ ...endpoint, apiKey: credential.bearer }, http, clock);
}
