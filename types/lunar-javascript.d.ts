// The part of lunar-javascript (a devDependency) that scripts/festival-dates.js and its test use.
declare module 'lunar-javascript' {
  export interface Solar {
    getYear(): number
    getMonth(): number
    getDay(): number
    toYmd(): string
    next(days: number): Solar
  }
  export interface Lunar {
    getSolar(): Solar
    getJieQiTable(): Record<string, Solar>
  }
  export const Lunar: { fromYmd(year: number, month: number, day: number): Lunar }
  export const HolidayUtil: {
    getHolidays(year: number): { getDay(): string; getName(): string; isWork(): boolean }[]
  }
}
