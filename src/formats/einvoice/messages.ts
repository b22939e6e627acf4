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
  EINVOICE_SIGNER_IS_ROLE: {
    severity: 'info',
    vi: 'Chứng thư ký của chữ ký {id} đúng là của {role_vi} (mã số thuế trên hóa đơn, hoặc tên cơ quan thuế).',
    en: 'The certificate of signature {id} is the {role_en}’s (the tax code in the invoice, or the tax authority’s name).',
  },
  EINVOICE_SIGNER_NOT_ROLE: {
    severity: 'error',
    vi: 'Chữ ký {id} đặt ở vị trí chữ ký của {role_vi} nhưng chứng thư ký thuộc bên khác ({found}; {role_vi} là {expected}): chữ ký không phải của {role_vi}.',
    en: 'Signature {id} sits where the {role_en}’s signature goes, but its certificate is another party’s ({found}; the {role_en} is {expected}): it is not the {role_en}’s signature.',
  },
  EINVOICE_DATA_NOT_SIGNED_BY_ROLE: {
    severity: 'error',
    vi: 'Thông điệp có {element} thứ {index} mà chữ ký ở vị trí của {role_vi} trong chính hóa đơn đó (DSCKS/{place}) không ký; chữ ký đặt ở chỗ khác không thay được chữ ký ấy; mọi chữ ký của thông điệp bị coi là lỗi cấu trúc.',
    en: 'The message carries {element} number {index} that the signature in that invoice’s own {role_en} place (DSCKS/{place}) does not sign; a signature placed elsewhere does not stand in for it; every signature of the message is a format failure.',
  },
  EINVOICE_DATA_NOT_SIGNED_IN_LIST: {
    severity: 'error',
    vi: 'Thông điệp có {element} thứ {index} mà không chữ ký nào trong danh sách chữ ký đi kèm nó (DSCKS bên cạnh) ký; chữ ký đặt ở chỗ khác không thay được; mọi chữ ký của thông điệp bị coi là lỗi cấu trúc.',
    en: 'The message carries {element} number {index} that no signature in its own signature list (the DSCKS beside it) signs; a signature placed elsewhere does not stand in for one; every signature of the message is a format failure.',
  },
  EINVOICE_ROLE_OUTSIDE_INVOICE: {
    severity: 'warning',
    vi: 'Chữ ký {id} nằm ở vị trí của {role_vi} ({element}) nhưng danh sách chữ ký này không thuộc trực tiếp một hóa đơn (HDon/DSCKS): không đối chiếu được người ký với hóa đơn nào.',
    en: 'Signature {id} sits in a {role_en}’s place ({element}), but its signature list does not belong directly to an invoice (HDon/DSCKS): its signer cannot be compared with any invoice.',
  },
  EINVOICE_SIGNER_ROLE_UNCONFIRMED: {
    severity: 'warning',
    vi: 'Không xác định được chữ ký {id} có phải của {role_vi} hay không: chứng thư ký ({found}) không mang mã số thuế của {role_vi} ({expected}) hay mã số thuế nào khác để đối chiếu.',
    en: 'Whether signature {id} is the {role_en}’s cannot be told: its certificate ({found}) carries neither the {role_en}’s tax code ({expected}) nor any other tax code to compare.',
  },
  EINVOICE_SIGNER_DELEGATED_CONFIRMED: {
    severity: 'info',
    vi: 'Chữ ký {id} ở vị trí của người bán ({seller}) là của đơn vị nhận ủy nhiệm lập hóa đơn {issuer} ({issuerName}) mà hóa đơn đã ký ghi tên (MSTDVNUNLHDon); cơ quan thuế đã ký cấp mã cho hóa đơn này, nên việc ủy nhiệm được coi là đã đăng ký với cơ quan thuế.',
    en: 'Signature {id} in the seller’s place ({seller}) is by the authorised issuer {issuer} ({issuerName}) that the signed invoice names (MSTDVNUNLHDon); the tax authority has signed its code for this invoice, so the authorisation counts as registered with it.',
  },
  EINVOICE_SIGNER_DELEGATED_UNCONFIRMED: {
    severity: 'warning',
    vi: 'Chữ ký {id} ở vị trí của người bán ({seller}) là của đơn vị nhận ủy nhiệm lập hóa đơn {issuer} ({issuerName}) mà hóa đơn đã ký ghi tên (MSTDVNUNLHDon), nhưng không kiểm tra được người bán đã ủy nhiệm cho đơn vị này và đã đăng ký việc ủy nhiệm với cơ quan thuế: hóa đơn không có chữ ký hợp lệ của cơ quan thuế để xác nhận.',
    en: 'Signature {id} in the seller’s place ({seller}) is by the authorised issuer {issuer} ({issuerName}) that the signed invoice names (MSTDVNUNLHDon), but whether the seller authorised it and registered the authorisation with the tax authority cannot be checked: the invoice carries no valid tax-authority signature to confirm it.',
  },
  EINVOICE_SIGNER_NOT_TAX_AUTHORITY: {
    severity: 'error',
    vi: 'Chữ ký {id} đặt ở vị trí chữ ký của cơ quan thuế (DSCKS/CQT) nhưng chứng thư ký thuộc bên khác ({found}), không phải cơ quan thuế (Bộ Tài chính): mã và dữ liệu nó ký không phải do cơ quan thuế xác nhận.',
    en: 'Signature {id} sits where the tax authority’s signature goes (DSCKS/CQT), but its certificate is another party’s ({found}), not the tax authority’s (Ministry of Finance): the code and data it signs are not the tax authority’s word.',
  },
  EINVOICE_SIGNER_TAX_AUTHORITY_UNCONFIRMED: {
    severity: 'warning',
    vi: 'Không xác định được chữ ký {id} (DSCKS/CQT) có phải của cơ quan thuế hay không: chứng thư ký ({found}) không mang tên cơ quan thuế thuộc Bộ Tài chính.',
    en: 'Whether signature {id} (DSCKS/CQT) is the tax authority’s cannot be told: its certificate ({found}) does not name a tax office of the Ministry of Finance.',
  },
  EINVOICE_SIGNATURE_COPIED: {
    severity: 'error',
    vi: 'Chữ ký {id} có SignatureValue giống hệt chữ ký {original}: đây là bản sao của một chữ ký khác, không phải một chữ ký riêng.',
    en: 'Signature {id} has the same SignatureValue as signature {original}: it is a copy of another signature, not a signature of its own.',
  },
  EINVOICE_TOO_MANY_INVOICES: {
    severity: 'warning',
    vi: 'Thông điệp chứa hơn {limit} hóa đơn; chỉ báo cáo {limit} hóa đơn đầu.',
    en: 'The message carries more than {limit} invoices; only the first {limit} are reported.',
  },
});
