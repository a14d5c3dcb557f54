import { describe, expect, test } from "vitest";
import { hasInvisibleCharacters, visibleText } from "./visible-text";

describe("visibleText", () => {
  test.each([
    ["invoice\u202Egpj.exe", "invoice<U+202E>gpj.exe"],
    ["a\u202Ab\u202Bc\u202Cd\u202De", "a<U+202A>b<U+202B>c<U+202C>d<U+202D>e"],
    ["\u2066x\u2067y\u2068z\u2069", "<U+2066>x<U+2067>y<U+2068>z<U+2069>"],
    ["l\u200Er\u200F\u061C", "l<U+200E>r<U+200F><U+061C>"],
    ["zero\u200Bwidth\u200C\u200D\u2060\uFEFF", "zero<U+200B>width<U+200C><U+200D><U+2060><U+FEFF>"],
    ["soft\u00ADhyphen", "soft<U+00AD>hyphen"],
    ["line\nforged\r\t\u0000\u001B", "line<U+000A>forged<U+000D><U+0009><U+0000><U+001B>"],
    ["c1\u0085\u009B\u007F", "c1<U+0085><U+009B><U+007F>"],
    ["tag\u{E0041}", "tag<U+E0041>"],
    ["lone\uD800", "lone<U+D800>"],
  ])("%j → %s", (input, expected) => {
    expect(visibleText(input)).toBe(expected);
    expect(hasInvisibleCharacters(input)).toBe(true);
    expect(visibleText(expected)).toBe(expected);
  });

  test.each(["mail.contoso.com", "Contoso Ltd.", "Müller & Söhne", "日本語のサーバー", "שרת דואר", "خادم البريد", "emoji 🔒 ok", ""])("%j is left alone", (input) => {
    expect(visibleText(input)).toBe(input);
    expect(hasInvisibleCharacters(input)).toBe(false);
  });
});
