export default definePageConfig({ navigationBarTitleText: '各区参与情况' })
