/**
 * Names shown to people must show what they are. A friendly name, subject or SAN holding U+202E (RIGHT-TO-LEFT
 * OVERRIDE) displays `invoice‮gpj.exe` as "invoiceexe.jpg"; zero-width and other invisible characters make two
 * different names look identical; control characters can forge lines in CLI output. {@link visibleText} is the one
 * function that makes such characters visible, applied where names are formatted for display: the distinguished
 * name formatter, certificate descriptions (domains, SANs), the certificate record (friendly names stored for the
 * UI), the wizards' friendly-name field, the Exchange list view of the CLI, and (in PowerShell form) the EMS lines.
 * @packageDocumentation
 */

/**
 * Characters escaped by {@link visibleText}:
 * - bidirectional controls: U+061C, U+200E–U+200F, U+202A–U+202E, U+2066–U+2069;
 * - zero-width and invisible format characters: U+00AD, U+115F–U+1160, U+180E, U+200B–U+200D, U+2060–U+2064,
 *   U+206A–U+206F, U+3164, U+FEFF, U+FFA0, U+FFF9–U+FFFB, tag characters U+E0000–U+E007F;
 * - C0 controls (U+0000–U+001F, tab and newline included), DEL and C1 controls (U+007F–U+009F);
 * - lone surrogates (not valid text).
 */
export const INVISIBLE_CHARACTERS = /[\u0000-\u001F\u007F-\u009F\u00AD\u061C\u115F\u1160\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\u3164\uFEFF\uFFA0\uFFF9-\uFFFB\u{E0000}-\u{E007F}]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu;

/** Whether `text` holds a character {@link visibleText} would escape. */
export function hasInvisibleCharacters(text: string): boolean {
  INVISIBLE_CHARACTERS.lastIndex = 0;
  const found = INVISIBLE_CHARACTERS.test(text);
  INVISIBLE_CHARACTERS.lastIndex = 0;
  return found;
}

/**
 * Replaces every bidirectional control, invisible/format character and control character (see
 * {@link INVISIBLE_CHARACTERS}) with its code point written as `<U+XXXX>` (upper-case hex, at least four digits):
 * `"invoice\u202Egpj.exe"` → `"invoice<U+202E>gpj.exe"`. Everything else, other scripts included, is left as is.
 * The result is plain text; HTML and PowerShell quoting are the renderers' business. Idempotent.
 */
export function visibleText(text: string): string {
  return text.replace(INVISIBLE_CHARACTERS, (ch) => `<U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}>`);
}
