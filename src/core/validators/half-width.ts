// Chinese input methods often produce full-width characters (１３８, ＡＢＣ, the ideographic space);
// people cannot see the difference, so every validator reads them as their ASCII twins.
const FULL_WIDTH_OFFSET = 0xfee0

export function toHalfWidth(input: string): string {
  return input
    .replace(/[\uff01-\uff5e]/g, (char) => String.fromCharCode(char.charCodeAt(0) - FULL_WIDTH_OFFSET))
    .replace(/\u3000/g, ' ')
}
