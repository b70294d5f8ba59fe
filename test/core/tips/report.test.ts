import { validateReport, type ReportContext } from '../../../src/core/tips/report'
import { describeField, REPORT_LIMITS, SENSITIVE_CONSENT_MISSING } from '../../../src/core/tips/report-fields'

// 2026-03-01 in China, still February in UTC: the current month is 2026-03.
const context: ReportContext = {
  districts: [
    { code: '330102', name: '上城区' },
    { code: '330105', name: '拱墅区' },
  ],
  today: new Date('2026-02-28T16:30:00Z'),
}

const evidenceA = 'upl_0123456789abcdef'
const evidenceB = 'upl-ZYXWVUTSRQPONMLK'

function complaint(): Record<string, unknown> {
  return {
    kind: 'complaint',
    reporter: { name: '张三', mobile: '13800138000', residentId: '11010519491231002X' },
    employer: { name: '某某建筑劳务有限公司', uscc: '91440300708461136T' },
    districtCode: '330102',
    workAddress: '上城区望江路100号',
    isConstruction: true,
    constructionProject: '望江新城三期',
    workersOwed: 12,
    amountYuan: '86400.00',
    owedPeriod: { from: '2025-10', to: '2026-01' },
    description: '从去年十月起一直没有发工资，老板说等工程款到了再发。',
    evidenceIds: [evidenceA, evidenceB],
    consentSensitive: true,
    truthful: true,
  }
}

function anonymousTip(): Record<string, unknown> {
  const { reporter: _reporter, consentSensitive: _consent, ...rest } = complaint()
  return { ...rest, kind: 'tip', reporter: null }
}

function withPatch(base: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = { ...base }
  for (const [path, value] of Object.entries(patch)) {
    const [head, tail] = path.split('.')
    if (tail === undefined) {
      if (value === undefined) delete result[head]
      else result[head] = value
    } else {
      const inner = { ...(result[head] as Record<string, unknown>) }
      if (value === undefined) delete inner[tail]
      else inner[tail] = value
      result[head] = inner
    }
  }
  return result
}

function errorsOf(input: unknown): Record<string, string> {
  const verdict = validateReport(input, context)
  if (verdict.ok) throw new Error('expected the report to be rejected')
  return verdict.fields
}

describe('validateReport: a complete report', () => {
  it('accepts a real-name complaint and returns it normalised', () => {
    const input = withPatch(complaint(), {
      'reporter.name': '  张三  ',
      'reporter.mobile': '+86 138-0013-8000',
      'reporter.residentId': ' 11010519491231002x ',
      'employer.name': ' 某某建筑劳务\n有限公司 ',
      'employer.uscc': '91440300708461136t',
      workersOwed: '１２',
      amountYuan: '８６,４００.5元',
      owedPeriod: { from: '２０２５-１０', to: ' 2026-01 ' },
      description: '  第一行\r\n第二行\t带制表符  ',
    })
    expect(validateReport(input, context)).toEqual({
      ok: true,
      value: {
        kind: 'complaint',
        reporter: { name: '张三', mobile: '13800138000', residentId: '11010519491231002X' },
        employer: { name: '某某建筑劳务 有限公司', uscc: '91440300708461136T' },
        districtCode: '330102',
        workAddress: '上城区望江路100号',
        isConstruction: true,
        constructionProject: '望江新城三期',
        workersOwed: 12,
        amountFen: 8_640_050,
        amountApproximate: false,
        owedPeriod: { from: '2025-10', to: '2026-01' },
        description: '第一行\n第二行\t带制表符',
        evidenceIds: [evidenceA, evidenceB],
        consentSensitive: true,
        truthful: true,
      },
    })
  })

  it.each([
    ['a landline with brackets', '(020) 8321-2345', '02083212345'],
    ['a landline with spaces', '0757 8123 4567', '075781234567'],
    ['a landline in the international form', '+86 20 8321 2345', '02083212345'],
  ])('takes %s as the contact number, digits only with the area code', (_label, typed, digits) => {
    const verdict = validateReport(withPatch(complaint(), { 'reporter.mobile': typed }), context)
    expect(verdict.ok && verdict.value.reporter?.mobile).toBe(digits)
  })

  it.each([
    ['约5万', 5_000_000, true],
    ['5万', 5_000_000, false],
    ['¥50000', 5_000_000, false],
    ['5000元左右', 500_000, true],
    ['5万多', 5_000_000, true],
    ['12,800.50', 1_280_050, false],
  ])('reads the amount %j as %i fen, approximate: %s', (typed, fen, approximate) => {
    const verdict = validateReport(withPatch(complaint(), { amountYuan: typed }), context)
    expect(verdict.ok && verdict.value).toMatchObject({ amountFen: fen, amountApproximate: approximate })
  })

  it.each([
    ['a foreigner’s permanent-residence ID', '94484019850615012'],
    ['a Hong Kong resident’s residence permit', '81000019900101123'],
    ['a Taiwan resident’s residence permit', '83000019900101124'],
  ])('accepts %s as the ID number of a complaint', (_label, first17) => {
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    const sum = weights.reduce((total, weight, i) => total + weight * Number(first17[i]), 0)
    const id = first17 + '10X98765432'[sum % 11]
    const verdict = validateReport(withPatch(complaint(), { 'reporter.residentId': id }), context)
    expect(verdict.ok && verdict.value.reporter?.residentId).toBe(id)
  })

  it('accepts an owed period that started long ago: the two-year warning is not an error', () => {
    expect(validateReport(withPatch(complaint(), { owedPeriod: { from: '2019-05', to: '2020-01' } }), context).ok).toBe(true)
  })

  it.each([undefined, null, '', '   '])('reads the optional ID number and credit code %j as not given', (blank) => {
    const verdict = validateReport(withPatch(complaint(), { 'reporter.residentId': blank, 'employer.uscc': blank }), context)
    expect(verdict.ok && verdict.value).toMatchObject({ reporter: { residentId: null }, employer: { uscc: null } })
  })

  it.each([undefined, null])('reads the construction flag and the evidence list %j as none', (blank) => {
    const verdict = validateReport(withPatch(complaint(), { isConstruction: blank, evidenceIds: blank }), context)
    expect(verdict.ok && verdict.value).toMatchObject({ isConstruction: false, constructionProject: null, evidenceIds: [] })
  })

  it('drops the project name when the work is not on a construction site', () => {
    const verdict = validateReport(withPatch(complaint(), { isConstruction: false }), context)
    expect(verdict.ok && verdict.value.constructionProject).toBeNull()
  })

  it('accepts the limits themselves', () => {
    const input = withPatch(complaint(), {
      'reporter.name': '张'.repeat(30),
      'employer.name': '单'.repeat(100),
      workAddress: '地'.repeat(200),
      constructionProject: '项'.repeat(100),
      description: '说'.repeat(2000),
      workersOwed: 10_000,
      evidenceIds: Array.from({ length: 9 }, (_, i) => `upload-${String(i).padStart(10, '0')}`),
      owedPeriod: { from: '2016-03', to: '2026-03' },
    })
    expect(validateReport(input, context).ok).toBe(true)
    expect(validateReport(withPatch(complaint(), { 'reporter.name': '张三', workersOwed: 1 }), context).ok).toBe(true)
  })

  it('counts characters, not UTF-16 units, so emoji are one each', () => {
    expect(validateReport(withPatch(complaint(), { description: '😀'.repeat(2000) }), context).ok).toBe(true)
    expect(errorsOf(withPatch(complaint(), { description: '😀'.repeat(2001) }))).toEqual({
      description: '情况说明请不超过2000个字',
    })
  })
})

describe('validateReport: who is reporting', () => {
  const withoutPhotos = (input: Record<string, unknown>) => withPatch(input, { evidenceIds: undefined })

  it('accepts an anonymous tip without photos and without any consent', () => {
    const verdict = validateReport(withoutPhotos(anonymousTip()), context)
    expect(verdict.ok && verdict.value).toMatchObject({ kind: 'tip', reporter: null, consentSensitive: false })
  })

  it.each([
    ['absent', undefined],
    ['an empty object', {}],
    ['emptied inputs', { name: '', mobile: ' ', residentId: null }],
  ])('reads a tip whose reporter is %s as anonymous', (_label, reporter) => {
    const verdict = validateReport(withPatch(withoutPhotos(anonymousTip()), { reporter }), context)
    expect(verdict.ok && verdict.value.reporter).toBeNull()
  })

  it.each([undefined, null, '', '   '])('accepts a tip whose amount is %j as giving none', (blank) => {
    const verdict = validateReport(withPatch(withoutPhotos(anonymousTip()), { amountYuan: blank }), context)
    expect(verdict.ok && verdict.value).toMatchObject({ amountFen: null, amountApproximate: false })
  })

  it('still judges an amount a tip does give', () => {
    expect(errorsOf(withPatch(withoutPhotos(anonymousTip()), { amountYuan: '五万' }))).toEqual({ amountYuan: '金额请用数字写，例如 12800.50、5万 或 约5万' })
    const verdict = validateReport(withPatch(withoutPhotos(anonymousTip()), { amountYuan: '约3万' }), context)
    expect(verdict.ok && verdict.value).toMatchObject({ amountFen: 3_000_000, amountApproximate: true })
  })

  it('rejects an anonymous tip without the truthfulness confirmation, and only for that', () => {
    expect(errorsOf(withPatch(withoutPhotos(anonymousTip()), { truthful: false }))).toEqual({ truthful: '请确认您所反映的情况真实无误' })
    expect(errorsOf(withPatch(withoutPhotos(anonymousTip()), { truthful: undefined }))).toEqual({ truthful: '请确认您所反映的情况真实无误' })
  })

  it('accepts a named tip with name and mobile and no consent when it carries nothing sensitive', () => {
    const input = withPatch(withoutPhotos(anonymousTip()), { reporter: { name: '李四', mobile: '13912345678' } })
    const verdict = validateReport(input, context)
    expect(verdict.ok && verdict.value.reporter).toEqual({ name: '李四', mobile: '13912345678', residentId: null })
    expect(verdict.ok && verdict.value.consentSensitive).toBe(false)
  })

  it('asks a named tip for the contact number once a name is given', () => {
    expect(errorsOf(withPatch(withoutPhotos(anonymousTip()), { reporter: { name: '李四' } }))).toEqual({ 'reporter.mobile': '请填写联系电话' })
  })

  it('does not take an ID number with a tip', () => {
    const input = withPatch(anonymousTip(), {
      reporter: { name: '李四', mobile: '13912345678', residentId: '11010519491231002X' },
      consentSensitive: true,
    })
    expect(errorsOf(input)).toEqual({ 'reporter.residentId': '举报不需要填写证件号码，请删除' })
  })

  it('requires the reporter for a complaint', () => {
    expect(errorsOf(withPatch(complaint(), { reporter: null }))).toEqual({ reporter: '投诉需要留下您的姓名和联系电话；不想留名，可以改为匿名举报' })
  })

  it('never makes consent the price of a complaint: none is asked of one without an ID number or photos', () => {
    const plain = withPatch(withoutPhotos(complaint()), { 'reporter.residentId': undefined, consentSensitive: undefined })
    const verdict = validateReport(plain, context)
    expect(verdict.ok && verdict.value).toMatchObject({ kind: 'complaint', consentSensitive: false, evidenceIds: [] })
    expect(validateReport(withPatch(plain, { consentSensitive: false }), context).ok).toBe(true)
  })

  it.each([
    ['a complaint with an ID number', withPatch(withoutPhotos(complaint()), { consentSensitive: undefined })],
    ['a complaint with photos', withPatch(complaint(), { 'reporter.residentId': undefined, consentSensitive: false })],
    ['an anonymous tip with photos', withPatch(anonymousTip(), { consentSensitive: null })],
  ])('asks the separate consent of %s, and keeps it once given', (_label, input) => {
    expect(errorsOf(input)).toEqual({ consentSensitive: SENSITIVE_CONSENT_MISSING })
    const verdict = validateReport(withPatch(input, { consentSensitive: true }), context)
    expect(verdict.ok && verdict.value.consentSensitive).toBe(true)
  })
})

describe('validateReport: each field', () => {
  it.each<[string, Record<string, unknown>, Record<string, string>]>([
    ['kind missing', { kind: undefined }, { kind: '请选择反映类型：投诉（本人被欠薪）或举报（反映他人被欠薪）' }],
    ['kind unknown', { kind: 'lawsuit' }, { kind: '反映类型只能是投诉或举报，请重新选择' }],
    ['kind a number', { kind: 1 }, { kind: '反映类型只能是投诉或举报，请重新选择' }],
    ['reporter a string', { reporter: '张三' }, { reporter: '反映人信息的格式不正确，请重新填写' }],
    ['name missing', { 'reporter.name': undefined }, { 'reporter.name': '请填写您的姓名' }],
    ['name blank', { 'reporter.name': '   ' }, { 'reporter.name': '请填写您的姓名' }],
    ['name too short', { 'reporter.name': '张' }, { 'reporter.name': '姓名至少要写2个字' }],
    ['name too long', { 'reporter.name': '张'.repeat(31) }, { 'reporter.name': '姓名请不超过30个字' }],
    ['name a number', { 'reporter.name': 42 }, { 'reporter.name': '姓名的格式不正确，请重新填写' }],
    ['name with a control character', { 'reporter.name': '张\u0000三' }, { 'reporter.name': '姓名中有无法识别的字符，请删除后再填写' }],
    ['phone missing', { 'reporter.mobile': undefined }, { 'reporter.mobile': '请填写联系电话' }],
    ['mobile short', { 'reporter.mobile': '1380013800' }, { 'reporter.mobile': '手机号码应为11位，您填写了10位' }],
    ['phone abroad', { 'reporter.mobile': '+1 415 555 0100' }, { 'reporter.mobile': '请填写中国大陆的电话号码' }],
    ['landline without its area code', { 'reporter.mobile': '8321 2345' }, { 'reporter.mobile': '固定电话要加上区号，例如 020-83212345' }],
    ['phone a number', { 'reporter.mobile': 13800138000 }, { 'reporter.mobile': '联系电话的格式不正确，请重新填写' }],
    ['ID with a bad check character', { 'reporter.residentId': '110105194912310021' }, { 'reporter.residentId': '身份证号码有一位不对，请对照证件再看一遍' }],
    ['ID of 15 digits', { 'reporter.residentId': '110105491231002' }, { 'reporter.residentId': '这是旧的15位身份证号码，请填写现在使用的18位号码' }],
    ['employer missing', { employer: undefined }, { 'employer.name': '请填写拖欠工资的单位或老板的名称' }],
    ['employer a list', { employer: ['某公司'] }, { employer: '用人单位的格式不正确，请重新填写' }],
    ['employer name missing', { 'employer.name': '' }, { 'employer.name': '请填写拖欠工资的单位或老板的名称' }],
    ['employer name too short', { 'employer.name': '某' }, { 'employer.name': '用人单位名称至少要写2个字' }],
    ['employer name too long', { 'employer.name': '某'.repeat(101) }, { 'employer.name': '用人单位名称请不超过100个字' }],
    ['employer name reversed by a bidi override', { 'employer.name': '某\u202e司公限有' }, { 'employer.name': '用人单位名称中有无法识别的字符，请删除后再填写' }],
    ['USCC with a bad check character', { 'employer.uscc': '91440300708461136A' }, { 'employer.uscc': '统一社会信用代码有一位不对，请对照营业执照再看一遍' }],
    ['USCC with the letter O', { 'employer.uscc': '9144O300708461136T' }, { 'employer.uscc': '统一社会信用代码中没有字母“O”，请检查是否应为数字0' }],
    ['district missing', { districtCode: '' }, { districtCode: '请选择干活的地方所在的区县' }],
    ['district not in the list', { districtCode: '110101' }, { districtCode: '请从列表中选择区县' }],
    ['district a number', { districtCode: 330102 }, { districtCode: '所在区县的格式不正确，请重新填写' }],
    ['address missing', { workAddress: undefined }, { workAddress: '请填写工作地址' }],
    ['address too short', { workAddress: '望江路' }, { workAddress: '工作地址至少要写5个字' }],
    ['address too long', { workAddress: '路'.repeat(201) }, { workAddress: '工作地址请不超过200个字' }],
    ['construction flag a string', { isConstruction: 'yes' }, { isConstruction: '是否为工地的格式不正确，请重新填写' }],
    ['project missing on a site', { constructionProject: undefined }, { constructionProject: '在工地上干活的，请填写工程项目名称' }],
    ['project blank on a site', { constructionProject: '  ' }, { constructionProject: '在工地上干活的，请填写工程项目名称' }],
    ['project too long', { constructionProject: '项'.repeat(101) }, { constructionProject: '工程项目名称请不超过100个字' }],
    ['workers missing', { workersOwed: undefined }, { workersOwed: '请填写被欠薪的人数' }],
    ['workers zero', { workersOwed: 0 }, { workersOwed: '被欠薪人数至少为1人' }],
    ['workers negative', { workersOwed: -3 }, { workersOwed: '被欠薪人数至少为1人' }],
    ['workers a fraction', { workersOwed: 2.5 }, { workersOwed: '人数请填写整数，例如 3' }],
    ['workers words', { workersOwed: '三个' }, { workersOwed: '人数请填写整数，例如 3' }],
    ['workers too many', { workersOwed: 10_001 }, { workersOwed: '被欠薪人数不能超过10000人，请核对' }],
    ['workers a boolean', { workersOwed: true }, { workersOwed: '被欠薪人数的格式不正确，请重新填写' }],
    ['amount missing', { amountYuan: undefined }, { amountYuan: '投诉请填写被拖欠的工资金额；不清楚具体数目，可以写“约5万”' }],
    ['amount blank', { amountYuan: '  ' }, { amountYuan: '投诉请填写被拖欠的工资金额；不清楚具体数目，可以写“约5万”' }],
    ['amount in words', { amountYuan: '五万' }, { amountYuan: '金额请用数字写，例如 12800.50、5万 或 约5万' }],
    ['amount zero', { amountYuan: '0.00' }, { amountYuan: '金额应大于0' }],
    ['amount negative', { amountYuan: '-500' }, { amountYuan: '金额不能是负数' }],
    ['amount three decimals', { amountYuan: '12.345' }, { amountYuan: '金额最多保留两位小数' }],
    ['amount absurd', { amountYuan: '999999999999' }, { amountYuan: '金额过大，请核对' }],
    ['amount a JSON number', { amountYuan: 86400 }, { amountYuan: '欠薪金额的格式不正确，请重新填写' }],
    ['period missing', { owedPeriod: undefined }, { 'owedPeriod.from': '请选择欠薪开始的月份', 'owedPeriod.to': '请选择欠薪结束的月份' }],
    ['period a string', { owedPeriod: '2025-10至2026-01' }, { owedPeriod: '欠薪时间段的格式不正确，请重新填写' }],
    ['from missing', { 'owedPeriod.from': '' }, { 'owedPeriod.from': '请选择欠薪开始的月份' }],
    ['from without a leading zero', { 'owedPeriod.from': '2025-3' }, { 'owedPeriod.from': '月份请按“2025-03”的格式填写' }],
    ['from month 13', { 'owedPeriod.from': '2025-13' }, { 'owedPeriod.from': '月份请按“2025-03”的格式填写' }],
    ['from a full date', { 'owedPeriod.from': '2025-10-01' }, { 'owedPeriod.from': '月份请按“2025-03”的格式填写' }],
    ['from more than 10 years back', { 'owedPeriod.from': '2016-02' }, { 'owedPeriod.from': '开始月份不能早于2016年3月（10年前）' }],
    ['to after this month', { 'owedPeriod.to': '2026-04' }, { 'owedPeriod.to': '结束月份不能晚于本月' }],
    ['to before from', { 'owedPeriod.to': '2025-09' }, { 'owedPeriod.to': '结束月份不能早于开始月份' }],
    ['both after this month', { owedPeriod: { from: '2026-05', to: '2026-04' } }, { 'owedPeriod.from': '开始月份不能晚于本月', 'owedPeriod.to': '结束月份不能晚于本月' }],
    ['to a number', { 'owedPeriod.to': 202601 }, { 'owedPeriod.to': '欠薪结束月份的格式不正确，请重新填写' }],
    ['description missing', { description: undefined }, { description: '请说明欠薪的情况' }],
    ['description too short', { description: '老板不给钱' }, { description: '情况说明至少要写10个字' }],
    ['description too long', { description: '说'.repeat(2001) }, { description: '情况说明请不超过2000个字' }],
    ['description with a bell', { description: '老板一直拖欠工资不发\u0007' }, { description: '情况说明中有无法识别的字符，请删除后再填写' }],
    ['description with a bare CR', { description: '老板一直拖欠\r工资不发' }, { description: '情况说明中有无法识别的字符，请删除后再填写' }],
    ['description with a lone surrogate', { description: '老板一直拖欠工资不发\ud83d' }, { description: '情况说明中有无法识别的字符，请删除后再填写' }],
    ['description with a lone low surrogate', { description: '\ude00老板一直拖欠工资不发' }, { description: '情况说明中有无法识别的字符，请删除后再填写' }],
    ['evidence not a list', { evidenceIds: evidenceA }, { evidenceIds: '证据照片的格式不正确，请重新填写' }],
    ['evidence ten photos', { evidenceIds: Array.from({ length: 10 }, (_, i) => `upload-${String(i).padStart(10, '0')}`) }, { evidenceIds: '证据照片最多9张，请删掉多余的' }],
    ['evidence id too short', { evidenceIds: [evidenceA, 'abc'] }, { 'evidenceIds.1': '第2张证据照片没有上传成功，请删除后重新上传' }],
    ['evidence id with a slash', { evidenceIds: ['../../etc/passwd-xxxxxx'] }, { 'evidenceIds.0': '第1张证据照片没有上传成功，请删除后重新上传' }],
    ['evidence id too long', { evidenceIds: ['a'.repeat(65)] }, { 'evidenceIds.0': '第1张证据照片没有上传成功，请删除后重新上传' }],
    ['evidence id a number', { evidenceIds: [1234567890123456] }, { 'evidenceIds.0': '第1张证据照片没有上传成功，请删除后重新上传' }],
    ['evidence repeated', { evidenceIds: [evidenceA, evidenceB, evidenceA] }, { 'evidenceIds.2': '第3张证据照片与前面的重复了，请删除' }],
    ['consent a string', { consentSensitive: 'true' }, { consentSensitive: '敏感个人信息处理同意的格式不正确，请重新填写' }],
    ['truthful a number', { truthful: 1 }, { truthful: '真实性承诺的格式不正确，请重新填写' }],
  ])('rejects %s', (_label, patch, fields) => {
    expect(errorsOf(withPatch(complaint(), patch))).toEqual(fields)
  })

  it('accepts the earliest month allowed, exactly 10 years back', () => {
    expect(validateReport(withPatch(complaint(), { 'owedPeriod.from': '2016-03' }), context).ok).toBe(true)
  })

  it('takes the current month in China time, not the device time zone', () => {
    // 2026-02-28 16:30 UTC is already March in China.
    expect(validateReport(withPatch(complaint(), { owedPeriod: { from: '2026-03', to: '2026-03' } }), context).ok).toBe(true)
    const lateFebruary = { ...context, today: new Date('2026-02-28T15:59:59Z') }
    expect(validateReport(withPatch(complaint(), { 'owedPeriod.to': '2026-03' }), lateFebruary)).toEqual({
      ok: false,
      fields: { 'owedPeriod.to': '结束月份不能晚于本月' },
    })
  })
})

describe('validateReport: malformed payloads', () => {
  it.each([
    ['null', null],
    ['nothing', undefined],
    ['a string', 'report'],
    ['a number', 42],
    ['a boolean', true],
    ['a list', [complaint()]],
  ])('rejects %s as a whole', (_label, input) => {
    expect(errorsOf(input)).toEqual({ report: '提交的内容格式不正确，请重新填写后提交' })
  })

  it('names every bad field at once', () => {
    expect(errorsOf({})).toEqual({
      kind: '请选择反映类型：投诉（本人被欠薪）或举报（反映他人被欠薪）',
      'employer.name': '请填写拖欠工资的单位或老板的名称',
      districtCode: '请选择干活的地方所在的区县',
      workAddress: '请填写工作地址',
      workersOwed: '请填写被欠薪的人数',
      'owedPeriod.from': '请选择欠薪开始的月份',
      'owedPeriod.to': '请选择欠薪结束的月份',
      description: '请说明欠薪的情况',
      truthful: '请确认您所反映的情况真实无误',
    })
    const many = withPatch(complaint(), {
      'reporter.mobile': '12345',
      'employer.uscc': 'X',
      districtCode: 'nowhere',
      workersOwed: 0,
      amountYuan: 'abc',
      'owedPeriod.to': '2030-01',
      evidenceIds: ['short'],
      truthful: false,
    })
    expect(Object.keys(errorsOf(many))).toEqual([
      'reporter.mobile', 'employer.uscc', 'districtCode', 'workersOwed', 'amountYuan', 'owedPeriod.to', 'evidenceIds.0', 'truthful',
    ])
  })

  it('reports unknown properties at every level', () => {
    const input = withPatch(complaint(), {
      status: 'closed',
      'reporter.email': 'a@example.com',
      'employer.legalPerson': '王五',
      'owedPeriod.days': 90,
    })
    expect(errorsOf(input)).toEqual({
      status: '不认识的字段',
      'reporter.email': '不认识的字段',
      'employer.legalPerson': '不认识的字段',
      'owedPeriod.days': '不认识的字段',
    })
  })

  it('reports odd or countless unknown keys once, without echoing them', () => {
    const odd = withPatch(complaint(), { ['<script>'.repeat(100)]: 1 })
    expect(errorsOf(odd)).toEqual({ report: '含有不认识的字段' })

    const countless = complaint()
    for (let i = 0; i < 10_000; i += 1) countless[`extra${i}`] = i
    const fields = errorsOf(countless)
    expect(Object.keys(fields)).toHaveLength(21)
    expect(fields.report).toBe('含有不认识的字段')
  })

  it('keeps a __proto__ key as plain data', () => {
    const input = JSON.parse('{"__proto__": {"polluted": true}, "kind": "tip"}') as unknown
    const fields = errorsOf(input)
    expect(Object.prototype.hasOwnProperty.call(fields, '__proto__')).toBe(true)
    expect(Object.getPrototypeOf(fields)).toBe(Object.prototype)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('rejects huge strings by their length before reading them', () => {
    const huge = 'x'.repeat(5_000_000)
    const started = Date.now()
    const fields = errorsOf(
      withPatch(complaint(), {
        'reporter.name': huge,
        'reporter.mobile': huge,
        'employer.uscc': huge,
        description: `${'\u0007'.repeat(10)}${huge}`,
        amountYuan: huge,
        workersOwed: huge,
        'owedPeriod.from': huge,
      }),
    )
    expect(Date.now() - started).toBeLessThan(500)
    expect(fields).toEqual({
      'reporter.name': '姓名请不超过30个字',
      'reporter.mobile': '联系电话过长，请核对',
      'employer.uscc': '统一社会信用代码过长，请核对',
      workersOwed: '被欠薪人数过长，请核对',
      amountYuan: '欠薪金额过长，请核对',
      'owedPeriod.from': '欠薪开始月份过长，请核对',
      description: '情况说明请不超过2000个字',
    })
  })

  it('rejects a huge evidence list by its length', () => {
    expect(errorsOf(withPatch(complaint(), { evidenceIds: new Array(1_000_000).fill(evidenceA) }))).toEqual({
      evidenceIds: '证据照片最多9张，请删掉多余的',
    })
  })
})

describe('REPORT_LIMITS and describeField', () => {
  it('states the limits of DESIGN section 4', () => {
    expect(REPORT_LIMITS.reporterName).toEqual({ min: 2, max: 30 })
    expect(REPORT_LIMITS.employerName).toEqual({ min: 2, max: 100 })
    expect(REPORT_LIMITS.workAddress).toEqual({ min: 5, max: 200 })
    expect(REPORT_LIMITS.description).toEqual({ min: 10, max: 2000 })
    expect(REPORT_LIMITS.workersOwed).toEqual({ min: 1, max: 10_000 })
    expect(REPORT_LIMITS.evidenceIds.max).toBe(9)
  })

  it.each([
    ['reporter.mobile', '联系电话'],
    ['reporter.residentId', '证件号码'],
    ['amountYuan', '欠薪金额'],
    ['owedPeriod.to', '欠薪结束月份'],
    ['evidenceIds.0', '第1张证据照片'],
    ['evidenceIds.8', '第9张证据照片'],
    ['constructor', '此项'],
    ['toString', '此项'],
    ['nonsense', '此项'],
  ])('names %s as %s', (path, name) => {
    expect(describeField(path)).toBe(name)
  })
})
