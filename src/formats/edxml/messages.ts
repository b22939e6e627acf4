import { defineMessages } from '../../report/messages.js';

/** Messages of the edXML (QCVN 102:2016/BTTTT) package parser. */
export const EDXML_MESSAGES = defineMessages({
  EDXML_NO_HEADER: {
    severity: 'error',
    vi: 'Gói edXML thiếu {element}; không đọc được tiêu đề gói.',
    en: 'The edXML package lacks {element}; its header cannot be read.',
  },
  EDXML_PACKAGE_SIGNATURE_ABSENT: {
    severity: 'info',
    vi: 'Gói edXML không có chữ ký của gói.',
    en: 'The edXML package carries no package signature.',
  },
  EDXML_PACKAGE_SIGNATURE_STATE: {
    severity: 'info',
    vi: 'Chữ ký của gói edXML ({id}): {state_vi}.',
    en: 'edXML package signature ({id}): {state_en}.',
  },
  EDXML_SIGNATURE_REBUILT: {
    severity: 'warning',
    vi: 'Chữ ký của gói đã bị tuần tự hóa lại khi chuyển (mất không gian tên XMLDSig{whitespace_vi}); kyso dựng lại bản gốc ({namespace}) trước khi kiểm tra.',
    en: 'The package signature was re-serialised in transit (XMLDSig namespace lost{whitespace_en}); kyso rebuilt the original ({namespace}) before verifying it.',
  },
  EDXML_REFERENCE_OUT_OF_PLACE: {
    severity: 'error',
    vi: 'Chữ ký của gói ({id}) tham chiếu tới {element} nằm ngoài vị trí của nó trong phong bì edXML (tấn công bọc chữ ký): chữ ký không bảo đảm tiêu đề của gói này.',
    en: 'The package signature ({id}) references {element} outside its place in the edXML envelope (signature wrapping): it does not protect this package’s header.',
  },
  EDXML_HEADER_NOT_COVERED: {
    severity: 'error',
    vi: 'Chữ ký của gói ({id}) không ký MessageHeader của phong bì (cũng không ký toàn bộ phong bì).',
    en: 'The package signature ({id}) signs neither the envelope’s MessageHeader nor the whole envelope.',
  },
  EDXML_METADATA_UNSIGNED: {
    severity: 'info',
    vi: 'Các thông tin tiêu đề sau không được chữ ký hợp lệ của gói bảo đảm: {fields}.',
    en: 'These header fields are not covered by a valid package signature: {fields}.',
  },
  EDXML_METADATA_NOT_BOUND: {
    severity: 'warning',
    vi: 'Chữ ký của gói ({ids}) ký các thông tin tiêu đề {fields} nhưng không ký mọi tệp đính kèm: các thông tin này không gắn với văn bản trong gói, nên không được coi là đã được bảo đảm cho văn bản.',
    en: 'The package signature ({ids}) signs the header fields {fields} but not every attachment: they are not bound to the documents in the package, so they are not taken as proven for them.',
  },
  EDXML_ORGAN_ID_MALFORMED: {
    severity: 'warning',
    vi: 'Mã định danh cơ quan "{value}" ({field}) không đúng dạng DDD.CC.BB.Xnn.',
    en: 'The agency identifier "{value}" ({field}) is not of the form DDD.CC.BB.Xnn.',
  },
  EDXML_DATE_UNREADABLE: {
    severity: 'warning',
    vi: 'Không đọc được ngày "{value}" ({field}).',
    en: 'The date "{value}" ({field}) cannot be read.',
  },
  EDXML_ATTACHMENT_NOT_BASE64: {
    severity: 'error',
    vi: 'Tệp đính kèm "{name}" không phải dữ liệu base64 hợp lệ; không kiểm tra được.',
    en: 'The attachment "{name}" is not valid base64; it cannot be checked.',
  },
  EDXML_ATTACHMENT_EMPTY: {
    severity: 'warning',
    vi: 'Tệp đính kèm "{name}" không có nội dung.',
    en: 'The attachment "{name}" has no content.',
  },
  EDXML_ATTACHMENT_NOT_IN_MANIFEST: {
    severity: 'warning',
    vi: 'Tệp đính kèm có ContentId "{contentId}" không có trong danh mục edXMLManifest.',
    en: 'The attachment with ContentId "{contentId}" is not listed in edXMLManifest.',
  },
  EDXML_MANIFEST_ATTACHMENT_MISSING: {
    severity: 'error',
    vi: 'Danh mục edXMLManifest liệt kê tệp "{contentId}" nhưng gói không chứa tệp này.',
    en: 'edXMLManifest lists "{contentId}" but the package does not carry it.',
  },
  EDXML_SEVERAL_ATTACHMENT_CONTAINERS: {
    severity: 'warning',
    vi: 'Gói edXML có {count} phần tử AttachmentEncoded (chỉ được có một); mọi tệp đính kèm trong tất cả các phần tử đều được kiểm tra.',
    en: 'The edXML package has {count} AttachmentEncoded elements (one is expected); the attachments in all of them are checked.',
  },
  EDXML_DUPLICATE_CONTENT_ID: {
    severity: 'warning',
    vi: 'Nhiều tệp đính kèm cùng ContentId "{contentId}"; mỗi tệp đều được kiểm tra.',
    en: 'Several attachments share the ContentId "{contentId}"; each of them is checked.',
  },
  EDXML_NO_DOCUMENT: {
    severity: 'warning',
    vi: 'Gói edXML là gói văn bản (không phải thông điệp trạng thái) nhưng không mang tệp văn bản nào: chữ ký của gói không thay cho chữ ký trên văn bản.',
    en: 'The edXML package is a document package (not a status message) but carries no document: the package signature does not stand in for a signature on a document.',
  },
  EDXML_SIGNED_MANIFEST_ATTACHMENT_MISSING: {
    severity: 'error',
    vi: 'Danh mục edXMLManifest được chữ ký của gói ({ids}) bảo đảm liệt kê {contentIds} nhưng gói không chứa: gói không còn là gói đã được ký.',
    en: 'edXMLManifest, protected by the package signature ({ids}), lists {contentIds}, which the package does not carry: the package is not the one that was signed.',
  },
  EDXML_LISTED_ATTACHMENT_UNCHECKED: {
    severity: 'error',
    vi: 'Danh mục edXMLManifest liệt kê {contentIds} nhưng gói không chứa; không kiểm tra được văn bản không có trong gói, nên không thể kết luận gói hợp lệ.',
    en: 'edXMLManifest lists {contentIds}, which the package does not carry; a document that is not there cannot be checked, so the package cannot be judged valid.',
  },
  EDXML_TOO_MANY_ATTACHMENTS: {
    severity: 'error',
    vi: 'Gói edXML có {count} tệp đính kèm, vượt giới hạn {limit}; {unchecked} tệp sau không được kiểm tra, nên không thể kết luận gói hợp lệ.',
    en: 'The edXML package has {count} attachments, over the limit of {limit}; the last {unchecked} are not checked, so the package cannot be judged valid.',
  },
  EDXML_ATTACHMENT_AMBIGUOUS: {
    severity: 'error',
    vi: 'Tệp đính kèm {names} không mang đúng một khối nội dung: có nhiều phần tử ContentTransferEncoded, có dữ liệu nằm ngoài ContentTransferEncoded, hoặc nội dung bị một phần tử khác hay chú thích chen vào giữa. Các phần mềm khác nhau có thể đọc ra những văn bản khác nhau từ đó, nên gói edXML bị coi là hỏng.',
    en: 'The attachment {names} does not carry exactly one payload: several ContentTransferEncoded elements, text beside ContentTransferEncoded, or a payload broken up by another element or a comment. Different software may read a different document from it, so the edXML package is taken as malformed.',
  },
});
