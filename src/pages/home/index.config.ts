export default definePageConfig({ navigationBarTitleText: '法治人社' })
