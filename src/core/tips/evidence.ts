/** Something that helps an inspector act on a wage-arrears report. */
export interface EvidenceItem {
  title: string
  /** What it is and how to get it, in plain words. */
  text: string
  /** Can be photographed and attached to the report (the rest is typed into the form). */
  photographable: boolean
}

// Each item is something a worker can usually get. The guide page lists them all; the report
// form names the photographable ones beside its photo picker.
export const REPORT_EVIDENCE: readonly EvidenceItem[] = [
  { title: '单位和工地的情况', text: '单位全称、地址；在工地干活的，写清项目名称和地址。', photographable: false },
  { title: '工资条或工资发放记录', text: '银行流水、转账截图、工资表，能看出应发和实发多少。', photographable: true },
  { title: '考勤记录', text: '打卡记录、记工本、考勤表的照片，证明您在这里干了多少天。', photographable: true },
  { title: '劳动合同', text: '签过合同的，拍下合同各页；没签的，工牌、工作服、出入证也有用。', photographable: true },
  { title: '聊天和通话记录', text: '和老板、包工头谈工资、催工资的微信聊天、短信、录音。', photographable: true },
]
