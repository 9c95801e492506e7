// Lint and the layer rules (layers enforced by a tool, not by goodwill).
//   shared/   pure TypeScript: no electron, node builtins, react, three, better-sqlite3
//   renderer/ no electron, node builtins or better-sqlite3
//   electron/ only main/, preload/ and ipc/ may import 'electron'; ipcMain only in ipc/register.ts,
//             ipcRenderer and contextBridge only in preload/index.ts (security checklist items 17, 20)
//   no network modules anywhere in the app (docs/security.md §3.5)
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import { builtinModules } from 'node:module'

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)]
const network = ['http', 'https', 'net', 'dgram', 'tls', 'http2', 'undici'].flatMap((m) => [m, `node:${m}`])

const restrict = (names, message, patterns = []) => ({
  'no-restricted-imports': ['error', {
    paths: names.map((name) => ({ name, message })),
    patterns: patterns.length ? [{ group: patterns, message }] : [],
  }],
})

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'native/**', '.reports/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports (one name for a thing everywhere it is imported).' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: restrict(
      ['electron', 'react', 'react-dom', 'three', 'better-sqlite3', ...nodeBuiltins],
      'shared/ is pure TypeScript: no Electron, Node, React or three.',
      ['@react-three/*', 'three/*', 'node:*', '../electron/*', '../renderer/*', '../../electron/*', '../../renderer/*'],
    ),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict(
        ['electron', 'better-sqlite3', ...nodeBuiltins],
        'renderer/ runs sandboxed: no Electron or Node modules. Use the bridge (renderer/bridge).',
        ['node:*', '../electron/*', '../../electron/*'],
      ),
    },
  },
  {
    files: ['electron/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: restrict(
      ['electron', ...network],
      "Only electron/main, electron/preload and electron/ipc may import 'electron'; the app never opens a network connection.",
    ),
  },
  {
    files: ['electron/main/**/*.ts', 'electron/ipc/**/*.ts', 'electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          ...network.map((name) => ({ name, message: 'The app never opens a network connection.' })),
          { name: 'electron', importNames: ['net'], message: 'The app never opens a network connection.' },
        ],
      }],
    },
  },
  {
    files: ['electron/web/**/*.ts'],
    // The web host is the one place that listens, on loopback only (electron/web/server.ts checks the bind).
    rules: restrict(['electron'], 'The web host runs without Electron.'),
  },
  {
    files: ['electron/main/**/*.ts', 'electron/ipc/**/*.ts'],
    ignores: ['electron/ipc/register.ts'],
    rules: {
      'no-restricted-syntax': ['error',
        { selector: "MemberExpression[object.name='ipcMain']", message: 'Register IPC handlers only through electron/ipc/register.ts (checklist item 17).' },
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
      ],
    },
  },
  {
    files: ['tests/**/*.{ts,tsx}', 'scripts/**/*.{js,mjs}', 'bench/**/*.ts', 'bin/**/*.js', '*.config.{ts,js}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: { 'no-restricted-imports': 'off', 'no-restricted-syntax': 'off' },
  },
)
