export default definePageConfig({ navigationBarTitleText: '反映回执' })
