export default definePageConfig({ navigationBarTitleText: '填写欠薪反映' })
