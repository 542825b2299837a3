/**
 * The worker as a chaos run starts it in a child process: `sitrep start` (config from
 * SITREP_CONFIG and the environment), except that alerts go to the fake chat API named by
 * `--chat URL` (HttpChatPlatform) or, without it, to the console front end as JSON lines on stdout. Logs (pino JSON)
 * go to stderr. Prints "WORKER READY" on stderr once the pipeline runs.
 */
import { parseArgs } from 'node:util';
import { createConsoleFrontEnd } from '../../../src/chat/console/console-front-end.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { createLogger } from '../../../src/log/logger.js';
import { startApp } from '../../../src/main.js';
import { frontEndOf } from '../../support/recording-platform.js';
import { HttpChatPlatform } from './http-chat-platform.js';

const { values } = parseArgs({
  options: { chat: { type: 'string' }, 'no-find': { type: 'boolean' } },
});
const config = loadConfig();
const log = createLogger({ level: config.logLevel, pretty: false, destination: process.stderr });
const app = await startApp(
  config,
  log,
  values.chat
    ? [frontEndOf(new HttpChatPlatform(values.chat, { canFind: values['no-find'] !== true }))]
    : [createConsoleFrontEnd(process.stdout, { json: true })],
);
process.stderr.write('WORKER READY\n');
const stop = (): void => {
  app.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
