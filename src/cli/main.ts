/**
 * The `kyso` command: arguments parsed by commander, help and usage errors in the
 * reader's language (--lang, else LC_ALL / LC_MESSAGES / LANG). Exit codes in
 * help-words.ts: 0 all passed, 1 a failure, 2 otherwise, 3 usage or I/O error, 130 Ctrl-C.
 */
import { readFile } from 'node:fs/promises';
import { Command, CommanderError, type Help } from 'commander';
import { KysoError, KysoIoError } from '../errors.js';
import { defaultJobs } from '../node/pool.js';
import { defaultTrustStoreDir, TrustFileError } from '../node/trust-files.js';
import { HELP } from './help-words.js';
import { parseIsoTime } from './time.js';
import { runTrustAdd, runTrustList, runTrustRemove } from './trust-command.js';
import type { CliIo } from './verify-command.js';
import { runVerify } from './verify-command.js';
import { fill, langFromEnv, type Lang } from './words.js';
import { FORMATS, type Format } from './writers.js';

export type { CliIo } from './verify-command.js';
export { exitCodeOf } from './verify-command.js';

const defaultIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** A usage mistake: printed with a pointer to the command's help, exit 3. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command = '',
  ) {
    super(message);
  }
}

async function version(): Promise<string> {
  const text = await readFile(new URL('../../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

/** `--lang X` or `--lang=X` anywhere in argv decides the language of help and errors too. */
function langFromArgv(argv: readonly string[]): Lang | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = arg === '--lang' ? argv[i + 1] : arg.startsWith('--lang=') ? arg.slice(7) : undefined;
    if (value === 'vi' || value === 'en') return value;
  }
  return undefined;
}

const collect = (value: string, previous: string[]) => [...previous, value];

function oneOf<T extends string>(value: string, allowed: readonly T[], option: string, lang: Lang, command: string): T {
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(fill(HELP[lang].errors.choice, { option, choices: allowed.join(', ') }), command);
  return value as T;
}

function atOption(value: string | undefined, lang: Lang, command: string): Date | undefined {
  if (value === undefined) return undefined;
  const at = parseIsoTime(value);
  if (!at) throw new UsageError(fill(HELP[lang].errors.at, { value }), command);
  return at;
}

interface VerifyOpts {
  trust: string[];
  trustNameAndKey: string[];
  defaultTrust: boolean;
  trustStore?: string;
  at?: string;
  revocation: string[];
  revocationMode: string;
  online?: boolean;
  allowPrivateNetworks?: boolean;
  content: string[];
  packageSignature: string;
  format: string;
  output?: string;
  lang: string;
  jobs?: string;
  quiet?: boolean;
  progress?: boolean;
  include: string[];
  exclude: string[];
  password: string[];
  passwordFile: string[];
}

function buildProgram(lang: Lang, kysoVersion: string, io: CliIo, setCode: (code: number) => void): Command {
  const h = HELP[lang];
  const program = new Command('kyso');
  program
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: () => undefined })
    .configureHelp({
      // Descriptions carry their defaults in the reader's language; the parser's English "(default: …)" is left out.
      optionDescription: (option) => option.description,
      argumentDescription: (argument) => argument.description,
      styleTitle: (title: string) => h.titles[title] ?? title,
      sortOptions: false,
      subcommandTerm: (command) => `${command.name()} ${command.usage()}`.trimEnd(),
    } satisfies Partial<Help>)
    .helpOption('-h, --help', h.help)
    .helpCommand(`help [${h.meta.command}]`, h.helpCommand)
    .version(kysoVersion, '-v, --version', h.version)
    .description(h.program)
    .usage(h.usage.program)
    .addHelpText('after', h.programAfter)
    .showSuggestionAfterError(false);

  const o = h.verifyOptions;
  const m = h.meta;
  program
    .command('verify')
    .description(h.verify)
    .usage(h.usage.verify)
    .argument(`[${m.paths}...]`, h.verifyArgs.paths)
    .option(`--trust <${m.path}>`, o.trust, collect, [])
    .option(`--trust-name-and-key <${m.path}>`, o.trustNameAndKey, collect, [])
    .option('--no-default-trust', o.noDefaultTrust)
    .option(`--trust-store <${m.dir}>`, fill(o.trustStore, { dir: defaultTrustStoreDir() }))
    .option('--at <iso-8601>', o.at)
    .option(`--revocation <${m.file}>`, o.revocation, collect, [])
    .option(`--revocation-mode <${m.mode}>`, o.revocationMode, 'if-available')
    .option('--online', o.online)
    .option('--allow-private-networks', o.allowPrivateNetworks)
    .option(`--content <${m.file}>`, o.content, collect, [])
    .option(`--package-signature <${m.mode}>`, o.packageSignature, 'report')
    .option(`--password <${m.password}>`, o.password, collect, [])
    .option(`--password-file <${m.file}>`, o.passwordFile, collect, [])
    .option(`--format <${m.format}>`, o.format, 'text')
    .option(`-o, --output <${m.file}>`, o.output)
    .option(`--lang <${m.lang}>`, fill(o.lang, { lang }), lang)
    .option(`--jobs <${m.n}>`, fill(o.jobs, { cpus: defaultJobs() }))
    .option('-q, --quiet', o.quiet)
    .option('--progress', o.progress)
    .option('--no-progress', o.noProgress)
    .option(`--include <${m.glob}>`, o.include, collect, [])
    .option(`--exclude <${m.glob}>`, o.exclude, collect, [])
    .addHelpText('after', h.verifyAfter)
    .action(async (paths: string[], opts: VerifyOpts) => {
      if (paths.length === 0) throw new UsageError(h.errors.noPaths, 'verify');
      const format = oneOf(opts.format, FORMATS, '--format', lang, 'verify') as Format;
      const chosenLang = oneOf(opts.lang, ['vi', 'en'] as const, '--lang', lang, 'verify');
      const revocationMode = oneOf(opts.revocationMode, ['require', 'if-available', 'off'] as const, '--revocation-mode', lang, 'verify');
      const at = atOption(opts.at, lang, 'verify') ?? new Date();
      let jobs: number | undefined;
      if (opts.jobs !== undefined) {
        jobs = /^\d+$/.test(opts.jobs) ? Number(opts.jobs) : NaN;
        if (!Number.isInteger(jobs) || jobs < 1 || jobs > 256) throw new UsageError(h.errors.jobs, 'verify');
      }
      const packageSignature = oneOf(opts.packageSignature, ['report', 'require'] as const, '--package-signature', lang, 'verify');
      if (opts.content.length > 0 && paths.length !== 1) throw new UsageError(h.errors.content, 'verify');
      if (!opts.defaultTrust && opts.trust.length === 0 && opts.trustNameAndKey.length === 0) throw new UsageError(h.errors.noDefaultTrust, 'verify');
      setCode(
        await runVerify(
          {
            paths,
            trust: opts.trust,
            trustNameAndKey: opts.trustNameAndKey,
            defaultTrust: opts.defaultTrust,
            ...(opts.trustStore ? { trustStore: opts.trustStore } : {}),
            at,
            revocation: opts.revocation,
            revocationMode,
            online: opts.online ?? false,
            ...(opts.allowPrivateNetworks ? { allowPrivateNetworks: true } : {}),
            content: opts.content,
            packageSignature,
            passwords: opts.password,
            passwordFiles: opts.passwordFile,
            format,
            ...(opts.output ? { output: opts.output } : {}),
            lang: chosenLang,
            ...(jobs !== undefined ? { jobs } : {}),
            quiet: opts.quiet ?? false,
            ...(opts.progress !== undefined ? { progress: opts.progress } : {}),
            include: opts.include,
            exclude: opts.exclude,
            kyso: kysoVersion,
          },
          io,
        ),
      );
    });

  const t = h.trustOptions;
  const trust = program.command('trust').description(h.trust).usage(h.usage.trust).addHelpText('after', h.trustAfter);
  trust
    .command('list')
    .description(h.trustList)
    .usage(h.usage.list)
    .option(`--format <${m.format}>`, t.format, 'text')
    .option(`--trust-store <${m.dir}>`, fill(o.trustStore, { dir: defaultTrustStoreDir() }))
    .option('--at <iso-8601>', t.at)
    .option(`--lang <${m.lang}>`, fill(o.lang, { lang }), lang)
    .action(async (opts: { format: string; trustStore?: string; at?: string; lang: string }) => {
      const format = oneOf(opts.format, ['text', 'json'] as const, '--format', lang, 'trust list');
      const chosenLang = oneOf(opts.lang, ['vi', 'en'] as const, '--lang', lang, 'trust list');
      const at = atOption(opts.at, lang, 'trust list') ?? new Date();
      setCode(await runTrustList({ format, dir: opts.trustStore ?? defaultTrustStoreDir(), at, lang: chosenLang }, io));
    });
  trust
    .command('add')
    .description(h.trustAdd)
    .usage(h.usage.add)
    .argument(`<${m.files}...>`, h.trustArgs.files)
    .option('--anchor', t.anchor)
    .option(`--trust-store <${m.dir}>`, fill(o.trustStore, { dir: defaultTrustStoreDir() }))
    .option(`--lang <${m.lang}>`, fill(o.lang, { lang }), lang)
    .action(async (files: string[], opts: { anchor?: boolean; trustStore?: string; lang: string }) => {
      const chosenLang = oneOf(opts.lang, ['vi', 'en'] as const, '--lang', lang, 'trust add');
      setCode(await runTrustAdd({ files, anchor: opts.anchor ?? false, dir: opts.trustStore ?? defaultTrustStoreDir(), lang: chosenLang }, io));
    });
  trust
    .command('remove')
    .description(h.trustRemove)
    .usage(h.usage.remove)
    .argument(`<${m.names}...>`, h.trustArgs.names)
    .option(`--trust-store <${m.dir}>`, fill(o.trustStore, { dir: defaultTrustStoreDir() }))
    .option(`--lang <${m.lang}>`, fill(o.lang, { lang }), lang)
    .action(async (names: string[], opts: { trustStore?: string; lang: string }) => {
      const chosenLang = oneOf(opts.lang, ['vi', 'en'] as const, '--lang', lang, 'trust remove');
      setCode(await runTrustRemove({ names, dir: opts.trustStore ?? defaultTrustStoreDir(), lang: chosenLang }, io));
    });

  // `kyso metrics` and `kyso queue` parse their own arguments (metrics-command.ts, queue-command.ts); listed here for the help.
  program.command('metrics').description(h.metrics).helpOption(false).allowUnknownOption().allowExcessArguments();
  program.command('queue').description(h.queue).helpOption(false).allowUnknownOption().allowExcessArguments();
  return program;
}

function commanderMessage(error: CommanderError, lang: Lang): string {
  const e = HELP[lang].errors;
  const token = /'([^']+)'/.exec(error.message)?.[1] ?? '';
  switch (error.code) {
    case 'commander.unknownOption':
      return fill(e.unknownOption, { token });
    case 'commander.unknownCommand':
      return fill(e.unknownCommand, { token });
    case 'commander.missingArgument':
      return fill(e.missingArgument, { token });
    case 'commander.optionMissingArgument':
      return fill(e.optionMissingArgument, { token });
    case 'commander.excessArguments':
      return e.excessArguments;
    case 'commander.invalidArgument':
      return fill(e.invalidArgument, { token });
    default:
      return e.generic;
  }
}

/** The command path of the argv ("verify", "trust add"), for the pointer to its help. */
function commandOf(argv: readonly string[]): string {
  const [first, second] = argv;
  if (first === 'trust' && (second === 'list' || second === 'add' || second === 'remove')) return `trust ${second}`;
  return first === 'verify' || first === 'trust' || first === 'metrics' ? first : '';
}

export async function main(args: readonly string[], io: CliIo = defaultIo): Promise<number> {
  let argv = args;
  const lang = langFromArgv(argv) ?? langFromEnv();
  const h = HELP[lang];
  const usage = (message: string, command: string) => {
    io.stderr(`kyso: ${message}\n${fill(h.errors.seeHelp, { command: command ? `${command}` : '' }).replace('kyso  --help', 'kyso --help')}\n`);
    return 3;
  };
  try {
    // Loaded on demand, and parsing their own arguments: `kyso metrics` (metrics-command.ts) and
    // `kyso queue` (queue-command.ts; BullMQ and ioredis are not for every `kyso verify`).
    // `kyso help metrics [merge]` and `kyso help queue [submit|work|status]`: the command's own help.
    if (argv[0] === 'help' && (argv[1] === 'metrics' || argv[1] === 'queue')) argv = [...argv.slice(1, argv[2] && !argv[2].startsWith('-') ? 3 : 2), '--help'];
    if (argv[0] === 'metrics' && argv[1] === 'merge') return await (await import('./metrics-merge-command.js')).metricsMergeCommand(argv.slice(2), io, { version: await version(), lang });
    if (argv[0] === 'metrics') return await (await import('./metrics-command.js')).metricsCommand(argv.slice(1), io, { version: await version(), lang });
    if (argv[0] === 'queue') return await (await import('./queue-command.js')).queueCommand(argv.slice(1), io, lang);
    let code = 0;
    const program = buildProgram(lang, await version(), io, (c) => (code = c));
    if (argv.length === 0) {
      io.stderr(`kyso: ${h.errors.noCommand}\n\n${program.helpInformation()}`);
      return 3;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
      // `kyso help [command]` exits 0; help shown for a missing subcommand (`kyso trust`) is a usage error.
      if (error.code === 'commander.help') return error.exitCode === 0 ? 0 : 3;
      return usage(commanderMessage(error, lang), commandOf(argv));
    }
    if (error instanceof UsageError) return usage(error.message, error.command);
    if (error instanceof TrustFileError) {
      const template = error.problem === 'private-key' ? h.errors.trustPrivateKey : error.problem === 'no-certificate' ? h.errors.trustNoCertificate : h.errors.trustMalformed;
      io.stderr(`kyso: ${fill(template, { path: error.path, detail: error.message })}\n`);
      return 3;
    }
    // A file the OS would not let us read, said in the user's language.
    if (error instanceof KysoIoError && error.path !== undefined && error.reason !== undefined) {
      io.stderr(`kyso: ${fill(h.errors.io, { path: error.path, message: error.reason })}\n`);
      return 3;
    }
    if (error instanceof KysoError) {
      io.stderr(`kyso: ${error.message}\n`);
      return 3;
    }
    throw error;
  }
}
