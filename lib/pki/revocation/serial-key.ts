/**
 * Compact look-up keys of certificate serial numbers, shared by the CRL scanner, its index and certificates.
 * @packageDocumentation
 */

/**
 * Compact, collision-free key of a serial number's INTEGER content bytes `buf[start..end)`:
 * one UTF-16 unit for the length, then one unit per two bytes (half the size of hex).
 */
export function serialKey(buf: Uint8Array, start: number, end: number): string {
  const n = end - start;
  if (n === 16) {
    // Fast path for the common 128-bit serials.
    return String.fromCharCode(16,
      (buf[start]! << 8) | buf[start + 1]!, (buf[start + 2]! << 8) | buf[start + 3]!,
      (buf[start + 4]! << 8) | buf[start + 5]!, (buf[start + 6]! << 8) | buf[start + 7]!,
      (buf[start + 8]! << 8) | buf[start + 9]!, (buf[start + 10]! << 8) | buf[start + 11]!,
      (buf[start + 12]! << 8) | buf[start + 13]!, (buf[start + 14]! << 8) | buf[start + 15]!);
  }
  const codes: number[] = [n];
  let i = start;
  for (; i + 1 < end; i += 2) codes.push((buf[i]! << 8) | buf[i + 1]!);
  if (i < end) codes.push(buf[i]!);
  return String.fromCharCode(...codes);
}

/** Serial key of a hex serial number as printed by tools (leading `00` kept as given). */
export function serialKeyFromHex(hex: string): string {
  const clean = hex.replace(/[\s:]/g, "");
  const bytes = new Uint8Array(clean.length >> 1);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(clean.substr(i * 2, 2), 16);
  return serialKey(bytes, 0, bytes.length);
}
