// Shared Jest setup: TypeScript through SWC (ts-jest does not support TypeScript 7), native ESM,
// workspace packages mapped to their sources so tests never depend on a stale build.
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(fileURLToPath(import.meta.url));

/** @param {string} packageDir @returns {import('jest').Config} */
export function jestConfig(packageDir) {
  return {
    rootDir: packageDir,
    testEnvironment: 'node',
    extensionsToTreatAsEsm: ['.ts'],
    testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
    moduleNameMapper: {
      '^@articula/common$': path.join(root, 'services/common/src/index.ts'),
      '^@articula/common/testing$': path.join(root, 'services/common/src/testing/index.ts'),
      '^@articula/works$': path.join(root, 'services/works/src/index.ts'),
      '^@articula/participation$': path.join(root, 'services/participation/src/index.ts'),
      '^@articula/budget$': path.join(root, 'services/budget/src/index.ts'),
      '^(\\.{1,2}/.*)\\.js$': '$1',
    },
    transform: {
      '^.+\\.ts$': [
        '@swc/jest',
        {
          jsc: {
            target: 'es2023',
            parser: { syntax: 'typescript', decorators: true },
            transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
          },
          module: { type: 'es6' },
        },
      ],
    },
    testTimeout: 60_000,
    maxWorkers: 1,
    globalSetup: path.join(root, 'services/common/jest/global-setup.mjs'),
    globalTeardown: path.join(root, 'services/common/jest/global-teardown.mjs'),
  };
}
