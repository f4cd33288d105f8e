/**
 * Pictures scaled down on the device to an item's `max-pixels` (the longest side), as ODK Collect
 * does, before they are stored: a 12-megapixel photo becomes a few hundred kilobytes.
 * Browser only (createImageBitmap, OffscreenCanvas).
 */

export interface ScaledImage {
  blob: Blob;
  width: number;
  height: number;
  /** Whether it was scaled (false: the file is kept as it was). */
  scaled: boolean;
}

/** The size that fits `maxPixels` on the longest side, keeping the aspect ratio. */
export function fitWithin(width: number, height: number, maxPixels: number): { width: number; height: number } {
  const longest = Math.max(width, height);
  if (longest <= maxPixels) return { width, height };
  const k = maxPixels / longest;
  return { width: Math.max(1, Math.round(width * k)), height: Math.max(1, Math.round(height * k)) };
}

/**
 * Scales a picture so its longest side is at most `maxPixels` (JPEG at quality 0.9, PNG for a PNG);
 * a picture already small enough is kept byte for byte. Throws a plain Error when the file is not a
 * picture the browser can read ('the picture could not be read').
 */
export async function downscaleImage(file: Blob, maxPixels: number): Promise<ScaledImage> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw new Error('the picture could not be read');
  }
  try {
    const size = fitWithin(bitmap.width, bitmap.height, maxPixels);
    if (size.width === bitmap.width && size.height === bitmap.height) return { blob: file, width: bitmap.width, height: bitmap.height, scaled: false };
    const canvas = new OffscreenCanvas(size.width, size.height);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('the picture could not be scaled');
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(bitmap, 0, 0, size.width, size.height);
    const type = file.type === 'image/png' ? 'image/png' : 'image/jpeg';
    const blob = await canvas.convertToBlob(type === 'image/jpeg' ? { type, quality: 0.9 } : { type });
    return { blob, ...size, scaled: true };
  } finally {
    bitmap.close();
  }
}
