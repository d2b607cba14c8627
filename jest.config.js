// Unit specs live beside the code (*.spec.ts under src); the store contract suite and the HTTP and
// end-to-end tests live in test/. Type checking happens in `npm run build` (run before the tests),
// so ts-jest only transpiles. A few dependencies ship only ES modules, which Node loads with
// require() but jest's CommonJS runtime cannot: those are transpiled too.
const ESM_ONLY = ['jose', 'content-disposition'];
module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    [`^.+/node_modules/(${ESM_ONLY.join("|")})/.+\\.js$`]: ['ts-jest', { tsconfig: { allowJs: true, isolatedModules: true, module: 'commonjs', target: 'ES2022' } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'json'],
  setupFiles: ['reflect-metadata'],
  globalSetup: '<rootDir>/test/global-setup.js',
  testTimeout: 30000,
};
