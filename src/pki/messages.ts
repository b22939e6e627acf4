/**
 * Messages of certificate path validation and revocation checking (Vietnamese and
 * English). `{subject}` is always the certificate the message is about.
 */
import type { DerDefect } from '../asn1/der.js';
import { defineMessages, type Message } from '../report/messages.js';

export const PKI = defineMessages({
  PKI_PATH_VALID: {
    severity: 'info',
    vi: 'Chuỗi chứng thư số của "{subject}" hợp lệ đến chứng thư gốc tin cậy "{anchor}".',
    en: 'The certificate path of "{subject}" is valid up to the trust anchor "{anchor}".',
  },
  PKI_LEAF_IS_ANCHOR: {
    severity: 'info',
    vi: 'Chứng thư số "{subject}" chính là một chứng thư gốc tin cậy.',
    en: 'The certificate "{subject}" is itself a trust anchor.',
  },
  PKI_LEAF_UNREADABLE: {
    severity: 'error',
    vi: 'Không đọc được chứng thư số của người ký: {detail}.',
    en: 'The signer certificate cannot be read: {detail}.',
  },
  PKI_CANDIDATE_UNREADABLE: {
    severity: 'warning',
    vi: 'Bỏ qua một chứng thư số trung gian không đọc được: {detail}.',
    en: 'An unreadable intermediate certificate was skipped: {detail}.',
  },
  PKI_CANDIDATES_UNREADABLE_MORE: {
    severity: 'warning',
    vi: 'Bỏ qua thêm {count} chứng thư số trung gian không đọc được (không nêu từng chứng thư).',
    en: '{count} more unreadable intermediate certificates were skipped (not listed one by one).',
  },
  PKI_ANCHOR_UNREADABLE: {
    severity: 'warning',
    vi: 'Bỏ qua một chứng thư gốc không đọc được: {detail}.',
    en: 'An unreadable trust anchor was skipped: {detail}.',
  },
  PKI_ANCHOR_EXPIRED: {
    severity: 'error',
    vi: 'Chứng thư gốc "{subject}" không có hiệu lực tại thời điểm kiểm tra {at} (hiệu lực từ {notBefore} đến {notAfter}): không dùng làm gốc tin cậy được.',
    en: 'The trust anchor "{subject}" is not valid at the validation time {at} (valid from {notBefore} to {notAfter}): it cannot anchor a path.',
  },
  PKI_ANCHOR_UNKNOWN_CRITICAL_EXTENSION: {
    severity: 'error',
    vi: 'Chứng thư gốc "{subject}" có phần mở rộng quan trọng (critical) không xử lý được ({oid}): không dùng làm gốc tin cậy được.',
    en: 'The trust anchor "{subject}" has a critical extension that cannot be processed ({oid}): it cannot anchor a path.',
  },
  PKI_ANCHOR_NOT_CA: {
    severity: 'error',
    vi: 'Chứng thư gốc "{subject}" không khai báo là CA (basicConstraints cA): không được cấp chứng thư khác.',
    en: 'The trust anchor "{subject}" is not declared a CA (basicConstraints cA): it cannot issue certificates.',
  },
  PKI_NO_ANCHORS: {
    severity: 'error',
    vi: 'Không có chứng thư gốc tin cậy nào để kiểm tra chuỗi chứng thư.',
    en: 'No trust anchor was given to validate the certificate path against.',
  },
  PKI_NO_CHAIN: {
    severity: 'error',
    vi: 'Không tìm thấy chuỗi chứng thư từ "{subject}" đến một chứng thư gốc tin cậy (không có chứng thư của tổ chức phát hành "{issuer}").',
    en: 'No certificate path was found from "{subject}" to a trust anchor (no certificate of its issuer "{issuer}").',
  },
  PKI_NOT_YET_VALID: {
    severity: 'error',
    vi: 'Chứng thư số "{subject}" chưa có hiệu lực tại thời điểm {at} (hiệu lực từ {notBefore}).',
    en: 'The certificate "{subject}" is not yet valid at {at} (valid from {notBefore}).',
  },
  PKI_EXPIRED: {
    severity: 'error',
    vi: 'Chứng thư số "{subject}" đã hết hiệu lực tại thời điểm {at} (hết hạn {notAfter}).',
    en: 'The certificate "{subject}" has expired at {at} (valid until {notAfter}).',
  },
  PKI_SIGNATURE_INVALID: {
    severity: 'error',
    vi: 'Chữ ký của tổ chức phát hành "{issuer}" trên chứng thư số "{subject}" không hợp lệ.',
    en: 'The signature of the issuer "{issuer}" on the certificate "{subject}" is not valid.',
  },
  PKI_SIGNATURE_UNSUPPORTED: {
    severity: 'error',
    vi: 'Không kiểm tra được chữ ký trên chứng thư số "{subject}": thuật toán không được hỗ trợ ({detail}).',
    en: 'The signature on the certificate "{subject}" cannot be checked: unsupported algorithm ({detail}).',
  },
  PKI_RSA_KEY_TOO_LARGE: {
    severity: 'error',
    vi: 'Không kiểm tra được chữ ký trên chứng thư số "{subject}": khóa RSA của tổ chức phát hành "{issuer}" quá lớn (modulus {modulusBits} bit, số mũ công khai {exponentBits} bit; tối đa {maxModulusBits} bit và {maxExponentBits} bit).',
    en: 'The signature on the certificate "{subject}" cannot be checked: the RSA key of the issuer "{issuer}" is too large (modulus {modulusBits} bits, public exponent {exponentBits} bits; at most {maxModulusBits} and {maxExponentBits} bits).',
  },
  PKI_SIGNATURE_ALGORITHM_MISMATCH: {
    severity: 'error',
    vi: 'Chứng thư số "{subject}" ghi hai thuật toán chữ ký khác nhau (RFC 5280 §4.1.1.2).',
    en: 'The certificate "{subject}" names two different signature algorithms (RFC 5280 §4.1.1.2).',
  },
  PKI_NAME_CHAINING: {
    severity: 'error',
    vi: 'Tên tổ chức phát hành của "{subject}" không khớp với chủ thể của chứng thư cấp trên "{issuer}".',
    en: 'The issuer name of "{subject}" does not match the subject of the certificate above it, "{issuer}".',
  },
  PKI_NOT_A_CA: {
    severity: 'error',
    vi: 'Chứng thư số "{subject}" không phải chứng thư của tổ chức cung cấp dịch vụ chứng thực (thiếu basicConstraints cA=TRUE) nhưng lại phát hành chứng thư khác.',
    en: 'The certificate "{subject}" issues other certificates but is not a CA certificate (basicConstraints cA=TRUE missing).',
  },
  PKI_PATH_LENGTH: {
    severity: 'error',
    vi: 'Chuỗi chứng thư vượt quá độ dài cho phép (pathLenConstraint) tại "{subject}".',
    en: 'The path is longer than the pathLenConstraint allows at "{subject}".',
  },
  PKI_KEY_CERT_SIGN: {
    severity: 'error',
    vi: 'Khóa của "{subject}" không được phép ký chứng thư (keyUsage thiếu keyCertSign).',
    en: 'The key of "{subject}" may not sign certificates (keyUsage lacks keyCertSign).',
  },
  PKI_SERVICE_CERTIFICATE_SIGNS: {
    severity: 'error',
    vi: 'Chứng thư số "{subject}" chỉ dùng để cấp dấu thời gian hoặc ký phản hồi OCSP (extendedKeyUsage), không được dùng để ký văn bản.',
    en: 'Certificate "{subject}" is for time stamping or OCSP signing only (extendedKeyUsage) and may not sign documents.',
  },
  PKI_LEAF_KEY_USAGE: {
    severity: 'error',
    vi: 'Khóa của "{subject}" không được phép dùng để ký văn bản (keyUsage thiếu digitalSignature và nonRepudiation).',
    en: 'The key of "{subject}" may not sign documents (keyUsage has neither digitalSignature nor nonRepudiation).',
  },
  PKI_LEAF_EXTENDED_KEY_USAGE: {
    severity: 'error',
    vi: 'Chứng thư số "{subject}" không có mục đích sử dụng {purpose} (extendedKeyUsage).',
    en: 'The certificate "{subject}" is not meant for {purpose} (extendedKeyUsage).',
  },
  PKI_TIMESTAMPING_EKU_PROFILE: {
    severity: 'error',
    vi: 'Chứng thư dấu thời gian "{subject}" phải có extendedKeyUsage tới hạn chỉ gồm id-kp-timeStamping (RFC 3161 §2.3).',
    en: 'The timestamping certificate "{subject}" needs a critical extendedKeyUsage holding only id-kp-timeStamping (RFC 3161 §2.3).',
  },
  PKI_UNKNOWN_CRITICAL_EXTENSION: {
    severity: 'error',
    vi: 'Chứng thư số "{subject}" có phần mở rộng tới hạn không xử lý được ({oid}).',
    en: 'The certificate "{subject}" has a critical extension that cannot be processed ({oid}).',
  },
  PKI_EXTENSION_MUST_NOT_BE_CRITICAL: {
    severity: 'error',
    vi: 'Chứng thư số "{subject}" đánh dấu quan trọng (critical) phần mở rộng {oid}, điều RFC 5280 không cho phép.',
    en: 'The certificate "{subject}" marks the extension {oid} critical, which RFC 5280 forbids.',
  },
  PKI_NAME_CONSTRAINTS_PROFILE: {
    severity: 'error',
    vi: 'Chứng thư số "{subject}" có ràng buộc tên (nameConstraints) không đúng quy định: chỉ chứng thư CA được có và phải đánh dấu critical.',
    en: 'The certificate "{subject}" carries nameConstraints against the profile: only CA certificates may, and it must be critical.',
  },
  PKI_EMAIL_NAME_INVALID: {
    severity: 'error',
    vi: 'Chứng thư số "{subject}" có địa chỉ thư điện tử không hợp lệ trong subjectAltName: "{name}".',
    en: 'The certificate "{subject}" has an invalid e-mail address in subjectAltName: "{name}".',
  },
  PKI_MALFORMED_EXTENSION: {
    severity: 'error',
    vi: 'Chứng thư số "{subject}" có phần mở rộng sai cấu trúc ({oid}).',
    en: 'The certificate "{subject}" has a malformed extension ({oid}).',
  },
  PKI_NAME_NOT_PERMITTED: {
    severity: 'error',
    vi: 'Tên "{name}" của "{subject}" nằm ngoài phạm vi tên được phép (nameConstraints).',
    en: 'The name "{name}" of "{subject}" is outside the permitted name constraints.',
  },
  PKI_NAME_EXCLUDED: {
    severity: 'error',
    vi: 'Tên "{name}" của "{subject}" thuộc phạm vi tên bị loại trừ (nameConstraints).',
    en: 'The name "{name}" of "{subject}" is within an excluded name constraint.',
  },
  PKI_POLICY_REQUIRED: {
    severity: 'error',
    vi: 'Chuỗi chứng thư của "{subject}" không có chính sách chứng thư hợp lệ trong khi yêu cầu phải có (certificate policies).',
    en: 'The path of "{subject}" has no valid certificate policy while an explicit policy is required.',
  },
  PKI_POLICY_MAPPING_ANY: {
    severity: 'error',
    vi: 'Chứng thư số "{subject}" ánh xạ chính sách từ hoặc tới anyPolicy (RFC 5280 §6.1.4).',
    en: 'The certificate "{subject}" maps a policy from or to anyPolicy (RFC 5280 §6.1.4).',
  },
  PKI_POLICY_TREE_TOO_LARGE: {
    severity: 'error',
    vi: 'Cây chính sách chứng thư của "{subject}" vượt giới hạn {limit} nút.',
    en: 'The certificate policy tree of "{subject}" exceeds the limit of {limit} nodes.',
  },
  PKI_PATH_TOO_LONG: {
    severity: 'error',
    vi: 'Chuỗi chứng thư từ "{subject}" dài hơn giới hạn {limit} chứng thư trung gian; không dựng tiếp.',
    en: 'The path from "{subject}" is longer than the limit of {limit} intermediate certificates; not built further.',
  },
  PKI_BUDGET_EXHAUSTED: {
    severity: 'error',
    vi: 'Dừng dựng chuỗi chứng thư cho "{subject}": đã dùng hết giới hạn {limit} ({budget}).',
    en: 'Path building for "{subject}" stopped: the {budget} limit of {limit} was used up.',
  },
  PKI_REVOKED: {
    severity: 'error',
    vi: 'Chứng thư số "{subject}" đã bị thu hồi lúc {time} (lý do: {reason}), theo {method} ({source}).',
    en: 'The certificate "{subject}" was revoked at {time} (reason: {reason}), according to the {method} ({source}).',
  },
  PKI_REVOKED_AFTER_AT: {
    severity: 'info',
    vi: 'Chứng thư số "{subject}" bị thu hồi lúc {time} (lý do: {reason}), sau thời điểm kiểm tra {at}: không ảnh hưởng đến kết quả này.',
    en: 'The certificate "{subject}" was revoked at {time} (reason: {reason}), after the validation time {at}: this result is not affected.',
  },
  PKI_REVOCATION_MISSING: {
    severity: 'error',
    vi: 'Không có thông tin thu hồi (CRL hoặc OCSP) dùng được cho chứng thư số "{subject}".',
    en: 'No usable revocation information (CRL or OCSP) for the certificate "{subject}".',
  },
  PKI_REVOCATION_NOT_FOUND: {
    severity: 'warning',
    vi: 'Chưa kiểm tra được tình trạng thu hồi của chứng thư số "{subject}": không có CRL hoặc OCSP dùng được.',
    en: 'The revocation status of "{subject}" could not be checked: no usable CRL or OCSP response.',
  },
  PKI_REVOCATION_STALE_EMBEDDED: {
    severity: 'warning',
    vi: 'Chưa xác định được tình trạng thu hồi của chứng thư số "{subject}" tại thời điểm kiểm tra {at}: chỉ có thông tin thu hồi đã cũ nhúng trong tài liệu (cập nhật tiếp theo lẽ ra lúc {nextUpdate}). Hãy cung cấp CRL hoặc phản hồi OCSP mới hơn, hoặc cho phép tải trực tuyến.',
    en: 'The revocation status of "{subject}" at the validation time {at} is unknown: only out-of-date revocation information embedded in the document covers it (its next update was due at {nextUpdate}). Supply a newer CRL or OCSP response, or allow fetching.',
  },
  PKI_REVOCATION_STALE: {
    severity: 'error',
    vi: 'Thông tin thu hồi của chứng thư số "{subject}" đã cũ: cập nhật tiếp theo lẽ ra lúc {nextUpdate}, trước thời điểm kiểm tra {at}.',
    en: 'The revocation information for "{subject}" is out of date: its next update was due at {nextUpdate}, before the validation time {at}.',
  },
  PKI_CRL_UNREADABLE: {
    severity: 'warning',
    vi: 'Bỏ qua một CRL không đọc được ({source}): {detail}.',
    en: 'An unreadable CRL ({source}) was skipped: {detail}.',
  },
  PKI_CRL_UNUSABLE: {
    severity: 'warning',
    vi: 'Không dùng được CRL của "{issuer}": {detail}.',
    en: 'The CRL of "{issuer}" cannot be used: {detail}.',
  },
  PKI_CRL_SIGNER_INVALID: {
    severity: 'warning',
    vi: 'Không dùng được CRL của "{issuer}": không có chứng thư hợp lệ có quyền ký CRL này (chữ ký, keyUsage cRLSign hoặc chuỗi chứng thư không hợp lệ).',
    en: 'The CRL of "{issuer}" cannot be used: no valid certificate authorised to sign it (signature, cRLSign key usage or its path failed).',
  },
  PKI_CRL_AFTER_NOW: {
    severity: 'info',
    vi: 'Bỏ qua CRL của "{issuer}" phát hành lúc {thisUpdate}, sau thời điểm thực hiện kiểm tra {now}.',
    en: 'The CRL of "{issuer}" issued at {thisUpdate}, after the time of this validation {now}, was ignored.',
  },
  PKI_DELTA_CRL_UNMATCHED: {
    severity: 'warning',
    vi: 'CRL delta của "{issuer}" dựa trên CRL số {base} không có trong dữ liệu: thông tin thu hồi không đầy đủ.',
    en: 'The delta CRL of "{issuer}" is based on CRL number {base}, which is not available: revocation information is incomplete.',
  },
  PKI_REVOCATION_DATA_LIMIT: {
    severity: 'warning',
    vi: 'Chỉ xét {limit} CRL và phản hồi OCSP đầu tiên; phần còn lại (bắt đầu từ nguồn {source}) bị bỏ qua.',
    en: 'Only the first {limit} CRLs and OCSP responses are considered; the rest (from source {source} on) was skipped.',
  },
  PKI_OCSP_UNREADABLE: {
    severity: 'warning',
    vi: 'Bỏ qua một phản hồi OCSP không đọc được ({source}): {detail}.',
    en: 'An unreadable OCSP response ({source}) was skipped: {detail}.',
  },
  PKI_OCSP_UNAUTHORISED: {
    severity: 'warning',
    vi: 'Bỏ qua phản hồi OCSP về "{subject}": bên ký phản hồi không phải tổ chức phát hành hoặc máy chủ OCSP được tổ chức đó ủy quyền (id-kp-OCSPSigning).',
    en: 'An OCSP response about "{subject}" was ignored: it is not signed by the issuer or by a responder the issuer authorised (id-kp-OCSPSigning).',
  },
  PKI_OCSP_AFTER_NOW: {
    severity: 'info',
    vi: 'Bỏ qua phản hồi OCSP về "{subject}" lập lúc {thisUpdate}, sau thời điểm thực hiện kiểm tra {now}.',
    en: 'An OCSP response about "{subject}" made at {thisUpdate}, after the time of this validation {now}, was ignored.',
  },
  PKI_OCSP_STATUS_UNKNOWN: {
    severity: 'warning',
    vi: 'Máy chủ OCSP không biết chứng thư số "{subject}" (trạng thái "không rõ").',
    en: 'The OCSP responder does not know the certificate "{subject}" (status unknown).',
  },
  PKI_DER_TRUNCATED: {
    severity: 'error',
    vi: 'Từ chối dữ liệu DER: dữ liệu bị cắt cụt hoặc độ dài vượt quá phần dữ liệu có ({detail}).',
    en: 'DER data refused: the data is truncated, or a length runs past it ({detail}).',
  },
  PKI_DER_LENGTH_ENCODING: {
    severity: 'error',
    vi: 'Từ chối dữ liệu DER: độ dài mã hóa không tối giản hoặc không xác định (không phải DER) ({detail}).',
    en: 'DER data refused: a length is not in the minimal definite form DER requires ({detail}).',
  },
  PKI_DER_TAG_ENCODING: {
    severity: 'error',
    vi: 'Từ chối dữ liệu DER: số hiệu thẻ (tag) mã hóa không tối giản ({detail}).',
    en: 'DER data refused: a tag number is not minimally encoded ({detail}).',
  },
  PKI_DER_TRAILING_DATA: {
    severity: 'error',
    vi: 'Từ chối dữ liệu DER: có dữ liệu thừa sau giá trị DER ({detail}).',
    en: 'DER data refused: there is data after the DER value ({detail}).',
  },
  PKI_DER_INTEGER_ENCODING: {
    severity: 'error',
    vi: 'Từ chối dữ liệu DER: số nguyên (INTEGER) có octet đầu thừa hoặc rỗng, ví dụ số hiệu chứng thư có số 0 đứng đầu ({detail}).',
    en: 'DER data refused: an INTEGER is empty or has a superfluous leading octet, e.g. a serial number with leading zeros ({detail}).',
  },
  PKI_DER_BOOLEAN_ENCODING: {
    severity: 'error',
    vi: 'Từ chối dữ liệu DER: giá trị BOOLEAN không phải 00 hoặc FF ({detail}).',
    en: 'DER data refused: a BOOLEAN is neither 00 nor FF ({detail}).',
  },
  PKI_DER_TIME_ENCODING: {
    severity: 'error',
    vi: 'Từ chối dữ liệu DER: thời gian không đúng dạng RFC 5280 (thiếu giây, không phải UTC, hoặc có phần lẻ của giây) ({detail}).',
    en: 'DER data refused: a time is not in the RFC 5280 form (seconds missing, not UTC, or fractional seconds) ({detail}).',
  },
  PKI_DER_IMPOSSIBLE_DATE: {
    severity: 'error',
    vi: 'Từ chối dữ liệu DER: ngày giờ không tồn tại (ví dụ 31 tháng 2) ({detail}).',
    en: 'DER data refused: a date or time that does not exist (e.g. 31 February) ({detail}).',
  },
  PKI_DER_STRING_ENCODING: {
    severity: 'error',
    vi: 'Từ chối dữ liệu DER: chuỗi ký tự mã hóa sai (ví dụ UTF-8 không hợp lệ trong tên) ({detail}).',
    en: 'DER data refused: a character string is badly encoded (e.g. invalid UTF-8 in a name) ({detail}).',
  },
  PKI_DER_DUPLICATE_FIELD: {
    severity: 'error',
    vi: 'Từ chối dữ liệu DER: một trường hoặc phần mở rộng xuất hiện hai lần hoặc sai thứ tự (ví dụ hai khối extensions) ({detail}).',
    en: 'DER data refused: a field or extension appears twice or out of order (e.g. two extension blocks) ({detail}).',
  },
  PKI_DER_STRUCTURE: {
    severity: 'error',
    vi: 'Từ chối dữ liệu DER: cấu trúc ASN.1 không như quy định ({detail}).',
    en: 'DER data refused: the ASN.1 structure is not the one specified ({detail}).',
  },
  PKI_DER_ALLOWED_DEFECT: {
    severity: 'warning',
    vi: 'Chứng thư số "{subject}" có lỗi mã hóa được chấp nhận theo danh sách ngoại lệ ({defect}): một số CA thực tế phát hành như vậy.',
    en: 'The certificate "{subject}" has an encoding defect accepted on the allow-list ({defect}): some real CAs issue such certificates.',
  },
  PKI_ISSUER_FETCHED: {
    severity: 'info',
    vi: 'Đã tải chứng thư của tổ chức phát hành "{issuer}" từ {url}.',
    en: 'The issuer certificate "{issuer}" was fetched from {url}.',
  },
  PKI_FETCH_FAILED: {
    severity: 'warning',
    vi: 'Không tải được {whatVi} từ {url}: {detailVi}.',
    en: 'Could not fetch {what} from {url}: {detail}.',
  },
  PKI_FETCH_REFUSED_ADDRESS: {
    severity: 'warning',
    vi: 'Không tải từ {url}: địa chỉ này không phải địa chỉ công cộng trên Internet (mạng nội bộ, loopback, link-local hoặc dải dành riêng). Kyso chỉ tải từ mạng nội bộ khi được cho phép (allowPrivateNetworks, --allow-private-networks).',
    en: 'Nothing was fetched from {url}: it does not lead to a public Internet address (private network, loopback, link-local or reserved range). kyso fetches from private networks only when allowed (allowPrivateNetworks, --allow-private-networks).',
  },
  PKI_FETCH_REFUSED_URL: {
    severity: 'warning',
    vi: 'Không tải từ {url}: kyso chỉ tải địa chỉ http hoặc https không kèm tên người dùng hay mật khẩu, dùng cổng 80, 443 hoặc từ 1024 trở lên, dài tối đa {maxLength} ký tự.',
    en: 'Nothing was fetched from {url}: kyso fetches only http or https URLs without a user name or password, on port 80, 443 or from 1024 up, at most {maxLength} characters long.',
  },
  PKI_FETCH_LIMIT: {
    severity: 'warning',
    vi: 'Kyso tải tối đa {limit} địa chỉ khi kiểm tra một chuỗi chứng thư số: không tải {url} và các địa chỉ sau đó.',
    en: 'kyso fetches at most {limit} URLs to validate one certificate path: {url} and any later URL were not fetched.',
  },
  PKI_FETCH_DOCUMENT_LIMIT: {
    severity: 'warning',
    vi: 'Kyso tải tối đa {limit} địa chỉ cho một tài liệu: không tải {url} và các địa chỉ sau đó.',
    en: 'kyso fetches at most {limit} URLs for one document: {url} and any later URL were not fetched.',
  },
  PKI_FETCH_DOCUMENT_TIME: {
    severity: 'warning',
    vi: 'Kyso dành tối đa {seconds} giây để tải dữ liệu qua mạng cho một tài liệu: không tải (hoặc không chờ kết quả từ) {url} và các địa chỉ sau đó.',
    en: 'kyso spends at most {seconds} s fetching over the network for one document: {url} was not fetched (or its answer not awaited), nor any later URL.',
  },
  PKI_OCSP_UNUSABLE: {
    severity: 'warning',
    vi: 'Không dùng được phản hồi OCSP về "{subject}": {detail}.',
    en: 'An OCSP response about "{subject}" cannot be used: {detail}.',
  },
  PKI_OCSP_CERTID_HASH_UNSUPPORTED: {
    severity: 'warning',
    vi: 'Không đối chiếu được phản hồi OCSP về số hiệu của "{subject}": CertID được băm bằng thuật toán {algorithm} mà kyso không tính được.',
    en: 'An OCSP response about the serial number of "{subject}" cannot be matched: its CertID is hashed with {algorithm}, which kyso cannot compute.',
  },
  PKI_REVOCATION_AFTER_EXPIRY: {
    severity: 'warning',
    vi: 'Thông tin thu hồi ({method}) về chứng thư số "{subject}" được phát hành lúc {thisUpdate}, sau khi chứng thư hết hạn ({notAfter}), và không cho biết có giữ lại chứng thư đã hết hạn hay không: việc chứng thư không có trong danh sách không chứng minh nó chưa bị thu hồi.',
    en: 'The {method} revocation information about "{subject}" was issued at {thisUpdate}, after the certificate expired ({notAfter}), and does not say it keeps expired certificates: its silence does not prove the certificate was not revoked.',
  },
});

export type PkiMessageCode = keyof typeof PKI;

const DEFECT_MESSAGES = {
  truncated: PKI.PKI_DER_TRUNCATED,
  'length-encoding': PKI.PKI_DER_LENGTH_ENCODING,
  'tag-encoding': PKI.PKI_DER_TAG_ENCODING,
  'trailing-data': PKI.PKI_DER_TRAILING_DATA,
  'integer-encoding': PKI.PKI_DER_INTEGER_ENCODING,
  'boolean-encoding': PKI.PKI_DER_BOOLEAN_ENCODING,
  'time-encoding': PKI.PKI_DER_TIME_ENCODING,
  'impossible-date': PKI.PKI_DER_IMPOSSIBLE_DATE,
  'string-encoding': PKI.PKI_DER_STRING_ENCODING,
  'duplicate-field': PKI.PKI_DER_DUPLICATE_FIELD,
  structure: PKI.PKI_DER_STRUCTURE,
} as const satisfies Record<DerDefect, unknown>;

/** The one message of an encoding defect's class (beside the message that says which object was refused). */
export function derDefectMessage(error: unknown): Message | undefined {
  const defect = (error as { defect?: unknown } | null)?.defect;
  if (typeof defect !== 'string' || !(defect in DEFECT_MESSAGES)) return undefined;
  return DEFECT_MESSAGES[defect as DerDefect]({ detail: (error as Error).message });
}
