/**
 * Every word the `kyso` command says, in Vietnamese and English, in one table (the
 * terms follow docs/glossary.md). Values from reports (coverage and change levels,
 * roles, package signature states, edXML fields) are translated here too, so no
 * English value leaks into a Vietnamese sentence.
 */
import { indicationWord } from '../report/summary.js';

export type Lang = 'vi' | 'en';

function verdictWords(lang: Lang) {
  return {
    TOTAL_PASSED: indicationWord('TOTAL_PASSED', lang),
    TOTAL_FAILED: indicationWord('TOTAL_FAILED', lang),
    INDETERMINATE: indicationWord('INDETERMINATE', lang),
    NO_SIGNATURE: indicationWord('NO_SIGNATURE', lang),
  };
}

/** English plural: `1 document`, `2 documents`. */
export function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

const VI = {
  // Verdict words and format names come from report/summary.ts, which writes the verdict lines.
  verdict: { ...verdictWords('vi'), ERROR: 'LỖI ĐỌC TỆP' },
  indicationShort: { TOTAL_PASSED: 'hợp lệ', TOTAL_FAILED: 'không hợp lệ', INDETERMINATE: 'chưa xác định', NO_SIGNATURE: 'không có chữ ký số', ERROR: 'lỗi đọc tệp' },
  signer: 'Người ký',
  chain: 'Chuỗi chứng thư số',
  claimed: 'thời điểm ký do người ký khai',
  timestamp: 'dấu thời gian',
  noTimestamp: 'không có dấu thời gian',
  coverage: 'Phạm vi ký',
  coverageLevel: {
    unclear: 'không rõ',
    'contiguous-block': 'một đoạn liền từ đầu tệp',
    'entire-revision': 'toàn bộ phiên bản được ký',
    'entire-file': 'toàn bộ tệp',
    elements: 'một số phần tử XML',
  },
  changes: 'Thay đổi sau khi ký',
  changeLevel: {
    none: 'không có',
    ltv: 'chỉ thêm dữ liệu kiểm tra dài hạn (LTV, dấu thời gian)',
    'form-filling': 'điền biểu mẫu',
    annotations: 'thêm chú thích',
    other: 'thay đổi không được phép',
  },
  field: 'Trường chữ ký {field}',
  page: 'trang {page}',
  revision: 'phiên bản {revision}/{revisions}',
  reason: 'lý do: {reason}',
  location: 'nơi ký: {location}',
  attachment: 'Tệp đính kèm',
  roles: 'Nghị định 30/2020: {person}; {organization}',
  rolePerson: { true: 'có chữ ký số của cá nhân', false: 'chưa có chữ ký số của cá nhân' },
  roleOrganization: { true: 'có chữ ký số của cơ quan, tổ chức', false: 'chưa có chữ ký số của cơ quan, tổ chức' },
  role: { person: 'cá nhân', organization: 'cơ quan, tổ chức', unknown: 'chưa rõ là cá nhân hay tổ chức' },
  envelopeFrom: 'Gói edXML: cơ quan gửi {from}',
  envelopeTo: 'cơ quan nhận {to}',
  envelopeCode: 'văn bản số {code}',
  envelopeDate: 'ngày {date}',
  subject: 'Trích yếu: {subject}',
  packageSignature: 'Chữ ký số của gói: {state}',
  packageStates: {
    absent: 'không có',
    valid: 'hợp lệ',
    'content-changed': 'giá trị chữ ký đúng nhưng nội dung đã bị thay đổi sau khi ký',
    invalid: 'không hợp lệ',
    unverifiable: 'không kiểm tra được',
  } as Record<string, string>,
  metadataSigned: 'Thông tin được chữ ký số hợp lệ bảo vệ: {fields}',
  metadataUnsigned: 'Thông tin KHÔNG được chữ ký số hợp lệ bảo vệ: {fields}',
  metadataField: {
    senderOrganId: 'mã cơ quan gửi',
    promulgationDate: 'ngày ban hành',
    documentType: 'loại văn bản',
    codeNumber: 'số văn bản',
    codeNotation: 'ký hiệu văn bản',
    subject: 'trích yếu',
  } as Record<string, string>,
  none: 'không có',
  ioError: 'Không đọc được tệp: {message} ({code})',
  // The operating system's own text is English; the codes a reader meets are said in words.
  ioReasons: {
    ENOENT: 'tệp không tồn tại',
    EACCES: 'không có quyền đọc tệp',
    EPERM: 'không được phép đọc tệp',
    EISDIR: 'đây là một thư mục',
    ELOOP: 'liên kết tượng trưng tạo thành vòng lặp',
    EMFILE: 'quá nhiều tệp đang mở cùng lúc',
    ENAMETOOLONG: 'tên tệp quá dài',
    EIO: 'lỗi vào/ra của thiết bị lưu trữ',
  } as Record<string, string>,
  contentFile: 'Nội dung tách rời: {path}',
  summaryDocuments: (n: number) => `Tổng cộng ${n} văn bản`,
  summaryCounts: (c: Counts) =>
    `${c.TOTAL_PASSED} hợp lệ, ${c.TOTAL_FAILED} không hợp lệ, ${c.INDETERMINATE} chưa xác định, ${c.NO_SIGNATURE} không có chữ ký số`,
  summaryErrors: (n: number) => `${n} tệp không đọc được`,
  summarySkipped: (n: number) => `Bỏ qua ${n} tệp:`,
  skipReason: {
    hidden: 'tệp ẩn',
    excluded: 'bị loại theo --exclude',
    'not-included': 'không khớp --include',
    'symlink-loop': 'liên kết tượng trưng tạo vòng lặp',
    duplicate: 'trùng với tệp đã kiểm tra',
    'not-a-file': 'không phải tệp thông thường',
    'too-deep': 'thư mục lồng quá sâu',
  } as Record<string, string>,
  sameAs: 'trùng với {path}',
  revocationNotChecked: (n: number) =>
    `Chưa kiểm tra tình trạng thu hồi của ${n} chữ ký số hợp lệ (kyso chạy ngoại tuyến): dùng --revocation TỆP hoặc --online để kiểm tra.`,
  revocationNotFound: (n: number) =>
    `Không kiểm tra được tình trạng thu hồi của ${n} chữ ký số hợp lệ: dữ liệu thu hồi được cung cấp (--revocation) hoặc tải về (--online) không có thông tin dùng được cho chúng.`,
  validationTime: 'Thời điểm kiểm tra',
  interrupted: 'Đã dừng theo yêu cầu (Ctrl-C): báo cáo chỉ gồm các văn bản đã kiểm tra xong.',
  vietnamTime: 'giờ Việt Nam',
  progress: { done: 'xong', rate: 'văn bản/giây', eta: 'còn lại', passed: 'hợp lệ', failed: 'không hợp lệ', other: 'khác' },
} as const;

export interface Counts {
  TOTAL_PASSED: number;
  TOTAL_FAILED: number;
  INDETERMINATE: number;
  NO_SIGNATURE: number;
}

type Words = { [K in keyof typeof VI]: (typeof VI)[K] extends (...args: never[]) => string ? (typeof VI)[K] : (typeof VI)[K] extends string ? string : { [P in keyof (typeof VI)[K]]: string } };

const EN: Words = {
  verdict: { ...verdictWords('en'), ERROR: 'CANNOT READ' },
  indicationShort: { TOTAL_PASSED: 'passed', TOTAL_FAILED: 'failed', INDETERMINATE: 'indeterminate', NO_SIGNATURE: 'without signature', ERROR: 'unreadable' },
  signer: 'Signer',
  chain: 'Certificate chain',
  claimed: 'signing time claimed by the signer',
  timestamp: 'timestamp',
  noTimestamp: 'no timestamp',
  coverage: 'Coverage',
  coverageLevel: {
    unclear: 'unclear',
    'contiguous-block': 'a contiguous block from the start of the file',
    'entire-revision': 'the whole signed revision',
    'entire-file': 'the whole file',
    elements: 'some XML elements',
  },
  changes: 'Changes after signing',
  changeLevel: {
    none: 'none',
    ltv: 'long-term validation data only (LTV, timestamps)',
    'form-filling': 'form filling',
    annotations: 'annotations',
    other: 'changes that are not allowed',
  },
  field: 'Signature field {field}',
  page: 'page {page}',
  revision: 'revision {revision} of {revisions}',
  reason: 'reason: {reason}',
  location: 'location: {location}',
  attachment: 'Attachment',
  roles: 'Decree 30/2020: {person}; {organization}',
  rolePerson: { true: 'signed by a person', false: 'no signature of a person' },
  roleOrganization: { true: 'signed by an organisation', false: 'no signature of an organisation' },
  role: { person: 'person', organization: 'organisation', unknown: 'person or organisation not known' },
  envelopeFrom: 'edXML package: from {from}',
  envelopeTo: 'to {to}',
  envelopeCode: 'document {code}',
  envelopeDate: 'dated {date}',
  subject: 'Subject: {subject}',
  packageSignature: 'Package signature: {state}',
  packageStates: {
    absent: 'absent',
    valid: 'valid',
    'content-changed': 'signature value valid but the content was changed after signing',
    invalid: 'invalid',
    unverifiable: 'cannot be verified',
  },
  metadataSigned: 'Metadata protected by a valid signature: {fields}',
  metadataUnsigned: 'Metadata NOT protected by a valid signature: {fields}',
  metadataField: {
    senderOrganId: 'sender code',
    promulgationDate: 'date of issue',
    documentType: 'document type',
    codeNumber: 'document number',
    codeNotation: 'document notation',
    subject: 'subject',
  },
  none: 'none',
  ioError: 'The file cannot be read: {message} ({code})',
  ioReasons: {
    ENOENT: 'no such file',
    EACCES: 'permission to read it is denied',
    EPERM: 'reading it is not permitted',
    EISDIR: 'it is a folder',
    ELOOP: 'its symbolic links form a loop',
    EMFILE: 'too many files are open at once',
    ENAMETOOLONG: 'its name is too long',
    EIO: 'the storage device reported an input/output error',
  } as Record<string, string>,
  contentFile: 'Detached content: {path}',
  summaryDocuments: (n: number) => plural(n, 'document', 'documents'),
  summaryCounts: (c: Counts) => `${c.TOTAL_PASSED} passed, ${c.TOTAL_FAILED} failed, ${c.INDETERMINATE} indeterminate, ${c.NO_SIGNATURE} without signature`,
  summaryErrors: (n: number) => `${plural(n, 'file', 'files')} could not be read`,
  summarySkipped: (n: number) => `Skipped ${plural(n, 'file', 'files')}:`,
  skipReason: {
    hidden: 'hidden file',
    excluded: 'left out by --exclude',
    'not-included': 'does not match --include',
    'symlink-loop': 'symbolic link loop',
    duplicate: 'same file as one already verified',
    'not-a-file': 'not a regular file',
    'too-deep': 'folder nested too deep',
  },
  sameAs: 'same file as {path}',
  revocationNotChecked: (n: number) =>
    `Revocation was not checked for ${plural(n, 'valid signature', 'valid signatures')} (kyso runs offline): give --revocation FILE or --online to check it.`,
  revocationNotFound: (n: number) =>
    `Revocation could not be checked for ${plural(n, 'valid signature', 'valid signatures')}: the revocation data given (--revocation) or fetched (--online) held nothing usable about them.`,
  validationTime: 'Validation time',
  interrupted: 'Stopped on request (Ctrl-C): the report holds only the documents verified so far.',
  vietnamTime: 'Vietnam time',
  progress: { done: 'done', rate: 'documents/s', eta: 'left', passed: 'passed', failed: 'failed', other: 'other' },
};

export const WORDS: Readonly<Record<Lang, Words>> = { vi: VI as unknown as Words, en: EN };

export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

/** `LC_ALL`, then `LC_MESSAGES`, then `LANG` (POSIX order): Vietnamese when it starts with `vi`. */
export function langFromEnv(env: NodeJS.ProcessEnv = process.env): Lang {
  const value = env['LC_ALL'] || env['LC_MESSAGES'] || env['LANG'] || '';
  return value.toLowerCase().startsWith('vi') ? 'vi' : 'en';
}
