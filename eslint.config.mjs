// One lint setup for the workspace: type-aware promise rules, no warnings allowed,
// and the dependency direction said in rules rather than remembered.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'data/**',
      '.tmp/**',
      'test/.scratch/**',
      '**/*.mjs',
      '**/*.mts',
      '**/*.cjs',
      '**/*.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-unsafe-function-type': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/only-throw-error': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@spil/server', '@spil/client', '**/server/**', '**/client/**'],
              message: 'shared imports nothing of ours',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@spil/client', '**/client/**'], message: 'server never imports client' },
          ],
        },
      ],
    },
  },
  {
    // No personal data in application logs: an error's message can quote names or plan text,
    // so log calls describe errors with describeError() (server/src/common/describe-error.ts).
    files: ['server/src/**/*.ts'],
    ignores: ['server/src/cli/**', 'server/src/**/*.spec.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.property.name=/^(log|warn|error|debug|verbose|fatal)$/]:matches([callee.object.name=/ogger$/], [callee.object.property.name=/ogger$/]) :matches(CallExpression[callee.name='String'], MemberExpression[property.name='message'])",
          message: 'log the kind of error with describeError(e), never its message',
        },
      ],
    },
  },
  {
    // One way to the plan (ADR 013): outside the collab layer, the plan and its documents are
    // reached through the plan-documents port (PLAN_DOCUMENTS), never through CollabService.
    // Only the cluster wiring and the audit bridge (hooks on connections) use the service itself.
    files: ['server/src/**/*.ts'],
    ignores: [
      'server/src/collab/**',
      'server/src/cluster/**',
      'server/src/audit-bridge/**',
      'server/src/modules/**',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@spil/client', '**/client/**'], message: 'server never imports client' },
            {
              group: ['**/collab/collab.service', '**/collab/collab.repository'],
              message: 'reach the plan through PLAN_DOCUMENTS (common/plan-documents.port.ts)',
            },
          ],
        },
      ],
    },
  },
  {
    // Owners of authoritative facts never import the collab layer; they publish domain events.
    files: ['server/src/modules/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/collab/**', '@spil/client', '**/client/**'],
              message: 'modules publish domain events; collab listens',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@spil/server', '**/server/**'], message: 'client never imports server' },
          ],
        },
      ],
    },
  },
);
