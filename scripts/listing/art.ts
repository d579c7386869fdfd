import { readFileSync } from 'node:fs';
import { inlineFontFaceCss, JAPANESE_FAMILY } from '../../emulator/cards/fonts';
import { LOGO_SVG } from '../../emulator/cards/render';
import { checkVendorConfig, readJsonFile } from '../config/contract';

/**
 * The store listing's graphics, drawn from the brand in vendor.config.json: the add-on's name,
 * `listing.brandColor` and either `listing.iconSvg` (the vendor's own square icon, an SVG file) or the
 * Material "video_call" mark the manifest's logoUrl shows, white on a rounded square of the brand
 * color. Each is an HTML page of exactly its pixel size, which Chromium screenshots to PNG.
 */

export interface ListingBrand {
  name: string;
  color: string;
  /** A square SVG icon of the vendor's, used as is at every size. */
  iconSvg?: string;
}

export function brandFromConfig(configPath = 'vendor.config.json'): ListingBrand {
  // The schema (vendor.config.schema.json) requires addOn.name and checks listing.brandColor.
  const config = checkVendorConfig(readJsonFile(configPath), configPath) as {
    addOn: { name: string };
    listing?: { brandColor?: string; iconSvg?: string };
  };
  const name = config.addOn.name;
  const color = config.listing?.brandColor ?? '#1a73e8';
  const iconPath = config.listing?.iconSvg;
  return { name, color, ...(iconPath ? { iconSvg: readFileSync(iconPath, 'utf8') } : {}) };
}

/** The path of the manifest logo's glyph (24-unit grid), from the side panel's inline logo. */
const GLYPH = /\bd="([^"]+)"/.exec(LOGO_SVG)?.[1] ?? '';

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The icon as SVG markup, `size` pixels square (`inverse`: a white square, the glyph in the brand color). */
export function iconSvg(brand: ListingBrand, size: number, inverse = false): string {
  if (brand.iconSvg) {
    const data = Buffer.from(brand.iconSvg).toString('base64');
    return `<img width="${size}" height="${size}" src="data:image/svg+xml;base64,${data}" alt="">`;
  }
  // A 128-unit square with Material's rounded corners, the 24-unit glyph scaled to 80 units, centred.
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 128 128"><rect width="128" height="128" rx="28" fill="${inverse ? '#fff' : brand.color}"/><path transform="translate(24 24) scale(3.3333)" fill="${inverse ? brand.color : '#fff'}" d="${GLYPH}"/></svg>`;
}

const page = (width: number, height: number, body: string, background = 'transparent') =>
  `<!DOCTYPE html><html><head><meta charset="utf-8"><style>${inlineFontFaceCss(body)}
html,body{margin:0;width:${width}px;height:${height}px;overflow:hidden;background:${background}}
svg,img{display:block}</style></head><body>${body}</body></html>`;

export function iconPage(brand: ListingBrand, size: number): string {
  return page(size, size, iconSvg(brand, size));
}

/** The application card banner: the icon over the add-on's name on the brand color. */
export function bannerPage(brand: ListingBrand, width: number, height: number): string {
  const body = `<div style="box-sizing:border-box;width:${width}px;height:${height}px;display:flex;flex-direction:column;align-items:center;justify-content:center;gap:10px;padding:12px;background:${brand.color}">
<div style="border-radius:16px;box-shadow:0 1px 3px rgba(0,0,0,.3)">${iconSvg(brand, 56, true)}</div>
<div style="font:500 18px/22px Roboto,${JAPANESE_FAMILY},sans-serif;color:#fff;text-align:center;overflow-wrap:anywhere;max-width:100%">${escapeHtml(brand.name)}</div></div>`;
  return page(width, height, body, brand.color);
}
