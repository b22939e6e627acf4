/** The kyso command from source, for tests that need it in a child process: `node --import tsx test/queue/kyso-cli.ts …`. */
import { main } from '../../src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
