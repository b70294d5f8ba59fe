// Names of the question banks and question types, shared by the app, the staff console and the service.
import type { QuestionBank, QuestionType } from '../content/model'

export const QUESTION_BANKS: readonly QuestionBank[] = ['contest', 'practice']
export const QUESTION_BANK_NAMES: Readonly<Record<QuestionBank, string>> = { contest: '竞赛题库', practice: '练习题' }

export const QUESTION_TYPE_LABELS: Readonly<Record<QuestionType, string>> = { single: '单选题', multiple: '多选题', judge: '判断题' }
