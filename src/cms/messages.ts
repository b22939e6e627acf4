import { defineMessages } from '../report/messages.js';

export const CMS_MESSAGES = defineMessages({
  CMS_TOO_LARGE: {
    severity: 'error',
    vi: 'Cấu trúc CMS dài {size} byte, vượt giới hạn {limit} byte.',
    en: 'The CMS structure is {size} bytes, over the limit of {limit} bytes.',
  },
  CMS_NOT_DER: {
    severity: 'error',
    vi: 'Không đọc được cấu trúc CMS (ASN.1 hỏng hoặc bị cắt cụt): {detail}.',
    en: 'The CMS structure cannot be read (broken or truncated ASN.1): {detail}.',
  },
  CMS_TRAILING_BYTES: {
    severity: 'error',
    vi: 'Sau cấu trúc CMS còn {count} byte thừa khác 0.',
    en: '{count} non-zero bytes follow the CMS structure.',
  },
  CMS_NOT_SIGNED_DATA: {
    severity: 'error',
    vi: 'Dữ liệu không phải CMS SignedData (contentType {oid}).',
    en: 'The data is not a CMS SignedData (contentType {oid}).',
  },
  CMS_NO_SIGNER: {
    severity: 'error',
    vi: 'CMS SignedData không chứa chữ ký nào (không có SignerInfo).',
    en: 'The CMS SignedData contains no signature (no SignerInfo).',
  },
  CMS_TOO_MANY_SIGNERS: {
    severity: 'error',
    vi: 'CMS SignedData chứa {count} SignerInfo, vượt giới hạn {limit}.',
    en: 'The CMS SignedData contains {count} SignerInfos, over the limit of {limit}.',
  },
  CMS_TOO_MANY_ELEMENTS: {
    severity: 'error',
    vi: 'Cấu trúc CMS có hơn {limit} phần tử trong {what}, vượt giới hạn; không đọc tiếp.',
    en: 'The CMS structure has more than {limit} elements in {what}, over the limit; not read further.',
  },
  CMS_CERTIFICATES_ONLY: {
    severity: 'warning',
    vi: 'Tệp CMS là gói chứng thư số (SignedData không có SignerInfo, RFC 5652 §5.2), không phải chữ ký số.',
    en: 'The CMS file is a certificate bundle (a SignedData without SignerInfos, RFC 5652 §5.2), not a digital signature.',
  },
  CMS_CONTENT_CONFLICT: {
    severity: 'error',
    vi: 'CMS mang sẵn nội dung được ký nhưng lại được kiểm tra với một nội dung khác: không rõ nội dung nào được ký.',
    en: 'The CMS carries its own signed content but is being checked against different content: what was signed is unclear.',
  },
  CMS_TOO_MANY_TIMESTAMPS: {
    severity: 'error',
    vi: 'Chữ ký mang {count} dấu thời gian, vượt giới hạn {limit}.',
    en: 'The signature carries {count} timestamps, over the limit of {limit}.',
  },
  CMS_SIGNED_ATTRIBUTES_REENCODED: {
    severity: 'warning',
    vi: 'Các thuộc tính được ký không được lưu theo DER (sai thứ tự trong SET hoặc độ dài không tối giản); chữ ký được kiểm tra trên bản mã hóa DER như RFC 5652 quy định.',
    en: 'The signed attributes are not stored as DER (out of SET order, or a non-minimal length); the signature was checked over their DER encoding, as RFC 5652 requires.',
  },
  CMS_SIGNED_ATTRIBUTES_ONLY_STORED_VALID: {
    severity: 'error',
    vi: 'Chữ ký chỉ khớp với các thuộc tính được ký ở dạng lưu không phải DER, không khớp với bản mã hóa DER mà RFC 5652 quy định: chữ ký không hợp lệ.',
    en: 'The signature matches only the non-DER bytes of the signed attributes as stored, not their DER encoding that RFC 5652 says is signed: the signature is not valid.',
  },
  CMS_DIGEST_INFO_WITHOUT_NULL: {
    severity: 'warning',
    vi: 'Chữ ký RSA dùng DigestInfo không có tham số NULL của hàm băm; RFC 8017 chấp nhận cả hai cách đọc nên chữ ký được chấp nhận.',
    en: 'The RSA signature’s DigestInfo omits the NULL hash parameters; RFC 8017 allows both readings, so the signature is accepted.',
  },
  CMS_ALGORITHM_PROTECTION_MISMATCH: {
    severity: 'error',
    vi: 'Thuộc tính bảo vệ thuật toán (RFC 6211) không khớp với thuật toán băm/ký của SignerInfo: thuật toán đã bị thay đổi sau khi ký.',
    en: 'The algorithm-protection attribute (RFC 6211) does not match the SignerInfo’s digest or signature algorithm: the algorithms were changed after signing.',
  },
  CMS_SIGNED_ATTRIBUTES_NOT_DER: {
    severity: 'error',
    vi: 'Các thuộc tính được ký không được mã hóa DER như RFC 5652 yêu cầu; không rõ chữ ký phủ lên dạng mã hóa nào.',
    en: 'The signed attributes are not DER-encoded as RFC 5652 requires; which encoding the signature covers is unclear.',
  },
  CMS_NO_CONTENT: {
    severity: 'error',
    vi: 'Chữ ký tách rời nhưng không có nội dung được ký để kiểm tra.',
    en: 'The signature is detached but no signed content was given to check it against.',
  },
  CMS_UNSUPPORTED_DIGEST: {
    severity: 'error',
    vi: 'Thuật toán băm {algorithm} không được hỗ trợ.',
    en: 'Digest algorithm {algorithm} is not supported.',
  },
  CMS_UNSUPPORTED_SIGNATURE: {
    severity: 'error',
    vi: 'Thuật toán chữ ký {algorithm} không được hỗ trợ.',
    en: 'Signature algorithm {algorithm} is not supported.',
  },
  CMS_DIGEST_MISMATCH: {
    severity: 'error',
    vi: 'Giá trị băm của nội dung không khớp với giá trị đã ký: nội dung đã bị thay đổi sau khi ký.',
    en: 'The digest of the content does not match the signed digest: the content was changed after signing.',
  },
  CMS_MESSAGE_DIGEST_MISSING: {
    severity: 'error',
    vi: 'Thuộc tính ký thiếu messageDigest (hoặc có nhiều hơn một).',
    en: 'The signed attributes lack a single messageDigest attribute.',
  },
  CMS_CONTENT_TYPE_MISMATCH: {
    severity: 'error',
    vi: 'Thuộc tính contentType đã ký thiếu hoặc không khớp với kiểu nội dung của CMS.',
    en: 'The signed contentType attribute is missing or does not match the CMS content type.',
  },
  CMS_SIGNATURE_INVALID: {
    severity: 'error',
    vi: 'Giá trị chữ ký không hợp lệ với khóa công khai của chứng thư người ký.',
    en: 'The signature value does not verify with the signer certificate\'s public key.',
  },
  CMS_SIGNER_NOT_FOUND: {
    severity: 'error',
    vi: 'Không tìm thấy chứng thư số của người ký trong chữ ký.',
    en: 'The signer\'s certificate is not in the signature.',
  },
  CMS_CERTIFICATES_UNREADABLE: {
    severity: 'error',
    vi: 'Chữ ký mang {count} chứng thư số không đọc được, có thể có chứng thư của người ký: {detail}.',
    en: 'The signature carries {count} certificate(s) that cannot be read, possibly the signer\'s: {detail}.',
  },
  CMS_SIGNER_AMBIGUOUS: {
    severity: 'error',
    vi: 'Có {count} chứng thư số khác nhau cùng khớp với người ký và cùng kiểm tra đúng chữ ký, mà không thuộc tính đã ký nào chỉ ra chứng thư nào: không xác định được người ký.',
    en: '{count} different certificates match the signer and verify the signature, and no signed attribute says which one signed: the signer cannot be identified.',
  },
  CMS_SIGNING_CERTIFICATE_MISMATCH: {
    severity: 'error',
    vi: 'Chứng thư số của người ký không khớp với thuộc tính {attribute} đã ký (chứng thư có thể đã bị thay thế).',
    en: 'The signer certificate does not match the signed {attribute} attribute (the certificate may have been substituted).',
  },
  CMS_SIGNING_TIME_CLAIMED: {
    severity: 'info',
    vi: 'Thời điểm ký do người ký tự khai: {time} (không phải bằng chứng thời gian).',
    en: 'Signing time claimed by the signer: {time} (not proof of time).',
  },
  CMS_ATTRIBUTE_UNREADABLE: {
    severity: 'error',
    vi: 'Không đọc được thuộc tính {attribute}.',
    en: 'The {attribute} attribute cannot be read.',
  },
  TSP_NOT_TSTINFO: {
    severity: 'error',
    vi: 'Dấu thời gian không chứa TSTInfo hợp lệ.',
    en: 'The timestamp token does not contain a valid TSTInfo.',
  },
  TSP_IMPRINT_MISMATCH: {
    severity: 'error',
    vi: 'Dấu thời gian không gắn với dữ liệu này (messageImprint không khớp).',
    en: 'The timestamp is not for this data (messageImprint does not match).',
  },
  TSP_NO_SIGNING_CERTIFICATE_ATTRIBUTE: {
    severity: 'warning',
    vi: 'Dấu thời gian thiếu thuộc tính signingCertificate bắt buộc theo RFC 3161.',
    en: 'The timestamp lacks the signingCertificate attribute RFC 3161 requires.',
  },
  TSP_VERIFIED: {
    severity: 'info',
    vi: 'Dấu thời gian chứng minh chữ ký đã tồn tại lúc {time}.',
    en: 'The timestamp proves the signature existed at {time}.',
  },
  CMS_COUNTERSIGNATURE: {
    severity: 'info',
    vi: 'Chữ ký đối ứng (countersignature, RFC 5652 §11.4): ký lên giá trị chữ ký của chữ ký cha.',
    en: 'A counter-signature (countersignature, RFC 5652 §11.4): it signs the parent signature\'s value.',
  },
  CMS_COUNTERSIGNATURE_CONTENT_TYPE: {
    severity: 'error',
    vi: 'Chữ ký đối ứng mang thuộc tính contentType đã ký, điều RFC 5652 §11.4 cấm (chữ ký đối ứng không có kiểu nội dung).',
    en: 'The counter-signature carries a signed contentType attribute, which RFC 5652 §11.4 forbids (a counter-signature has no content type).',
  },
  CMS_COUNTERSIGNATURE_UNREADABLE: {
    severity: 'error',
    vi: 'Không đọc được chữ ký đối ứng (thuộc tính countersignature): {detail}.',
    en: 'The counter-signature (countersignature attribute) cannot be read: {detail}.',
  },
  CMS_TOO_MANY_COUNTERSIGNATURES: {
    severity: 'warning',
    vi: 'Chữ ký mang {count} chữ ký đối ứng (lồng tới {depth} cấp); chỉ {limit} chữ ký đầu, tới {maxDepth} cấp, được kiểm tra.',
    en: 'The signature carries {count} counter-signatures (nested {depth} deep); only the first {limit}, up to {maxDepth} levels, are checked.',
  },
});
