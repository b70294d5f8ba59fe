export default definePageConfig({ navigationBarTitleText: '法治答题' })
