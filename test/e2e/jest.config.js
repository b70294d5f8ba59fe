// `npm run test:e2e`: the whole product (real server, H5 build) in Debian's Chromium.
module.exports = {
  rootDir: '../..',
  displayName: 'e2e',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/e2e/**/*.e2e.ts'],
  transform: { '^.+\\.(js|ts)$': 'babel-jest' },
  testTimeout: 60000,
}
