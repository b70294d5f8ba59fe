/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.jpg'
declare module '*.svg'
declare module '*.css'
declare module '*.scss'

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV?: 'weapp' | 'h5'
    /** Base URL of the pufa service for the WeChat build (H5 uses its own origin). */
    TARO_APP_API_BASE?: string
  }
}
