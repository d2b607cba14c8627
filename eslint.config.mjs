import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'dist-bench/**', 'node_modules/**', 'coverage/**', 'data/**', 'data-demo/**', 'bench/out/**', 'jest.config.js', 'test/global-setup.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'better-sqlite3', message: 'Only the SQLite adapter files may import the store client.' },
            { name: '@eventstore/db-client', message: 'Only the EventStoreDB adapter may import the store client.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/event-store/sqlite-*.ts', 'src/event-store/eventstoredb-*.ts', 'src/**/sqlite*.ts', 'bench/**/*.ts', 'test/contract/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
