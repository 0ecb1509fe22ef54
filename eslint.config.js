import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// The import walls: each layer may import only the layers below it.
// ui -> state -> workers -> train -> core, with data beside train.
const wall = (files, forbidden, message) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      { patterns: forbidden.map((group) => ({ group: [group], message })) },
    ],
  },
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'public/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  wall(
    ['src/core/**'],
    ['**/data/**', '**/train/**', '**/workers/**', '**/state/**', '**/ui/**', '**/cli/**', '@tensorflow/*', 'react', 'react-dom', '@xyflow/*', 'zustand'],
    'src/core is the pure search engine: it imports no other layer, no tfjs and no React.',
  ),
  wall(
    ['src/data/**'],
    ['**/train/**', '**/workers/**', '**/state/**', '**/ui/**', '**/cli/**', '@tensorflow/*', 'react', 'react-dom'],
    'src/data imports only src/core.',
  ),
  wall(
    ['src/train/**'],
    ['**/workers/**', '**/state/**', '**/ui/**', '**/cli/**', 'react', 'react-dom', 'zustand'],
    'src/train imports only src/core and src/data.',
  ),
  wall(
    ['src/workers/**'],
    ['**/state/**', '**/ui/**', '**/cli/**', 'react', 'react-dom', 'zustand'],
    'src/workers imports nothing of src/state, src/ui or src/cli.',
  ),
  wall(
    ['src/state/**'],
    ['**/ui/**', '**/cli/**', 'react-dom', '@xyflow/*'],
    'src/state imports nothing of src/ui or src/cli.',
  ),
  wall(
    ['src/cli/**'],
    ['**/ui/**', '**/state/store*', 'react', 'react-dom', '@xyflow/*', 'zustand'],
    'The CLI imports no React and no UI store.',
  ),
);
