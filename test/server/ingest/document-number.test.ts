import { normaliseDocumentNumber } from '../../../server/ingest/document-number'

describe('normaliseDocumentNumber', () => {
  it.each([
    ['国办发〔2024〕12号', '国办发〔2024〕12号'],
    ['国办发［2024］12号', '国办发〔2024〕12号'],
    ['国办发[2024]12号', '国办发〔2024〕12号'],
    ['国办发【2024】12号', '国办发〔2024〕12号'],
    ['粤人社规(2024)3号', '粤人社规〔2024〕3号'],
    ['粤人社规（2024）3号', '粤人社规〔2024〕3号'],
    ['国办发［２０２４］１２号', '国办发〔2024〕12号'],
    [' 人社部发 [2024] 5号 ', '人社部发〔2024〕5号'],
    ['国令第724号', '国令第724号'],
  ])('%s → %s', (input, expected) => {
    expect(normaliseDocumentNumber(input)).toBe(expected)
  })
})
