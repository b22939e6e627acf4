import { defineMessages } from '../../report/messages.js';

/** Messages of the ZIP container parser. */
export const ZIP_MESSAGES = defineMessages({
  ZIP_NO_END_RECORD: {
    severity: 'error',
    vi: 'Không tìm thấy bản ghi kết thúc thư mục trung tâm của tệp ZIP.',
    en: 'The ZIP end-of-central-directory record is missing.',
  },
  ZIP_MALFORMED: {
    severity: 'error',
    vi: 'Tệp ZIP bị hỏng: {detail}',
    en: 'The ZIP file is damaged: {detail}',
  },
  ZIP_UNSUPPORTED: {
    severity: 'error',
    vi: 'Tệp ZIP dùng tính năng không được hỗ trợ: {feature}.',
    en: 'The ZIP file uses an unsupported feature: {feature}.',
  },
  ZIP_TOO_MANY_ENTRIES: {
    severity: 'error',
    vi: 'Tệp ZIP có hơn {limit} mục; không giải nén.',
    en: 'The ZIP file has more than {limit} entries; not extracted.',
  },
  ZIP_ENTRY_TOO_LARGE: {
    severity: 'error',
    vi: 'Mục "{name}" giải nén ra hơn {limit} byte; dừng giải nén (nghi ngờ bom nén).',
    en: 'The entry "{name}" inflates to more than {limit} bytes; extraction stopped (suspected zip bomb).',
  },
  ZIP_TOTAL_TOO_LARGE: {
    severity: 'error',
    vi: 'Tổng dung lượng giải nén của tệp ZIP vượt {limit} byte; dừng giải nén (nghi ngờ bom nén).',
    en: 'The ZIP file inflates to more than {limit} bytes in total; extraction stopped (suspected zip bomb).',
  },
  ZIP_NESTED_TOTAL_TOO_LARGE: {
    severity: 'error',
    vi: 'Các tệp ZIP lồng nhau trong tài liệu giải nén ra tổng cộng hơn {limit} byte; dừng giải nén (nghi ngờ bom nén), phần còn lại không kiểm tra được.',
    en: 'The ZIP files nested in this document inflate to more than {limit} bytes in total; extraction stopped (suspected zip bomb), the rest cannot be checked.',
  },
  ZIP_NESTED_TOO_MANY_ENTRIES: {
    severity: 'error',
    vi: 'Các tệp ZIP lồng nhau trong tài liệu có tổng cộng hơn {limit} mục; không giải nén tiếp, phần còn lại không kiểm tra được.',
    en: 'The ZIP files nested in this document hold more than {limit} entries in total; not extracted further, the rest cannot be checked.',
  },
  ZIP_ENCRYPTED_ENTRY: {
    severity: 'error',
    vi: 'Mục "{name}" được mã hóa; không kiểm tra được.',
    en: 'The entry "{name}" is encrypted; it cannot be checked.',
  },
  ZIP_UNSUPPORTED_METHOD: {
    severity: 'error',
    vi: 'Mục "{name}" dùng phương pháp nén {method} không được hỗ trợ.',
    en: 'The entry "{name}" uses the unsupported compression method {method}.',
  },
  ZIP_ENTRY_CORRUPT: {
    severity: 'error',
    vi: 'Mục "{name}" bị hỏng: {detail}',
    en: 'The entry "{name}" is damaged: {detail}',
  },
  ZIP_DUPLICATE_NAME: {
    severity: 'error',
    vi: 'Tệp ZIP có hai mục cùng tên "{name}" và "{other}"; các công cụ giải nén giữ những bản khác nhau nên không xác định được đâu là tệp thật; không kiểm tra.',
    en: 'The ZIP file has two entries named "{name}" and "{other}"; extraction tools keep different copies, so which one is the file cannot be told; not checked.',
  },
  ZIP_UNLISTED_DATA: {
    severity: 'error',
    vi: 'Tệp ZIP có dữ liệu mà thư mục trung tâm không liệt kê, tại vị trí {offset} ({detail}); công cụ đọc tuần tự có thể thấy một tệp khác; không kiểm tra.',
    en: 'The ZIP file holds bytes its central directory does not account for, at offset {offset} ({detail}); a reader that goes front to back may see another file; not checked.',
  },
  ZIP_LOCAL_HEADER_MISMATCH: {
    severity: 'error',
    vi: 'Tiêu đề cục bộ của mục "{name}" không khớp với thư mục trung tâm: {detail}; không kiểm tra.',
    en: 'The local header of the entry "{name}" disagrees with the central directory: {detail}; not checked.',
  },
  ZIP_APPLEDOUBLE_METADATA: {
    severity: 'info',
    vi: 'Các mục siêu dữ liệu macOS (AppleDouble, thư mục __MACOSX) không phải văn bản nên không được kiểm tra như văn bản: {names}.',
    en: 'macOS metadata entries (AppleDouble, the __MACOSX folder) are not documents and are not verified as such: {names}.',
  },
  ZIP_SUSPICIOUS_NAME: {
    severity: 'warning',
    vi: 'Tên mục "{name}" chứa đường dẫn tuyệt đối hoặc ".."; chỉ được dùng làm tên, không dùng làm đường dẫn.',
    en: 'The entry name "{name}" is absolute or contains ".."; it is used as a name only, never as a path.',
  },
});
