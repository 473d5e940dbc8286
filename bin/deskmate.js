#!/usr/bin/env node
// Runs the TypeScript sources directly (tsx), so `npx deskmate` works right after `npm ci`
// with no build step to forget.
process.env.DOTENV_CONFIG_QUIET ??= 'true'; // `natural` loads dotenv, which prints tips otherwise
const { register } = await import('tsx/esm/api');
register();
const { main } = await import('../src/cli.ts');
await main(process.argv);
