import '@testing-library/jest-dom'
import React from 'react'
import ReactDOM from 'react-dom'
import { createH5NativeComponentConfig } from '@tarojs/plugin-framework-react/dist/runtime'

// Without this, Taro's page hooks (useLoad, useDidShow) cannot reach React.
createH5NativeComponentConfig(null, React, ReactDOM)
