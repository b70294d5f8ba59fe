// What a worker can do about unpaid wages and about the bureau's decision, article by article.
// Each point is checked against the law texts in ../shared/laws; nothing here goes beyond them.

/** Which owed money a complaint to the bureau covers (劳动争议调解仲裁法 第九条). */
export const COMPLAINT_SCOPE =
  '用人单位拖欠或者未足额支付工资（劳动报酬），或者拖欠工伤医疗费、经济补偿或者赔偿金的，劳动者可以向人社部门投诉，人社部门应当依法处理（《劳动争议调解仲裁法》第九条）。'

/** When arbitration, not a complaint, is the way (劳动争议调解仲裁法 第二条、第五条; 劳动保障监察条例 第二十一条). */
export const DISPUTE_POINTS = [
  '如果对欠不欠、欠多少有争议，或者对是否存在劳动关系、解除或者终止劳动合同有争议，这是劳动争议（《劳动争议调解仲裁法》第二条）：可以和单位协商，也可以申请调解，或者向劳动争议仲裁委员会申请仲裁（第五条）。',
  '对应当通过劳动争议处理程序解决的事项，或者已经申请调解、仲裁或者已经起诉的事项，人社部门会告知您按劳动争议处理或者诉讼的程序办理（《劳动保障监察条例》第二十一条第二款）。',
  '向劳动合同履行地或者用人单位所在地的劳动争议仲裁委员会申请（《劳动争议调解仲裁法》第二十一条第二款）。劳动争议仲裁不收费（第五十三条）。',
]

/** The limits that decide how long a worker has (劳动争议调解仲裁法 第二十七条; 劳动保障监察条例 第二十条). */
export const ARBITRATION_LIMIT =
  '申请劳动争议仲裁的时效是一年，从知道或者应当知道自己的权利被侵害之日起计算（《劳动争议调解仲裁法》第二十七条第一款）。'
export const WAGES_DURING_EMPLOYMENT =
  '在职期间被拖欠工资的，申请仲裁不受这一年的限制；但离职（劳动关系终止）的，要在离职之日起一年内提出（第二十七条第四款）。'
export const INTERRUPTION = '向人社部门投诉等向有关部门请求权利救济的，仲裁时效中断，从中断时起重新计算（第二十七条第二款）。'
export const INSPECTION_LIMIT =
  '劳动保障监察：违法行为在两年内没有被人社部门发现，也没有被举报、投诉的，不再查处；违法行为有连续或者继续状态的，从行为终了之日起计算（《劳动保障监察条例》第二十条）。所以发现欠薪要尽早反映。'
export const TIME_LIMITS = [ARBITRATION_LIMIT, WAGES_DURING_EMPLOYMENT, INTERRUPTION, INSPECTION_LIMIT]

/** 法律援助法 第三十一条（五）（七）and 第四十二条（三）. */
export const LEGAL_AID =
  '因经济困难没有委托代理人，请求确认劳动关系、支付工资或者工伤事故人身损害赔偿的，可以向法律援助机构申请免费的法律援助（《法律援助法》第三十一条）；有材料证明是进城务工人员的，申请支付工资或者工伤事故人身损害赔偿，免予核查经济困难状况（第四十二条）。'

/** For a decision of the bureau the reporter disputes (行政复议法 第二十条、第二十三条、第二十四条; 行政诉讼法 第四十六条). */
export const REVIEW_POINTS = [
  '认为人社部门的这个决定侵犯您的合法权益的，可以自知道该决定之日起60日内申请行政复议（《行政复议法》第二十条），向作出决定的人社部门的本级人民政府申请（第二十四条）。',
  '也可以直接向人民法院提起行政诉讼，期限是自知道或者应当知道作出该决定之日起6个月（《行政诉讼法》第四十六条）。',
  '但认为人社部门没有依法履行保护您合法权益的法定职责的，应当先申请行政复议，对复议决定不服的，再向人民法院起诉（《行政复议法》第二十三条第一款第（三）项）。',
]

/** For wages still unpaid after the bureau is done (劳动合同法 第三十条第二款). */
export const PAYMENT_ORDER =
  '用人单位拖欠或者未足额支付工资的，还可以依法向当地人民法院申请支付令（《劳动合同法》第三十条第二款）。'

/** The bureau's duty to the reporter (劳动保障监察条例 第九条第三款、第三十条第一款第（四）项). */
export const REPORTER_PROTECTION = [
  '人社部门应当为举报人保密（《劳动保障监察条例》第九条第三款）。',
  '打击报复举报人、投诉人，本身就是违法行为，由人社部门责令改正；构成违反治安管理行为或者犯罪的，依法处理（第三十条第一款第（四）项、第二款）。',
]

/** The explainers the dispute panel and the next steps open (ids in the sample feed). */
export const EXPLAINERS = {
  compare: 'policy-wage-arrears-complaint',
  timeLimits: 'policy-wage-claim-time-limits',
  legalAid: 'policy-legal-aid-workers',
} as const
