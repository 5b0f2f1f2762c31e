/**
 * Imported first by the bin, before anything loads React: the production build of React is
 * several times lighter than the development one, which matters for an idle sheet's CPU.
 * Tests (vitest) set NODE_ENV themselves and keep the development build's checks. (The
 * one-file bundle has the production build compiled in: scripts/build-client.mjs; `env` is a
 * local so the bundler's constant does not collide with this assignment.)
 */
const env = process.env;
env.NODE_ENV ??= 'production';
