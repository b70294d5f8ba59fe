// `npm run test:cluster`: the service as several instances behind nginx, on PostgreSQL and Redis,
// with real processes killed and a database stopped. Not part of `npm test` (it takes minutes and
// needs nginx); .ci/run runs it after `npm test`.
module.exports = {
  rootDir: '../..',
  displayName: 'cluster',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/cluster/**/*.test.ts'],
  transform: { '^.+\\.(js|jsx|ts|tsx|mjs)$': 'babel-jest' },
  testTimeout: 180_000,
}
