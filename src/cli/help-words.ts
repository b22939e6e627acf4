/**
 * The help and the usage errors of `kyso`, in Vietnamese and English (terms as in
 * docs/glossary.md). Defaults are written into the descriptions, in the reader's
 * language, instead of the parser's English "(default: …)".
 */
import type { Lang } from './words.js';

const EXIT_CODES = {
  vi: `Mã thoát:
  0    mọi văn bản đều hợp lệ
  1    có văn bản không hợp lệ
  2    còn lại: có văn bản chưa xác định hoặc không có chữ ký số (hoặc không có văn bản nào)
  3    lỗi cách dùng, hoặc có tệp không đọc được (sau khi mọi tệp khác đã được kiểm tra)
  130  dừng bằng Ctrl-C (báo cáo gồm các văn bản đã kiểm tra xong)`,
  en: `Exit codes:
  0    every document passed
  1    a document failed
  2    otherwise: a document is indeterminate or has no signature (or there was no document)
  3    usage error, or a file could not be read (after every other file was verified)
  130  stopped with Ctrl-C (the report holds the documents verified so far)`,
};

export const HELP = {
  vi: {
    /** Placeholders of option values and the usage lines, in the reader's words. */
    meta: { path: 'đường-dẫn', file: 'tệp', dir: 'thư-mục', mode: 'chế-độ', format: 'định-dạng', lang: 'ngôn-ngữ', n: 'số', glob: 'mẫu', paths: 'tệp-hoặc-thư-mục', files: 'tệp', names: 'vân-tay-hoặc-tệp', command: 'lệnh', password: 'mật-khẩu' },
    usage: { program: '[tùy-chọn] [lệnh]', verify: '[tùy-chọn] [tệp-hoặc-thư-mục...]', trust: '[tùy-chọn] [lệnh]', list: '[tùy-chọn]', add: '[tùy-chọn] <tệp...>', remove: '[tùy-chọn] <vân-tay-hoặc-tệp...>', any: '[tùy-chọn]' },
    titles: { 'Usage:': 'Cách dùng:', 'Options:': 'Tùy chọn:', 'Arguments:': 'Tham số:', 'Commands:': 'Lệnh:', 'Global Options:': 'Tùy chọn chung:' } as Record<string, string>,
    help: 'hiện trợ giúp này',
    version: 'hiện phiên bản của kyso',
    helpCommand: 'hiện trợ giúp của một lệnh',
    program: 'kyso kiểm tra chữ ký số trên văn bản điện tử Việt Nam (PDF, XML, edXML, hóa đơn điện tử, CMS) theo chuỗi chứng thư số của các CA Việt Nam.',
    programAfter: `
Ví dụ:
  kyso verify ./van-ban --format html --output bao-cao.html
  kyso verify --help
  kyso trust list

Ngôn ngữ: --lang vi|en; mặc định theo biến môi trường LC_ALL, LC_MESSAGES rồi LANG (bắt đầu bằng "vi" là tiếng Việt).`,
    verify: 'kiểm tra chữ ký số của các tệp và mọi tệp trong các thư mục',
    verifyArgs: { paths: 'tệp hoặc thư mục cần kiểm tra' },
    verifyOptions: {
      trust: 'thêm chứng thư số gốc tin cậy (PEM, DER, PKCS#7, hoặc thư mục chứa chúng); dùng được nhiều lần',
      trustNameAndKey:
        'thêm chứng thư số gốc tin cậy chỉ theo tên và khóa công khai: bỏ qua thời hạn, ràng buộc tên, basicConstraints và phần mở rộng quan trọng của chính nó (chỉ dùng khi thật cần); dùng được nhiều lần',
      noDefaultTrust: 'không dùng các chứng thư số gốc có sẵn trong kyso (cần ít nhất một --trust)',
      trustStore: 'kho chứng thư số của người dùng (mặc định: {dir})',
      at: 'thời điểm kiểm tra, chỉ theo ISO 8601: 2026-06-01 (0 giờ UTC) hoặc 2026-06-01T09:30:00+07:00 (mặc định: bây giờ)',
      revocation: 'thêm danh sách thu hồi (CRL) hoặc phản hồi OCSP, DER hoặc PEM; dùng được nhiều lần',
      revocationMode: 'kiểm tra thu hồi: require (bắt buộc), if-available (khi có dữ liệu), off (không kiểm tra); mặc định: if-available',
      online: 'cho phép tải CRL/OCSP từ địa chỉ ghi trong chứng thư số (mặc định: không dùng mạng)',
      allowPrivateNetworks:
        'cùng --online: cho phép tải cả từ mạng nội bộ (loopback, RFC 1918, link-local...); mặc định chỉ tải từ địa chỉ công cộng, vì địa chỉ trong chứng thư số do người gửi tài liệu chọn',
      content: 'nội dung tách rời (chỉ với một tệp chữ ký số): với tệp .p7s là tệp được ký; với chữ ký XML tách rời là URI=TỆP cho từng Reference (chỉ TỆP: URI là tên tệp); dùng được nhiều lần',
      format: 'định dạng báo cáo: text, json, jsonl, csv, html (mặc định: text)',
      output: 'ghi báo cáo vào tệp thay vì đầu ra chuẩn',
      lang: 'ngôn ngữ: vi hoặc en (mặc định theo LC_ALL / LC_MESSAGES / LANG; hiện tại: {lang})',
      jobs: 'số tệp kiểm tra song song, mỗi tệp trên một luồng riêng (mặc định: số CPU, ở đây {cpus}; luồng cuối cùng chỉ khởi động khi lần chạy tỏ ra dài: sau 2.000 tệp mỗi luồng hoặc 3 giây; lần chạy từ 16 tệp trở xuống, tổng không quá 32 MiB, được kiểm tra trên luồng chính)',
      quiet: 'chỉ in các văn bản không hợp lệ, chưa xác định, không có chữ ký số hoặc không đọc được (định dạng text)',
      progress: 'luôn hiện tiến độ trên stderr (mặc định: chỉ khi stderr là terminal)',
      noProgress: 'không hiện tiến độ',
      include: 'chỉ kiểm tra các tệp trong thư mục khớp mẫu này (glob, ví dụ "*.pdf"); dùng được nhiều lần',
      exclude: 'bỏ qua các tệp hoặc thư mục khớp mẫu này (glob); dùng được nhiều lần',
      packageSignature: 'chữ ký số của gói (edXML): report (chỉ báo cáo) hoặc require (bắt buộc phải hợp lệ); mặc định: report',
      password:
        'mật khẩu mở tệp PDF được mã hóa (mật khẩu người dùng hoặc chủ sở hữu), thử sau mật khẩu trống; dùng được nhiều lần. Người khác trên máy có thể thấy nó trong danh sách tiến trình: nên dùng --password-file',
      passwordFile: 'tệp chứa mật khẩu mở tệp PDF được mã hóa, mỗi dòng một mật khẩu (UTF-8, giữ nguyên khoảng trắng); dùng được nhiều lần',
    },
    verifyAfter: `
Mỗi tệp được nêu hoặc tìm thấy có đúng một mục trong báo cáo, theo thứ tự: kết luận, hoặc lý do không đọc được.
Tệp không phải văn bản (ảnh, .docx, tệp rỗng) được báo là không có chữ ký số. Cặp x.pdf + x.pdf.p7s là một văn bản.
Tệp ẩn (tên bắt đầu bằng ".") trong thư mục được liệt kê trong phần bỏ qua.

Ví dụ:
  kyso verify hop-dong.pdf
  kyso verify --at 2026-06-01 --format csv --output ket-qua.csv ./luu-tru/2026
  kyso verify --quiet --include "*.pdf" --exclude "nhap/**" ./van-ban
  kyso verify --format jsonl ./van-ban > bao-cao.jsonl

${EXIT_CODES.vi}`,
    trust: 'quản lý kho chứng thư số tin cậy của người dùng',
    trustList: 'liệt kê chứng thư số tin cậy: có sẵn trong kyso và do người dùng thêm; đánh dấu chứng thư số đã hết hạn hoặc chưa có hiệu lực',
    trustAdd: 'thêm chứng thư số của CA vào kho của người dùng (chứng thư số tự ký là gốc tin cậy, còn lại là CA trung gian)',
    trustRemove: 'xóa chứng thư số khỏi kho của người dùng, theo dấu vân tay SHA-256 (ít nhất 8 ký tự đầu) hoặc theo tệp',
    trustArgs: { files: 'tệp chứng thư số (PEM, DER, PKCS#7)', names: 'dấu vân tay SHA-256 hoặc tệp chứng thư số' },
    trustOptions: {
      format: 'định dạng: text hoặc json (mặc định: text)',
      anchor: 'thêm như gốc tin cậy kể cả khi chứng thư số không tự ký',
      at: 'thời điểm dùng để đánh dấu hết hạn, ISO 8601 (mặc định: bây giờ)',
    },
    trustAfter: `
Ví dụ:
  kyso trust add viettel-ca.cer
  kyso trust list
  kyso trust remove 3F2A9C01

Mã thoát: 0 thành công; 3 lỗi cách dùng, tệp không đọc được hoặc không phải chứng thư số.`,
    metrics: 'tổng hợp số liệu ứng dụng chữ ký số từ văn bản hoặc báo cáo JSONL',
    queue: 'kiểm tra khối lượng lớn văn bản qua hàng đợi (Redis): submit, work, status',
    errors: {
      unknownOption: 'tùy chọn không hợp lệ: {token}',
      unknownCommand: 'lệnh không hợp lệ: {token}',
      missingArgument: 'thiếu tham số: {token}',
      optionMissingArgument: 'tùy chọn {token} cần một giá trị',
      excessArguments: 'thừa tham số',
      invalidArgument: 'giá trị không hợp lệ: {token}',
      generic: 'lỗi cách dùng',
      noCommand: 'chưa nêu lệnh',
      noPaths: 'verify cần ít nhất một tệp hoặc thư mục',
      choice: '{option} phải là một trong: {choices}',
      at: '--at "{value}" không phải thời điểm ISO 8601: dùng 2026-06-01 hoặc 2026-06-01T09:30:00+07:00 (ngày-tháng kiểu 01/06/2026 không được chấp nhận vì dễ nhầm ngày với tháng)',
      jobs: '--jobs phải là số nguyên từ 1 đến 256',
      content: '--content chỉ dùng với đúng một tệp chữ ký số',
      contentCms: '--content: chữ ký CMS tách rời (.p7s) có đúng một tệp nội dung; dạng URI=TỆP chỉ dùng cho chữ ký XML tách rời',
      noDefaultTrust: '--no-default-trust cần ít nhất một --trust',
      passwords: 'quá nhiều mật khẩu: tối đa {max} (--password và các dòng của --password-file)',
      passwordFileNotUtf8: '{path} không phải văn bản UTF-8: hãy lưu tệp mật khẩu ở dạng UTF-8 (mã khác, như Windows-1258, làm sai các mật khẩu có dấu)',
      passwordFileTooLarge: '{path} quá lớn đối với một tệp mật khẩu (tối đa {max} byte)',
      seeHelp: 'Xem: kyso {command} --help',
      io: 'không đọc được {path}: {message}',
      output: 'không ghi được báo cáo vào {path}: {message}',
      trustPrivateKey: '{path} là khóa bí mật, không phải chứng thư số: không bao giờ đưa khóa bí mật vào kho tin cậy',
      trustNoCertificate: '{path} không chứa chứng thư số nào (PEM, DER hoặc PKCS#7)',
      trustMalformed: '{path} không phải chứng thư số hợp lệ: {detail}',
      trustUnmatched: 'không tìm thấy chứng thư số nào khớp với {name} (hoặc khớp nhiều hơn một)',
    },
  },
  en: {
    meta: { path: 'path', file: 'file', dir: 'dir', mode: 'mode', format: 'format', lang: 'lang', n: 'n', glob: 'glob', paths: 'paths', files: 'files', names: 'names', command: 'command', password: 'password' },
    usage: { program: '[options] [command]', verify: '[options] [paths...]', trust: '[options] [command]', list: '[options]', add: '[options] <files...>', remove: '[options] <names...>', any: '[options]' },
    titles: {} as Record<string, string>,
    help: 'show this help',
    version: "show kyso's version",
    helpCommand: 'show the help of a command',
    program: 'kyso verifies the digital signatures of Vietnamese electronic documents (PDF, XML, edXML, e-invoices, CMS) against the Vietnamese CA certificate chains.',
    programAfter: `
Examples:
  kyso verify ./documents --format html --output report.html
  kyso verify --help
  kyso trust list

Language: --lang vi|en; the default comes from LC_ALL, LC_MESSAGES, then LANG (Vietnamese when it starts with "vi").`,
    verify: 'verify the digital signatures of files and of every file in folders',
    verifyArgs: { paths: 'files or folders to verify' },
    verifyOptions: {
      trust: 'add trust anchors (PEM, DER, PKCS#7, or a folder of them); repeatable',
      trustNameAndKey:
        "add trust anchors read as name and public key only: their own certificate's validity, name constraints, basicConstraints and critical extensions are ignored (only when really needed); repeatable",
      noDefaultTrust: "leave out kyso's bundled roots (needs at least one --trust)",
      trustStore: "the user's trust store (default: {dir})",
      at: 'validation time, ISO 8601 only: 2026-06-01 (midnight UTC) or 2026-06-01T09:30:00+07:00 (default: now)',
      revocation: 'add a CRL or an OCSP response, DER or PEM; repeatable',
      revocationMode: 'revocation checking: require, if-available, off (default: if-available)',
      online: "allow fetching CRLs/OCSP from the certificates' URLs (default: no network)",
      allowPrivateNetworks:
        "with --online: fetch from private networks too (loopback, RFC 1918, link-local...); by default only public addresses are fetched from, since whoever sends a document chooses the URLs in its certificates",
      content: 'detached content (with exactly one signature file): for a .p7s the signed file; for a detached XML signature URI=FILE per Reference (FILE alone: the URI is its name); repeatable',
      format: 'report format: text, json, jsonl, csv, html (default: text)',
      output: 'write the report to a file instead of standard output',
      lang: 'language: vi or en (default from LC_ALL / LC_MESSAGES / LANG; now: {lang})',
      jobs: 'files verified in parallel, each in its own thread (default: the number of CPUs, here {cpus}; the last thread starts once the run proves long: after 2,000 files a thread or 3 s; a run of at most 16 files and 32 MiB is verified on the main thread)',
      quiet: 'print only documents that failed, are indeterminate, unsigned or unreadable (text format)',
      progress: 'always show progress on stderr (default: only when stderr is a terminal)',
      noProgress: 'never show progress',
      include: 'verify only files in folders that match this glob (e.g. "*.pdf"); repeatable',
      exclude: 'leave out files or folders that match this glob; repeatable',
      password:
        "a password that opens encrypted PDFs (user or owner password), tried after the empty one; repeatable. Other users of the machine may see it in the process list: prefer --password-file",
      passwordFile: 'a file of passwords that open encrypted PDFs, one per line (UTF-8, spaces kept); repeatable',
      packageSignature: 'the package (edXML) signature: report (shown only) or require (must be valid); default: report',
    },
    verifyAfter: `
Every file given or found gets exactly one entry in the report, in order: a verdict, or why it could not be read.
A file that is not a document (an image, a .docx, an empty file) is reported without signature. x.pdf + x.pdf.p7s is one document.
Hidden files (names starting with ".") in folders are listed as skipped.

Examples:
  kyso verify contract.pdf
  kyso verify --at 2026-06-01 --format csv --output results.csv ./archive/2026
  kyso verify --quiet --include "*.pdf" --exclude "drafts/**" ./documents
  kyso verify --format jsonl ./documents > report.jsonl

${EXIT_CODES.en}`,
    trust: "manage the user's trust store",
    trustList: 'list trusted certificates: bundled with kyso and added by the user; marks expired and not-yet-valid ones',
    trustAdd: "add CA certificates to the user's store (a self-signed certificate becomes a trust anchor, others intermediate CAs)",
    trustRemove: "remove certificates from the user's store, by SHA-256 fingerprint (at least its first 8 hex digits) or by file",
    trustArgs: { files: 'certificate files (PEM, DER, PKCS#7)', names: 'SHA-256 fingerprints or certificate files' },
    trustOptions: {
      format: 'format: text or json (default: text)',
      anchor: 'add as trust anchors even when not self-signed',
      at: 'the time expiry is judged at, ISO 8601 (default: now)',
    },
    trustAfter: `
Examples:
  kyso trust add viettel-ca.cer
  kyso trust list
  kyso trust remove 3F2A9C01

Exit codes: 0 success; 3 usage error, a file that cannot be read or is not a certificate.`,
    metrics: 'adoption metrics from documents or JSONL reports',
    queue: 'verify very large sets of documents through a job queue (Redis): submit, work, status',
    errors: {
      unknownOption: 'unknown option: {token}',
      unknownCommand: 'unknown command: {token}',
      missingArgument: 'missing argument: {token}',
      optionMissingArgument: 'option {token} needs a value',
      excessArguments: 'too many arguments',
      invalidArgument: 'invalid value: {token}',
      generic: 'usage error',
      noCommand: 'no command given',
      noPaths: 'verify needs at least one file or folder',
      choice: '{option} must be one of: {choices}',
      at: '--at "{value}" is not an ISO 8601 time: use 2026-06-01 or 2026-06-01T09:30:00+07:00 (01/06/2026 is refused: day and month are easily swapped)',
      jobs: '--jobs must be an integer from 1 to 256',
      content: '--content goes with exactly one signature file',
      contentCms: '--content: a detached CMS signature (.p7s) has exactly one content file; URI=FILE is for detached XML signatures',
      noDefaultTrust: '--no-default-trust needs at least one --trust',
      passwords: 'too many passwords: at most {max} (--password and the lines of --password-file)',
      passwordFileNotUtf8: '{path} is not UTF-8 text: save the password file as UTF-8 (another encoding, such as Windows-1258, would change passwords with accents)',
      passwordFileTooLarge: '{path} is too large for a password file (at most {max} bytes)',
      seeHelp: 'See: kyso {command} --help',
      io: 'cannot read {path}: {message}',
      output: 'cannot write the report to {path}: {message}',
      trustPrivateKey: '{path} is a private key, not a certificate: a private key never belongs in a trust store',
      trustNoCertificate: '{path} holds no certificate (PEM, DER or PKCS#7)',
      trustMalformed: '{path} is not a valid certificate: {detail}',
      trustUnmatched: 'no certificate matches {name} (or more than one does)',
    },
  },
} satisfies Record<Lang, unknown>;
