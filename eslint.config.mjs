import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'
import globals from 'globals'

// What src/core may never import: it is shared by the app and the server and must stay pure.
const impureModules = [
  '@tarojs/*', 'react', 'react-*', '@nutui/*', 'dayjs', 'dayjs/*',
  'node:*', 'fs', 'path', 'crypto', 'os', 'http', 'https', 'url', 'stream', 'buffer', 'child_process',
  'better-sqlite3', 'kysely', 'pg', 'fastify', '@fastify/*',
  // Build- and test-time only: the festival table it produced is checked in (scripts/festival-dates.js).
  'lunar-javascript',
  '**/services/**', '**/pages/**', '**/packages/**', '**/components/**', '**/server/**',
]

// The API contract: request and response types declared once, as the server's TypeBox schemas
// (server/**/*.schemas.ts). The app and src/core take them by `import type`, which every build erases:
// core stays pure where it counts, at run time and in the bundles, and the body core validates or the
// answer the app reads is not written a second time.
const contractTypesOnly = {
  group: ['**/server/**/*.schemas'],
  allowTypeImports: true,
  message: 'From the API schemas the app and src/core take types only: `import type { … } from \'…/server/…/x.schemas\'`.',
}
// Inline `import { type X }` is type-only too, but a build that keeps module syntax verbatim keeps the
// import itself: only the declaration form is erased everywhere.
const typeDeclarationsOnly = {
  selector: "ImportDeclaration[importKind='value'][source.value=/(^|\\/)server\\//]",
  message: 'Take types from server code as a whole declaration: `import type { … } from …`.',
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', 'test/shims/taro-h5.js', 'test/e2e/screenshots/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Promises: one that nobody awaits loses its error (`void` says fire-and-forget is meant), and one
    // passed where a plain function is expected (an event handler, a forEach) is never awaited.
    // Type-checked, with the nearest tsconfig of each file.
    files: ['src/**/*.{ts,tsx}', 'server/**/*.ts', 'console/**/*.{ts,tsx,mts}', 'test/**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    // Fastify awaits an async hook (preHandler, onRequest), but a route's options type the hook as
    // returning void unless its generic is inferred, so the property check would flag every one.
    files: ['server/**/*.routes.ts'],
    rules: { '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { properties: false } }] },
  },
  {
    files: ['src/**/*.{ts,tsx}', 'console/src/**/*.{ts,tsx}', 'test/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', 'config/**', 'scripts/**', 'server/**', 'test/**'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/core/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [
          contractTypesOnly,
          { group: impureModules, message: 'src/core is pure TypeScript: no Taro, React, Node, database or app-layer imports.' },
        ],
      }],
      'no-restricted-syntax': ['error', typeDeclarationsOnly],
      'no-restricted-globals': ['error', 'window', 'document', 'wx', 'Buffer', 'require', 'localStorage', 'fetch'],
    },
  },
  {
    files: ['src/**'],
    ignores: ['src/core/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [
          contractTypesOnly,
          { group: ['**/server/**', 'node:*', 'fs', 'path', 'better-sqlite3', 'kysely', 'pg', 'fastify'], message: 'The app cannot import server or Node code.' },
          { group: ['**/console/**', 'antd', 'antd/*'], message: 'The staff console never enters the mini-app.' },
          { group: ['lunar-javascript'], message: 'The app does not ship lunar-javascript: use src/core/calendar/holiday-rules.ts.' },
        ],
      }],
      'no-restricted-syntax': ['error', typeDeclarationsOnly],
    },
  },
  {
    files: ['server/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/src/services/**', '**/src/pages/**', '**/src/packages/**', '**/src/components/**', '@tarojs/*', 'react'], message: 'The server shares only src/core with the app.' },
          { group: ['**/console/**'], message: 'The server serves the console build; it does not import its code.' },
          { group: ['lunar-javascript'], message: 'lunar-javascript is a devDependency: use src/core/calendar/holiday-rules.ts.' },
        ],
      }],
    },
  },
  {
    // The contract's files hold declarations: TypeBox, core's constants and each other, nothing that
    // would put Fastify, Node or the database behind the app's type imports.
    files: ['server/**/*.schemas.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{
          regex: '^(?!@sinclair/typebox$|(\\.\\.?/)+(src/core/.+|(.+\\.)?schemas)$)',
          message: 'A schemas file imports only @sinclair/typebox, src/core and other schemas files (and server/schemas.ts).',
        }],
      }],
    },
  },
  {
    // The staff console: a browser app that shares src/core with the mini-app and takes the API's
    // types from the server's schema files as types only (no bundle cost); the rest it reaches over HTTP.
    files: ['console/src/**'],
    languageOptions: { globals: globals.browser },
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/server/**/*.schemas'], allowTypeImports: true, message: 'The console reaches the service over HTTP: import the schema types with `import type`.' },
          // A type import that the pattern above allows passes this one too.
          { group: ['**/server/**'], message: 'Of server/, the console may import only the schema files (*.schemas.ts), as types.' },
          { group: ['**/src/*', '!**/src/core'], message: 'The console shares only src/core with the mini-app.' },
          { group: ['@tarojs/*', '@nutui/*', 'node:*', 'fs', 'path', 'crypto', 'better-sqlite3', 'kysely', 'pg', 'fastify', '@fastify/*'], message: 'The console is a browser app: no Taro, NutUI, Node or service code.' },
        ],
      }],
    },
  },
)
