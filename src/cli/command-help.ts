/**
 * Help and usage errors of `kyso metrics`, `kyso metrics merge` and `kyso queue …`, in
 * Vietnamese and English (terms as in docs/glossary.md). These commands parse their own
 * arguments (node:util parseArgs) and are loaded only when run, so their words live here
 * rather than in the verify command's table.
 */
import type { Lang } from './words.js';
import { fill } from './words.js';

const TRUST_VI = `  --trust <đường-dẫn>         thêm chứng thư số gốc tin cậy (PEM, DER, PKCS#7 hoặc thư mục); dùng được nhiều lần
  --trust-name-and-key <đường-dẫn>
                              thêm chứng thư số gốc tin cậy chỉ theo tên và khóa công khai (bỏ qua thời hạn, ràng buộc của chính nó); dùng được nhiều lần
  --no-default-trust          không dùng các chứng thư số gốc có sẵn trong kyso (cần ít nhất một --trust)
  --trust-store <thư-mục>     kho chứng thư số của người dùng (mặc định: kho do "kyso trust add" ghi)
  --at <iso-8601>             thời điểm kiểm tra, chỉ theo ISO 8601: 2026-06-01 hoặc 2026-06-01T09:30:00+07:00 (mặc định: bây giờ)
  --revocation <tệp>          thêm CRL hoặc phản hồi OCSP (DER hoặc PEM); dùng được nhiều lần
  --revocation-mode <chế-độ>  kiểm tra thu hồi: require, if-available, off (mặc định: if-available)
  --online                    cho phép tải CRL/OCSP từ địa chỉ ghi trong chứng thư số (mặc định: không dùng mạng)
  --allow-private-networks    cùng --online: cho phép tải cả từ mạng nội bộ (mặc định: chỉ địa chỉ công cộng)`;

const TRUST_EN = `  --trust <path>              add trust anchors (PEM, DER, PKCS#7 or a folder of them); repeatable
  --trust-name-and-key <path>
                              add trust anchors read as name and public key only (their own validity and constraints ignored); repeatable
  --no-default-trust          leave out kyso's bundled roots (needs at least one --trust)
  --trust-store <dir>         the user's trust store (default: the one "kyso trust add" writes)
  --at <iso-8601>             validation time, ISO 8601 only: 2026-06-01 or 2026-06-01T09:30:00+07:00 (default: now)
  --revocation <file>         add a CRL or an OCSP response (DER or PEM); repeatable
  --revocation-mode <mode>    revocation checking: require, if-available, off (default: if-available)
  --online                    allow fetching CRLs/OCSP from the certificates' URLs (default: no network)
  --allow-private-networks    with --online: fetch from private networks too (default: public addresses only)`;

const METRICS_OUTPUT_VI = `  --by <nhóm>                  nhóm theo agency (cơ quan), province (tỉnh), month (tháng), year (năm), cách nhau bằng dấu phẩy; "" là không nhóm (mặc định: province)
  --format <định-dạng>        text (bảng xếp hạng), json hoặc csv (mặc định: text)
  --lang <ngôn-ngữ>           vi hoặc en (mặc định theo LC_ALL / LC_MESSAGES / LANG)
  --indicator <mã>            chỉ tiêu dùng để xếp hạng (mặc định: chỉ tiêu đầu tiên)
  --indicators <tệp>          bộ chỉ tiêu riêng (JSON) thay cho bộ có sẵn`;

const METRICS_OUTPUT_EN = `  --by <groups>               group by agency, province, month, year, comma-separated; "" for no grouping (default: province)
  --format <format>           text (a ranking table), json or csv (default: text)
  --lang <lang>               vi or en (default from LC_ALL / LC_MESSAGES / LANG)
  --indicator <id>            the indicator the ranking is sorted by (default: the first one)
  --indicators <file>         your own indicator set (JSON) instead of the bundled one`;

const REDIS_VI = `  --redis <url>               địa chỉ Redis (mặc định: biến KYSO_REDIS_URL, nếu không có thì redis://127.0.0.1:6379)
  --queue <tên>               tên hàng đợi (mặc định: kyso)`;
const REDIS_EN = `  --redis <url>               the Redis URL (default: KYSO_REDIS_URL, else redis://127.0.0.1:6379)
  --queue <name>              the queue's name (default: kyso)`;

export const COMMAND_HELP = {
  vi: {
    metrics: `Cách dùng: kyso metrics [tùy-chọn] <tệp|thư-mục|bao-cao.jsonl|->...

Tổng hợp số liệu ứng dụng chữ ký số (đếm văn bản, không lấy số liệu tự khai) theo cơ quan, tỉnh, tháng.
Tệp .jsonl hoặc .ndjson (hoặc - là đầu vào chuẩn) được đọc như báo cáo do "kyso verify --format jsonl" ghi;
các tệp và thư mục khác được kiểm tra trước rồi mới đếm. Cặp x.pdf + x.pdf.p7s được tính là một văn bản.
Cùng nội dung (cùng SHA-256) chỉ đếm một lần, theo báo cáo kiểm tra sau cùng; văn bản trùng với tệp đính kèm
của một gói edXML/ZIP đã đếm không đếm lại. Số bị bỏ qua in ra ở dòng đầu (hoặc đầu ra lỗi với json, csv).

Tùy chọn:
${METRICS_OUTPUT_VI}
${TRUST_VI}
  --password <mật-khẩu>       mật khẩu mở tệp PDF được mã hóa (người dùng hoặc chủ sở hữu); dùng được nhiều lần (nên dùng --password-file)
  --password-file <tệp>       tệp mật khẩu mở tệp PDF được mã hóa, mỗi dòng một mật khẩu; dùng được nhiều lần
  --jobs <số>                 số tệp kiểm tra cùng lúc (mặc định: 2)
  --count-extracted-copies    vẫn đếm riêng văn bản trùng với tệp đính kèm của một gói (như số liệu phân đoạn của hàng đợi)
  -h, --help                  hiện trợ giúp này

Lệnh con:
  merge                       gộp các tệp số liệu (xem: kyso metrics merge --help)

Ví dụ:
  kyso verify --format jsonl ./luu-tru > bao-cao.jsonl && kyso metrics --by agency,month bao-cao.jsonl
  kyso metrics --format csv --by province ./van-ban > so-lieu.csv

Mã thoát: 0 thành công; 3 lỗi cách dùng hoặc tệp không đọc được.
`,
    merge: `Cách dùng: kyso metrics merge [tùy-chọn] <so-lieu.json|thư-mục>...

Cộng các tệp số liệu (các phân đoạn do "kyso queue work --out THƯ-MỤC" ghi, hoặc JSON của
"kyso metrics --format json") thành một; số đếm cộng được nên kết quả đúng bằng khi đếm một lần.
Thư mục được hiểu là các tệp *.metrics.json trong đó.

Tùy chọn:
${METRICS_OUTPUT_VI}
  -h, --help                  hiện trợ giúp này
Nhóm theo --by phải là tập con của cách nhóm trong mọi tệp đầu vào.

Ví dụ:
  kyso metrics merge --by agency ./phan-doan

Mã thoát: 0 thành công; 3 lỗi cách dùng hoặc tệp không đọc được.
`,
    queue: `Cách dùng: kyso queue <lệnh> [tùy-chọn]

Kiểm tra khối lượng lớn văn bản qua hàng đợi trên Redis (BullMQ): nhiều tiến trình cùng làm, mỗi văn bản được ghi đúng một lần.

Lệnh:
  submit                      gửi văn bản vào hàng đợi (xem: kyso queue submit --help)
  work                        nhận và kiểm tra văn bản, ghi kết quả vào các phân đoạn (xem: kyso queue work --help)
  status                      tình trạng hàng đợi (xem: kyso queue status --help)

Ví dụ:
  kyso queue submit --at 2026-06-01 ./luu-tru
  kyso queue work --out ./ket-qua --concurrency 2 --until-drained
  kyso queue status --lang vi

Mã thoát: 0 thành công; 3 lỗi cách dùng, tệp không đọc được hoặc không kết nối được Redis.
`,
    submit: `Cách dùng: kyso queue submit [tùy-chọn] <thư-mục|văn-bản|danh-sach.txt>...

Gửi mọi tệp được nêu hoặc tìm thấy vào hàng đợi, cùng các tùy chọn kiểm tra (được cố định cho cả đợt).
Tệp .txt hoặc .list không phải văn bản là danh sách đường dẫn, mỗi dòng một đường dẫn.

Tùy chọn:
${REDIS_VI}
${TRUST_VI}
  --attempts <số>             số lần thử mỗi văn bản (mặc định: 3)
  --backoff-ms <số>           thời gian chờ trước lần thử lại, mili giây, tăng dần (mặc định: 2000)
  -h, --help                  hiện trợ giúp này

Ví dụ:
  kyso queue submit --at 2026-06-01 --redis redis://may-chu:6379 ./luu-tru/2026

Mã thoát: 0 đã gửi; 3 lỗi cách dùng hoặc có tệp không đọc được.
`,
    work: `Cách dùng: kyso queue work --out <thư-mục> [tùy-chọn]

Nhận văn bản từ hàng đợi, kiểm tra và ghi báo cáo vào phân đoạn của tiến trình này trong thư mục --out.
Dừng bằng Ctrl-C hoặc SIGTERM: phân đoạn được đóng cẩn thận.

Tùy chọn:
${REDIS_VI}
  --out <thư-mục>             thư mục ghi các phân đoạn kết quả (bắt buộc)
  --shard <tên>               tên phân đoạn (mặc định: tên-máy-pid)
  --concurrency <số>          số văn bản kiểm tra cùng lúc (mặc định: 1)
  --lock-ms <số>              thời hạn giữ việc, mili giây: văn bản của tiến trình đã chết chờ chừng này trước khi tiến trình khác nhận (mặc định: 30000)
  --timeout-ms <số>           thời gian tối đa cho một văn bản, mili giây (mặc định: 600000)
  --no-fsync                  không đồng bộ xuống đĩa sau mỗi lần ghi (nhanh hơn, kém an toàn hơn)
  --until-drained             dừng khi hàng đợi đã hết việc
  -h, --help                  hiện trợ giúp này

Ví dụ:
  kyso queue work --out ./ket-qua --concurrency 2 --until-drained

Mã thoát: 0 dừng bình thường; 3 lỗi cách dùng hoặc không kết nối được Redis.
`,
    status: `Cách dùng: kyso queue status [tùy-chọn]

Tình trạng hàng đợi: số văn bản đã xong, thất bại, đang chờ; các phân đoạn; tốc độ và thời gian dự kiến; danh sách hỏng.

Tùy chọn:
${REDIS_VI}
  --format <định-dạng>        text hoặc json (mặc định: text)
  --lang <ngôn-ngữ>           vi hoặc en (mặc định theo LC_ALL / LC_MESSAGES / LANG)
  -h, --help                  hiện trợ giúp này

Ví dụ:
  kyso queue status --format json

Mã thoát: 0 thành công; 3 lỗi cách dùng hoặc không kết nối được Redis.
`,
    errors: {
      prefix: 'kyso {command}: {message}',
      seeHelp: 'Xem: kyso {command} --help',
      unknownOption: 'tùy chọn không hợp lệ: {token}',
      missingValue: 'tùy chọn {token} cần một giá trị',
      unexpectedArgument: 'thừa tham số: {token}',
      needInputs: 'cần ít nhất một tệp, thư mục hoặc tệp JSONL',
      needMergeInputs: 'cần ít nhất một tệp số liệu hoặc thư mục',
      needSubmitInputs: 'cần ít nhất một thư mục, văn bản hoặc danh sách',
      needOut: 'cần --out THƯ-MỤC và không có tham số nào khác',
      noArguments: 'lệnh này không nhận tham số',
      needSubcommand: 'cần một lệnh: submit, work hoặc status',
      unknownSubcommand: 'lệnh không hợp lệ: {token}',
      choice: '{option} phải là một trong: {choices}',
      integer: '{option} phải là số nguyên từ {min} đến {max}',
      at: '--at "{value}" không phải thời điểm ISO 8601: dùng 2026-06-01 hoặc 2026-06-01T09:30:00+07:00',
      noDefaultTrust: '--no-default-trust cần ít nhất một --trust',
      byUnknown: '--by nhận {choices} (không nhận {value})',
      byTwice: '--by nêu một nhóm hai lần',
      unknownIndicator: 'không có chỉ tiêu {value} (các chỉ tiêu: {choices})',
      badIndicators: '{path}: bộ chỉ tiêu không hợp lệ: {detail}',
    },
  },
  en: {
    metrics: `Usage: kyso metrics [options] <file|dir|reports.jsonl|->...

Adoption metrics of digital signatures (documents counted, not self-declared figures) by agency, province, month.
Inputs ending in .jsonl or .ndjson (or - for standard input) are read as the reports "kyso verify --format jsonl"
writes; other files and folders are verified first. A detached pair (x.pdf + x.pdf.p7s) counts as one document.
The same bytes (same SHA-256) count once, as the latest report judges them; a document that is an attachment
of a counted edXML/ZIP package is not counted again. What was dropped is said on the first line (standard error for json, csv).

Options:
${METRICS_OUTPUT_EN}
${TRUST_EN}
  --password <password>       a password that opens encrypted PDFs (user or owner); repeatable (prefer --password-file)
  --password-file <file>      a file of passwords that open encrypted PDFs, one per line; repeatable
  --jobs <n>                  files verified at once (default: 2)
  --count-extracted-copies    count a document that is an attachment of a package apart (as the queue's shard metrics do)
  -h, --help                  show this help

Commands:
  merge                       merge metrics files (see: kyso metrics merge --help)

Examples:
  kyso verify --format jsonl ./archive > reports.jsonl && kyso metrics --by agency,month reports.jsonl
  kyso metrics --format csv --by province ./documents > metrics.csv

Exit codes: 0 success; 3 usage error or a file that cannot be read.
`,
    merge: `Usage: kyso metrics merge [options] <metrics.json|dir>...

Sums metrics files (the shards "kyso queue work --out DIR" writes, or the JSON of
"kyso metrics --format json") into one; counts add, so the result equals one count over everything.
A folder stands for its *.metrics.json files.

Options:
${METRICS_OUTPUT_EN}
  -h, --help                  show this help
The --by grouping must be a subset of every input's grouping.

Examples:
  kyso metrics merge --by agency ./shards

Exit codes: 0 success; 3 usage error or a file that cannot be read.
`,
    queue: `Usage: kyso queue <command> [options]

Verifies very large sets of documents through a job queue on Redis (BullMQ): many workers, each document recorded exactly once.

Commands:
  submit                      submit documents to the queue (see: kyso queue submit --help)
  work                        take documents, verify them, write the results to shards (see: kyso queue work --help)
  status                      the queue's status (see: kyso queue status --help)

Examples:
  kyso queue submit --at 2026-06-01 ./archive
  kyso queue work --out ./results --concurrency 2 --until-drained
  kyso queue status --lang en

Exit codes: 0 success; 3 usage error, a file that cannot be read, or Redis cannot be reached.
`,
    submit: `Usage: kyso queue submit [options] <dir|document|list.txt>...

Submits every file given or found to the queue, with the verification options (frozen for the whole batch).
A .txt or .list file that is not a document is a list of paths, one per line.

Options:
${REDIS_EN}
${TRUST_EN}
  --attempts <n>              tries per document (default: 3)
  --backoff-ms <n>            wait before a retry, milliseconds, growing (default: 2000)
  -h, --help                  show this help

Examples:
  kyso queue submit --at 2026-06-01 --redis redis://server:6379 ./archive/2026

Exit codes: 0 submitted; 3 usage error or a file that cannot be read.
`,
    work: `Usage: kyso queue work --out <dir> [options]

Takes documents from the queue, verifies them and writes the reports to this worker's shard in the --out folder.
Stop with Ctrl-C or SIGTERM: the shard is closed cleanly.

Options:
${REDIS_EN}
  --out <dir>                 the folder the result shards are written to (required)
  --shard <name>              the shard's name (default: hostname-pid)
  --concurrency <n>           documents verified at once (default: 1)
  --lock-ms <n>               job lock, milliseconds: how long a dead worker's documents wait before others take them (default: 30000)
  --timeout-ms <n>            the longest one document may take, milliseconds (default: 600000)
  --no-fsync                  do not sync to disk after every write (faster, less safe)
  --until-drained             stop when the queue has no more work
  -h, --help                  show this help

Examples:
  kyso queue work --out ./results --concurrency 2 --until-drained

Exit codes: 0 stopped normally; 3 usage error or Redis cannot be reached.
`,
    status: `Usage: kyso queue status [options]

The queue's status: documents done, failed, pending; the shards; throughput and ETA; dead letters.

Options:
${REDIS_EN}
  --format <format>           text or json (default: text)
  --lang <lang>               vi or en (default from LC_ALL / LC_MESSAGES / LANG)
  -h, --help                  show this help

Examples:
  kyso queue status --format json

Exit codes: 0 success; 3 usage error or Redis cannot be reached.
`,
    errors: {
      prefix: 'kyso {command}: {message}',
      seeHelp: 'See: kyso {command} --help',
      unknownOption: 'unknown option: {token}',
      missingValue: 'option {token} needs a value',
      unexpectedArgument: 'unexpected argument: {token}',
      needInputs: 'needs at least one file, folder or JSONL file',
      needMergeInputs: 'needs at least one metrics file or folder',
      needSubmitInputs: 'needs at least one folder, document or list',
      needOut: 'needs --out DIR and no other arguments',
      noArguments: 'takes no arguments',
      needSubcommand: 'needs a command: submit, work or status',
      unknownSubcommand: 'unknown command: {token}',
      choice: '{option} must be one of: {choices}',
      integer: '{option} must be an integer from {min} to {max}',
      at: '--at "{value}" is not an ISO 8601 time: use 2026-06-01 or 2026-06-01T09:30:00+07:00',
      noDefaultTrust: '--no-default-trust needs at least one --trust',
      byUnknown: '--by takes {choices} (got {value})',
      byTwice: '--by names a group twice',
      unknownIndicator: 'unknown indicator {value} (known: {choices})',
      badIndicators: '{path}: not a valid indicator set: {detail}',
    },
  },
} as const satisfies Record<Lang, unknown>;

export type CommandName = 'metrics' | 'merge' | 'queue' | 'submit' | 'work' | 'status';
export type ErrorKey = keyof (typeof COMMAND_HELP)['en']['errors'];

/** A usage mistake in one of these commands: printed in the reader's language with a pointer to the command's help, exit 3. */
export class CommandUsageError extends Error {
  constructor(
    readonly key: ErrorKey,
    readonly values: Readonly<Record<string, string | number>> = {},
  ) {
    super(fill(COMMAND_HELP.en.errors[key], values));
  }
}

/** `-h` / `--help` anywhere before a lone `--`. */
export function wantsHelp(args: readonly string[]): boolean {
  for (const arg of args) {
    if (arg === '--') return false;
    if (arg === '-h' || arg === '--help') return true;
  }
  return false;
}

const COMMAND_PATH: Record<CommandName, string> = { metrics: 'metrics', merge: 'metrics merge', queue: 'queue', submit: 'queue submit', work: 'queue work', status: 'queue status' };

/**
 * The usage error's text in `lang`, or undefined when `error` is no usage error. Node's
 * parseArgs errors (English, with the token in quotes) are put in the reader's words.
 */
export function usageMessage(error: unknown, command: CommandName, lang: Lang): string | undefined {
  const e = COMMAND_HELP[lang].errors;
  let message: string | undefined;
  if (error instanceof CommandUsageError) message = fill(e[error.key], error.values);
  else if (error instanceof TypeError) {
    const code = (error as { code?: string }).code;
    const token = /'([^']+)'/.exec(error.message)?.[1] ?? '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') message = fill(e.unknownOption, { token });
    else if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') message = fill(e.missingValue, { token: /--?[\w-]+/.exec(error.message)?.[0] ?? token });
    else if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') message = fill(e.unexpectedArgument, { token });
  }
  if (message === undefined) return undefined;
  const path = COMMAND_PATH[command];
  return `${fill(e.prefix, { command: path, message })}\n${fill(e.seeHelp, { command: path })}\n`;
}
