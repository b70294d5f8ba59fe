import { Type } from '@sinclair/typebox'

export const IndexPage = Type.String({ description: 'H5 应用的首页（HTML）；其余文件（脚本、样式、图片）按构建结果原样提供' })

export const NotBuiltPage = Type.String({ description: '服务在运行但还没有构建 H5 应用：一页中文说明（HTML），告诉管理员如何构建' })

export const NotModified = Type.Null({ description: '与 If-None-Match 相同，没有变化，不带正文' })

export const ServiceWorker = Type.String({ description: '离线缓存 H5 应用本身的 Service Worker 脚本（JavaScript），随每次构建变化' })

export const NoServiceWorker = Type.Null({ description: '还没有构建 H5 应用，没有脚本' })

export const ConsolePage = Type.String({ description: '工作人员控制台（HTML），页面之间用网址的 # 部分切换；其余文件按构建结果原样提供' })

export const ConsoleNotBuilt = Type.String({ description: '服务在运行但还没有构建控制台：一页中文说明（HTML）' })

export const ConsoleRedirect = Type.Null({ description: '转到 /console/' })
