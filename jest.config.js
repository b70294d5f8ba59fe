// `npm test`: everything that needs only Node (and PostgreSQL when reachable).
// The browser suite has its own config under test/e2e.
const transform = { '^.+\\.(js|jsx|ts|tsx|mjs)$': 'babel-jest' }

module.exports = {
  // Real databases, password hashing and builds share two cores with each other in a full run: a test that
  // takes 2 s alone has taken over 5 s there. Speed is measured by the benches, not by these timeouts.
  testTimeout: 30_000,
  projects: [
    {
      displayName: 'core',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/core/**/*.test.ts'],
      transform,
    },
    {
      // The staff console's pure helpers (its pages are tested in Chromium, test/e2e/console-*.e2e.ts).
      displayName: 'console',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/console/**/*.test.ts'],
      transform,
    },
    {
      displayName: 'server',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/server/**/*.test.ts'],
      transform,
    },
    {
      // The WeChat build check (scripts/check-weapp) on a real build made in a temporary copy.
      displayName: 'weapp',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/weapp/**/*.test.ts'],
      transform,
    },
    {
      displayName: 'app',
      testEnvironment: '<rootDir>/test/shims/jsdom-with-fetch.js',
      testMatch: ['<rootDir>/test/app/**/*.test.tsx'],
      testEnvironmentOptions: { url: 'http://localhost/', customExportConditions: ['node', 'node-addons'] },
      transform,
      // Taro packages nest their own node_modules, so the usual negative look-ahead is not enough.
      transformIgnorePatterns: [
        '^(?!.*/node_modules/(@tarojs|@nutui|@stencil|@swc/helpers|lodash-es|swiper|ssr-window|dom7|query-string|decode-uri-component|split-on-first|filter-obj)/).*/node_modules/',
      ],
      moduleNameMapper: {
        '\\.(css|scss|sass|less)$': 'identity-obj-proxy',
        '^@tarojs/taro$': '<rootDir>/test/shims/taro-h5.js',
        '^@tarojs/components$': '@tarojs/components/lib/react/index',
        '^@/(.*)$': '<rootDir>/src/$1',
      },
      setupFiles: ['<rootDir>/test/shims/env.js'],
      setupFilesAfterEnv: ['<rootDir>/test/shims/setup-react.ts'],
      globals: {
        ENABLE_INNER_HTML: true,
        ENABLE_ADJACENT_HTML: true,
        ENABLE_SIZE_APIS: true,
        ENABLE_TEMPLATE_CONTENT: true,
        ENABLE_MUTATION_OBSERVER: true,
        ENABLE_CLONE_NODE: true,
        ENABLE_CONTAINS: true,
        DEPRECATED_ADAPTER_COMPONENT: false,
        SUPPORT_DINGTALK_NAVIGATE: 'disabled',
        __TARO_FRAMEWORK__: 'react',
        // Build-time constants of config/index.ts; page tests that need the API set API_BASE themselves.
        API_BASE: '',
        APP_VERSION: require('./package.json').version,
      },
    },
  ],
}
