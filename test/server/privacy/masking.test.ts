import { maskName } from '../../../server/privacy/masking'

describe('maskName', () => {
  it.each([
    ['张三', '张*'],
    ['张小三', '张*三'],
    ['欧阳娜娜', '欧**娜'],
    ['  李四 ', '李*'],
    ['王', '*'],
    ['', ''],
    ['买买提·艾力', '买****力'],
    // A character outside the BMP is one character, not two halves.
    ['𠮷野家', '𠮷*家'],
  ])('masks %j as %j', (name, masked) => {
    expect(maskName(name)).toBe(masked)
  })
})
