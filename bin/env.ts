/**
 * Imported first by the bin, before anything loads React: the production build of React is
 * several times lighter than the development one, which matters for an idle sheet's CPU.
 * Tests (vitest) set NODE_ENV themselves and keep the development build's checks.
 */
process.env.NODE_ENV ??= 'production';
