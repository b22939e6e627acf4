import { defineMessages } from '../../report/messages.js';

/** Messages of the e-invoice profile (hóa đơn điện tử). */
export const EINVOICE_MESSAGES = defineMessages({
  EINVOICE_MESSAGE: {
    severity: 'info',
    vi: 'Thông điệp hóa đơn điện tử {message}{type}.',
    en: 'E-invoice message {message}{type}.',
  },
  EINVOICE_SIGNATURE_ROLE: {
    severity: 'info',
    vi: 'Chữ ký {id} là chữ ký của {role_vi} (DSCKS/{element}).',
    en: 'Signature {id} is the {role_en}’s (DSCKS/{element}).',
  },
  EINVOICE_ROLE_NOT_COVERED: {
    severity: 'error',
    vi: 'Chữ ký {id} của {role_vi} không ký {element}, phần dữ liệu mà chữ ký của vai trò này phải bao phủ.',
    en: 'Signature {id} of the {role_en} does not sign {element}, the data a signature of this role must cover.',
  },
  EINVOICE_SIGNING_TIME: {
    severity: 'info',
    vi: 'Thời điểm ký khai báo {text} (không có múi giờ: đọc theo giờ Việt Nam, UTC+7).',
    en: 'Claimed signing time {text} (no time zone: read as Vietnam time, UTC+7).',
  },
  EINVOICE_SIGNING_TIME_INVALID: {
    severity: 'warning',
    vi: 'SigningTime "{value}" không phải thời điểm hợp lệ.',
    en: 'SigningTime "{value}" is not a valid date-time.',
  },
  EINVOICE_SIGNING_TIME_UNSIGNED: {
    severity: 'warning',
    vi: 'SigningTime của chữ ký {id} không nằm trong phần được ký; không dùng làm thời điểm ký khai báo.',
    en: 'The SigningTime of signature {id} is not inside what it signs; it is not used as the claimed signing time.',
  },
  EINVOICE_DATA_NOT_SIGNED: {
    severity: 'error',
    vi: 'Thông điệp có {element} thứ {index} mà không chữ ký nào ký (dữ liệu chèn thêm ngoài phần được ký); mọi chữ ký của thông điệp bị coi là lỗi cấu trúc.',
    en: 'The message carries {element} number {index} that no signature signs (data slipped in beside what is signed); every signature of the message is a format failure.',
  },
  EINVOICE_TOO_MANY_INVOICES: {
    severity: 'warning',
    vi: 'Thông điệp chứa hơn {limit} hóa đơn; chỉ báo cáo {limit} hóa đơn đầu.',
    en: 'The message carries more than {limit} invoices; only the first {limit} are reported.',
  },
});
