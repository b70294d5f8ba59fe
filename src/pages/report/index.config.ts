export default definePageConfig({ navigationBarTitleText: '欠薪反映' })
