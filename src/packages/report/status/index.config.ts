export default definePageConfig({ navigationBarTitleText: '查询进度' })
