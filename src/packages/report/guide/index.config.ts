export default definePageConfig({ navigationBarTitleText: '反映前的准备' })
