import { defineMessages } from '../report/messages.js';

export const VALIDATION_MESSAGES = defineMessages({
  VALIDATION_PAST_TIME_USED: {
    severity: 'info',
    vi: 'Chứng thư người ký được kiểm tra tại thời điểm {time}, thời điểm dấu thời gian chứng minh chữ ký đã tồn tại.',
    en: 'The signer certificate was validated at {time}, when a timestamp proves the signature existed.',
  },
  VALIDATION_TIMESTAMP_FAILED: {
    severity: 'warning',
    vi: 'Dấu thời gian lúc {time} không được chấp nhận ({reason}) nên không dùng làm bằng chứng thời gian.',
    en: 'The timestamp at {time} is not accepted ({reason}), so it is not used as proof of time.',
  },
  VALIDATION_CLAIMED_TIME_DIFFERS: {
    severity: 'info',
    vi: 'Thời điểm ký tự khai ({claimed}) lệch {hours} giờ so với dấu thời gian ({proven}).',
    en: 'The claimed signing time ({claimed}) is {hours} hours off the timestamp ({proven}).',
  },
  VALIDATION_CLAIMED_TIME_OUTSIDE_CERTIFICATE: {
    severity: 'warning',
    vi: 'Thời điểm ký tự khai ({claimed}) nằm ngoài thời hạn của chứng thư người ký ({notBefore} đến {notAfter}): lời khai sai, hoặc chữ ký không được tạo vào lúc đó.',
    en: 'The claimed signing time ({claimed}) lies outside the signer certificate\'s validity ({notBefore} to {notAfter}): the claim is wrong, or the signature was not made then.',
  },
  VALIDATION_CLAIMED_TIME_AFTER_VALIDATION: {
    severity: 'warning',
    vi: 'Thời điểm ký tự khai ({claimed}) muộn hơn thời điểm kiểm tra ({at}).',
    en: 'The claimed signing time ({claimed}) is later than the validation time ({at}).',
  },
  VALIDATION_SIGNED_BEFORE_CERTIFICATE: {
    severity: 'error',
    vi: 'Dấu thời gian cho thấy chữ ký có từ {time}, trước khi chứng thư người ký được cấp ({notBefore}): chữ ký không thể hợp lệ.',
    en: 'A timestamp shows the signature existed at {time}, before the signer certificate was issued ({notBefore}): the signature cannot be valid.',
  },
  VALIDATION_NO_TIMESTAMP: {
    severity: 'info',
    vi: 'Chữ ký không có dấu thời gian: thời điểm ký chỉ là lời tự khai của người ký.',
    en: 'The signature has no timestamp: its signing time is only the signer\'s claim.',
  },
  VALIDATION_GOVERNMENT_SIGNER_CONFIRMED: {
    severity: 'info',
    vi: 'Chứng thư ký của chữ ký {id} được xác thực tới {anchor}, chứng thư gốc của hệ thống chứng thực chuyên dùng Chính phủ (Ban Cơ yếu Chính phủ) mà kyso kèm theo: đúng là chứng thư của {party_vi}.',
    en: 'The certificate of signature {id} validates to {anchor}, a root of the Government PKI (Government Cipher Committee) that kyso bundles: it is the {party_en}’s certificate.',
  },
  VALIDATION_GOVERNMENT_SIGNER_UNCONFIRMED: {
    severity: 'warning',
    vi: 'Chứng thư ký của chữ ký {id} mang tên {party_vi} nhưng chỉ được xác thực tới {anchor}, không phải chứng thư gốc của hệ thống chứng thực chuyên dùng Chính phủ (Ban Cơ yếu Chính phủ) mà kyso kèm theo; chứng thư của {party_vi} do hệ thống đó cấp, nên không xác nhận được chữ ký là của {party_vi}.',
    en: 'The certificate of signature {id} bears the {party_en}’s name but validates only to {anchor}, not to a root of the Government PKI (Government Cipher Committee) that kyso bundles; the {party_en}’s certificates are issued under that PKI, so the signature cannot be confirmed as the {party_en}’s.',
  },
  VALIDATION_PASSED: {
    severity: 'info',
    vi: 'Chữ ký hợp lệ: nội dung nguyên vẹn, chữ ký đúng và chứng thư người ký được tin cậy.',
    en: 'The signature is valid: the content is intact, the signature verifies and the signer certificate is trusted.',
  },
});
