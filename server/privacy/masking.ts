// Personal data shown in lists and exports, masked so a screen or a spreadsheet does not carry it whole.

/**
 * 张三 → 张*, 张小三 → 张*三, 欧阳娜娜 → 欧**娜: the first and (from three characters) the last
 * character stay, so staff can still tell reports apart. Counts characters, not UTF-16 units.
 */
export function maskName(name: string): string {
  const characters = [...name.trim()]
  if (characters.length === 0) return ''
  if (characters.length === 1) return '*'
  if (characters.length === 2) return `${characters[0]}*`
  return `${characters[0]}${'*'.repeat(characters.length - 2)}${characters[characters.length - 1]}`
}
