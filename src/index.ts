/** The package root (`import ... from 'iamd'`): the policy engine's public entry points. */
export * from './policy/index.ts';
