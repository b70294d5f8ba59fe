export default definePageConfig({ navigationBarTitleText: '节假日与加班工资' })
