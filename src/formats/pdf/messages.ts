import { defineMessages } from '../../report/messages.js';

/** Messages of the PDF reader: structure, coverage, changes after signing, long-term data. */
export const PDF_MESSAGES = defineMessages({
  // --- The file and its structure ------------------------------------------------
  PDF_NOT_PDF: {
    severity: 'error',
    vi: 'Tệp không phải PDF: không tìm thấy phần đầu %PDF- hay cấu trúc PDF nào.',
    en: 'The file is not a PDF: no %PDF- header and no PDF structure found.',
  },
  PDF_TOO_LARGE: {
    severity: 'error',
    vi: 'Tệp PDF dài {size} byte, vượt giới hạn {limit} byte.',
    en: 'The PDF is {size} bytes long, over the limit of {limit} bytes.',
  },
  PDF_NO_STARTXREF: {
    severity: 'error',
    vi: 'Không tìm thấy từ khóa startxref ở cuối tệp.',
    en: 'No startxref keyword at the end of the file.',
  },
  PDF_XREF_UNREADABLE: {
    severity: 'error',
    vi: 'Không đọc được bảng tham chiếu chéo (xref) tại byte {offset}: {detail}.',
    en: 'The cross-reference section at byte {offset} cannot be read: {detail}.',
  },
  PDF_XREF_PREV_LOOP: {
    severity: 'error',
    vi: 'Chuỗi /Prev của các bảng xref quay vòng (byte {offset} được trỏ tới hai lần).',
    en: 'The /Prev chain of cross-reference sections loops (byte {offset} is reached twice).',
  },
  PDF_STRUCTURE_RECOVERED: {
    severity: 'error',
    vi: 'Cấu trúc xref hỏng; các đối tượng được tìm lại bằng cách quét tệp ({count} đối tượng). Không xác định được các phiên bản của tài liệu.',
    en: 'The cross-reference structure is broken; objects were recovered by scanning the file (objects found: {count}). The document revisions cannot be established.',
  },
  PDF_REVISION_ORPHANED_PREFIX: {
    severity: 'warning',
    vi: 'Phiên bản đầu tiên trong chuỗi /Prev được ghi không có /Prev, bỏ ra ngoài một phiên bản trước nó (bảng tham chiếu chéo tại byte {offset}, kết thúc ở byte {end}). Phiên bản bị bỏ không chứa chữ ký nào, và phiên bản đầu tiên của chuỗi tự liệt kê danh mục (catalog) của tài liệu: các byte 0–{end} được coi là phần đầu của phiên bản đầu tiên (byte 0–{first}), mà mọi chữ ký đều bao phủ.',
    en: 'The first revision of the /Prev chain was written without /Prev, leaving out a revision before it (cross-reference section at byte {offset}, ending at byte {end}). The revision left out holds no signature, and the first revision of the chain lists the catalog of the document itself: bytes 0–{end} are taken as the start of the first revision (bytes 0–{first}), which every signature covers.',
  },
  PDF_FIRST_REVISION_RECOVERED: {
    severity: 'warning',
    vi: 'Dữ liệu tham chiếu chéo của phiên bản đầu tiên (byte 0–{end}) bị hỏng: không đọc được bảng xref tại byte {offset}. {count} đối tượng của phiên bản này được tìm lại bằng cách quét các byte đó; {later} phiên bản sau là các cập nhật gia tăng hợp lệ.',
    en: 'The cross-reference data of the first revision (bytes 0–{end}) is broken: no cross-reference section can be read at byte {offset}. Its {count} objects were found by scanning those bytes; the {later} later revisions are valid incremental updates.',
  },
  PDF_REVISION_END_NOT_FOUND: {
    severity: 'error',
    vi: 'Không tìm thấy startxref/%%EOF kết thúc phiên bản có bảng xref tại byte {offset}.',
    en: 'No startxref/%%EOF closes the revision whose cross-reference section is at byte {offset}.',
  },
  PDF_REVISION_NOT_IN_CHAIN: {
    severity: 'error',
    vi: 'Chuỗi /Prev của các bảng xref bỏ qua một phiên bản có trong tệp (phiên bản kết thúc tại byte {end}, bảng xref tại byte {offset}): các cập nhật sau không nối tiếp nó.',
    en: 'The /Prev chain of cross-reference sections skips a revision present in the file (ending at byte {end}, cross-reference section at byte {offset}): the later updates do not build on it.',
  },
  PDF_REVISION_OUT_OF_ORDER: {
    severity: 'error',
    vi: 'Phiên bản {revision} không phải là một cập nhật gia tăng hợp lệ: bảng xref của nó (byte {offset}) nằm trước phần cuối của phiên bản trước (byte {previousEnd}).',
    en: 'Revision {revision} is not a valid incremental update: its cross-reference section (byte {offset}) lies before the end of the previous revision (byte {previousEnd}).',
  },
  PDF_TRAILING_BYTES: {
    severity: 'error',
    vi: 'Có {count} byte sau %%EOF cuối cùng không thuộc cập nhật gia tăng hợp lệ nào (từ byte {offset}).',
    en: 'The bytes after the last %%EOF (from byte {offset}, {count} in all) are not a valid incremental update.',
  },
  PDF_TRAILING_WHITESPACE: {
    severity: 'info',
    vi: 'Có {count} byte khoảng trắng sau %%EOF cuối cùng.',
    en: '{count} whitespace bytes follow the last %%EOF.',
  },
  PDF_TRAILING_COMMENTS: {
    severity: 'warning',
    vi: 'Có {count} byte sau %%EOF cuối cùng (từ byte {offset}) chỉ gồm khoảng trắng và chú thích (như một %%EOF lặp lại), không chứa cấu trúc PDF nào: chúng không thể thay đổi tài liệu.',
    en: 'The {count} bytes after the last %%EOF (from byte {offset}) hold only white space and comments (such as a repeated %%EOF) and no PDF structure: they cannot change the document.',
  },
  PDF_TOO_MANY_REVISIONS: {
    severity: 'error',
    vi: 'Tài liệu có hơn {limit} phiên bản; đã dừng đọc.',
    en: 'The document has more than {limit} revisions; reading stopped.',
  },
  PDF_TOO_MANY_OBJECTS: {
    severity: 'error',
    vi: 'Tài liệu khai báo hơn {limit} đối tượng; đã dừng đọc.',
    en: 'The document declares more than {limit} objects; reading stopped.',
  },
  PDF_XREF_OFFSET_REPAIRED: {
    severity: 'warning',
    vi: 'Bảng xref ghi sai vị trí đối tượng {object} (byte {listed}); đối tượng được tìm thấy ngay gần đó, ở byte {found}, như các trình đọc PDF khác vẫn làm.',
    en: 'The cross-reference table gives a wrong offset for object {object} (byte {listed}); the object was found close by, at byte {found}, as other PDF readers do.',
  },
  PDF_OBJECT_UNREADABLE: {
    severity: 'error',
    vi: 'Không đọc được đối tượng {object}: {detail}.',
    en: 'Object {object} cannot be read: {detail}.',
  },
  PDF_OBJECT_STREAM_CYCLE: {
    severity: 'error',
    vi: 'Vòng lặp khi giải đối tượng {object} (luồng đối tượng hoặc /Length tự tham chiếu).',
    en: 'A cycle while resolving object {object} (object streams or /Length referring back to themselves).',
  },
  PDF_INFLATE_LIMIT: {
    severity: 'error',
    vi: 'Một luồng nén (đối tượng {object}) giải nén vượt quá {limit} byte; đã từ chối.',
    en: 'A compressed stream (object {object}) inflates beyond {limit} bytes; refused.',
  },
  PDF_INFLATE_TOTAL_LIMIT: {
    severity: 'error',
    vi: 'Các luồng nén của tài liệu cộng lại giải nén vượt quá {limit} byte; luồng {object} và các luồng sau không được đọc.',
    en: 'The compressed streams of the document together inflate beyond {limit} bytes; stream {object} and later ones are not read.',
  },
  PDF_INFLATE_NESTED_TOTAL_LIMIT: {
    severity: 'error',
    vi: 'Các luồng nén của những tài liệu lồng nhau trong tệp này cộng lại giải nén vượt quá {limit} byte; luồng {object} và các luồng sau không được đọc (nghi ngờ bom nén).',
    en: 'The compressed streams of the documents nested in this file together inflate beyond {limit} bytes; stream {object} and later ones are not read (suspected decompression bomb).',
  },
  PDF_INFLATE_WORK_LIMIT: {
    severity: 'error',
    vi: 'Các luồng nén của tài liệu bị giải nén đi giải nén lại, vượt quá {limit} byte tổng cộng; luồng {object} không được đọc lại (nghi ngờ tấn công từ chối dịch vụ).',
    en: 'The compressed streams of the document were inflated again and again, beyond {limit} bytes in all; stream {object} is not read again (suspected denial of service).',
  },
  PDF_FIELD_TREE_TOO_LARGE: {
    severity: 'error',
    vi: 'Cây trường biểu mẫu (AcroForm) của phiên bản {revision} có hơn {limit} mục; không đọc tiếp, một trường chữ ký có thể nằm ở phần chưa đọc.',
    en: 'The form field tree (AcroForm) of revision {revision} has more than {limit} entries; reading stopped, and a signature field may lie in the part not read.',
  },
  PDF_CONTAINER_TOO_LARGE: {
    severity: 'error',
    vi: 'Đối tượng {object} chứa một mảng hoặc từ điển có hơn {limit} phần tử; không đọc.',
    en: 'Object {object} holds an array or dictionary of more than {limit} items; not read.',
  },
  PDF_UNSUPPORTED_FILTER: {
    severity: 'error',
    vi: 'Bộ lọc luồng {filter} (đối tượng {object}) không được hỗ trợ.',
    en: 'Stream filter {filter} (object {object}) is not supported.',
  },
  PDF_NESTING_TOO_DEEP: {
    severity: 'error',
    vi: 'Đối tượng {object} lồng mảng/từ điển sâu hơn {limit} cấp.',
    en: 'Object {object} nests arrays and dictionaries deeper than {limit} levels.',
  },
  PDF_ENCRYPT_DROPPED: {
    severity: 'warning',
    vi: 'Trailer của phiên bản {revision} bỏ mất mục /Encrypt mà phiên bản trước có: mọi trình đọc, kể cả kyso, coi cả tệp là không mã hóa, nên các chuỗi và luồng đã mã hóa trước đó không đọc được.',
    en: 'The trailer of revision {revision} leaves out the /Encrypt the revision before had: every reader, kyso too, takes the whole file as not encrypted, so the strings and streams encrypted before cannot be read.',
  },
  PDF_ENCRYPTION_CHANGED: {
    severity: 'warning',
    vi: 'Phiên bản {revision} đổi cách mã hóa tài liệu (mục /Encrypt, từ điển mà nó trỏ tới, hoặc /ID dùng để tạo khóa): mọi trình đọc, kể cả kyso, giải mã các đối tượng ghi trước phiên bản này bằng khóa mới, nên chúng không còn hiển thị như lúc được ký; chữ ký đặt trước phiên bản này không bảo đảm những gì chúng hiển thị bây giờ.',
    en: 'Revision {revision} changes how the document is encrypted (the /Encrypt entry, the dictionary it names, or the /ID its key is made from): every reader, kyso too, decrypts the objects written before it with the new key, so they no longer show what was signed; a signature made before this revision does not vouch for what they show now.',
  },
  PDF_ENCRYPTED_OPENED: {
    severity: 'info',
    vi: 'Tài liệu PDF được mã hóa ({method}) với mật khẩu người dùng trống: đã giải mã để kiểm tra chữ ký.',
    en: 'The PDF is encrypted ({method}) with an empty user password: it was decrypted to check its signatures.',
  },
  PDF_ENCRYPTED_OPENED_USER_PASSWORD: {
    severity: 'info',
    vi: 'Tài liệu PDF được mã hóa ({method}) và được mở bằng mật khẩu thứ {number} trong số các mật khẩu đã cung cấp (dùng làm mật khẩu người dùng): đã giải mã để kiểm tra chữ ký.',
    en: 'The PDF is encrypted ({method}) and was opened with password number {number} of those given, as its user password: it was decrypted to check its signatures.',
  },
  PDF_ENCRYPTED_OPENED_OWNER_PASSWORD: {
    severity: 'info',
    vi: 'Tài liệu PDF được mã hóa ({method}) và được mở bằng mật khẩu thứ {number} trong số các mật khẩu đã cung cấp (dùng làm mật khẩu chủ sở hữu): đã giải mã để kiểm tra chữ ký.',
    en: 'The PDF is encrypted ({method}) and was opened with password number {number} of those given, as its owner password: it was decrypted to check its signatures.',
  },
  PDF_ENCRYPTED_PASSWORD: {
    severity: 'error',
    vi: 'Tài liệu PDF được mã hóa và cần mật khẩu để mở: không đọc được nội dung đã ký, nên không kiểm tra được chữ ký (không phải lỗi chữ ký). Hãy cung cấp mật khẩu (tùy chọn passwords; dòng lệnh: --password hoặc --password-file).',
    en: 'The PDF is encrypted and needs a password to open: the signed content cannot be read, so its signatures cannot be checked (this is not a signature failure). Give its password (the passwords option; on the command line --password or --password-file).',
  },
  PDF_ENCRYPTED_WRONG_PASSWORD: {
    severity: 'error',
    vi: 'Tài liệu PDF được mã hóa và không mật khẩu nào trong số {count} mật khẩu đã cung cấp mở được tài liệu: không đọc được nội dung đã ký, nên không kiểm tra được chữ ký (không phải lỗi chữ ký).',
    en: 'The PDF is encrypted and none of the {count} passwords given opens it: the signed content cannot be read, so its signatures cannot be checked (this is not a signature failure).',
  },
  PDF_ENCRYPTED_PASSWORD_LIMIT: {
    severity: 'error',
    vi: 'Tài liệu PDF được mã hóa AES-256 và đã hết số lần thử mật khẩu dành cho văn bản này ({limit} lần tính, kể cả các tài liệu đi kèm) trước khi mở được: không kiểm tra được chữ ký (không phải lỗi chữ ký).',
    en: 'The PDF is encrypted with AES-256 and the password checks allowed for this document ({limit}, its attachments included) ran out before it was opened: its signatures cannot be checked (this is not a signature failure).',
  },
  PDF_ENCRYPTED_UNSUPPORTED: {
    severity: 'error',
    vi: 'Tài liệu PDF được mã hóa theo cách kyso chưa hỗ trợ ({detail}): không kiểm tra được chữ ký.',
    en: 'The PDF is encrypted in a way kyso does not support ({detail}): its signatures cannot be checked.',
  },
  PDF_ENCRYPTED_UNREADABLE: {
    severity: 'error',
    vi: 'Tài liệu PDF được mã hóa và cấu trúc của nó nằm trong luồng đối tượng đã mã hóa: không kiểm tra được chữ ký.',
    en: 'The PDF is encrypted and its structure sits in encrypted object streams: its signatures cannot be checked.',
  },
  PDF_PAGE_TREE_INVALID: {
    severity: 'warning',
    vi: 'Cây trang của phiên bản {revision} không hợp lệ hoặc quá lớn: {detail}.',
    en: 'The page tree of revision {revision} is invalid or too large: {detail}.',
  },
  PDF_FIELD_TREE_INVALID: {
    severity: 'warning',
    vi: 'Cây trường biểu mẫu (AcroForm) của phiên bản {revision} không hợp lệ: {detail}.',
    en: 'The form field tree (AcroForm) of revision {revision} is invalid: {detail}.',
  },

  // --- Signatures ------------------------------------------------------------------
  PDF_UNKNOWN_SUBFILTER: {
    severity: 'error',
    vi: 'Chữ ký {field} dùng SubFilter không được hỗ trợ: {subFilter}.',
    en: 'Signature {field} uses an unsupported SubFilter: {subFilter}.',
  },
  PDF_SUBFILTER_NOT_VERIFIED: {
    severity: 'error',
    vi: 'Chữ ký {field} dùng SubFilter {subFilter} (chỉ là một giá trị chữ ký PKCS#1 RSA-SHA1, chứng thư số nằm trong /Cert, không có CMS; ISO 32000-2 đánh dấu là lỗi thời): kyso không kiểm tra được loại chữ ký này, nên không xác định được tính toàn vẹn và người ký.',
    en: 'Signature {field} uses the SubFilter {subFilter} (a bare PKCS#1 RSA-SHA1 value, the certificates in /Cert, no CMS; deprecated by ISO 32000-2): kyso does not verify this kind of signature, so its integrity and signer are unknown.',
  },
  PDF_SIGNATURE_ENTRY_UNREADABLE: {
    severity: 'warning',
    vi: 'Giá trị /{key} của chữ ký {field} là tham chiếu tới một đối tượng không đọc được hoặc không phải là tên: coi như không có giá trị này (cách hiểu chặt nhất).',
    en: 'The /{key} value of signature {field} refers to an object that cannot be read or is not a name: it is read as absent (the strictest reading).',
  },
  PDF_UNKNOWN_SUBFILTER_CMS: {
    severity: 'warning',
    vi: 'Chữ ký {field} dùng SubFilter không chuẩn {subFilter} nhưng chứa CMS: đã kiểm tra như một CMS tách rời (adbe.pkcs7.detached).',
    en: 'Signature {field} uses the non-standard SubFilter {subFilter} but carries a CMS: it was checked as a detached CMS (adbe.pkcs7.detached).',
  },
  PDF_CONTENTS_TRAILING_DATA: {
    severity: 'warning',
    vi: 'Sau CMS trong /Contents của chữ ký {field} còn {bytes} byte đệm khác 0: các byte này nằm ngoài phần được ký và ngoài CMS nên bị bỏ qua.',
    en: 'The /Contents of signature {field} holds {bytes} bytes of non-zero padding after the CMS: they lie outside the signed ranges and the CMS, and are ignored.',
  },
  PDF_CONTENTS_NOT_CMS: {
    severity: 'error',
    vi: 'Trường /Contents của chữ ký {field} không chứa CMS (chỉ là chỗ giữ chỗ hoặc dữ liệu hỏng): chữ ký bị hỏng.',
    en: 'The /Contents of signature {field} holds no CMS (only a placeholder or damaged data): the signature is broken.',
  },
  PDF_CONTENTS_MISSING: {
    severity: 'error',
    vi: 'Từ điển chữ ký {field} không có /Contents dạng chuỗi hex.',
    en: 'The signature dictionary {field} has no hexadecimal /Contents string.',
  },
  PDF_CMS_TOO_LARGE: {
    severity: 'error',
    vi: '/Contents của chữ ký {field} dài {size} byte, vượt giới hạn {limit} byte.',
    en: 'The /Contents of signature {field} is {size} bytes long, over the limit of {limit} bytes.',
  },
  PDF_SIGNATURE_IN_OBJECT_STREAM: {
    severity: 'error',
    vi: 'Từ điển chữ ký {field} nằm trong luồng đối tượng nén: không xác định được các byte được ký.',
    en: 'The signature dictionary {field} sits inside a compressed object stream: the signed bytes cannot be established.',
  },
  PDF_SIGNATURE_OVERRIDDEN: {
    severity: 'error',
    vi: 'Từ điển chữ ký {field} đã bị thay thế ở phiên bản {revision} sau khi ký.',
    en: 'The signature dictionary {field} was replaced in revision {revision}, after signing.',
  },
  PDF_SIGNATURE_REMOVED: {
    severity: 'error',
    vi: 'Chữ ký {field} không còn trong tài liệu ở phiên bản cuối.',
    en: 'Signature {field} is no longer in the final revision of the document.',
  },
  PDF_DOCUMENT_TIMESTAMP: {
    severity: 'info',
    vi: 'Dấu thời gian tài liệu {field} (phiên bản {revision}) chứng minh sự tồn tại của các phiên bản trước nó.',
    en: 'Document timestamp {field} (revision {revision}) proves the existence of the revisions before it.',
  },
  PDF_REPEATED_SIGNER_INFOS: {
    severity: 'warning',
    vi: 'CMS của chữ ký {field} có {count} SignerInfo, đều của cùng một người ký và đều hợp lệ với phần được ký: đây là các bản lặp của một chữ ký, SignerInfo đầu tiên được đánh giá.',
    en: 'The CMS of signature {field} has {count} SignerInfos, all by the same signer and all valid over the signed bytes: they are copies of one signature, and the first is judged.',
  },
  PDF_MULTIPLE_SIGNER_INFOS: {
    severity: 'error',
    vi: 'CMS của chữ ký {field} có {count} SignerInfo; chữ ký PDF phải có đúng một.',
    en: 'The CMS of signature {field} has {count} SignerInfos; a PDF signature must have exactly one.',
  },

  // --- Coverage ---------------------------------------------------------------------
  PDF_BYTERANGE_MISSING: {
    severity: 'error',
    vi: 'Chữ ký {field} không có /ByteRange: không xác định được phần được ký.',
    en: 'Signature {field} has no /ByteRange: what it signs is unclear.',
  },
  PDF_BYTERANGE_MALFORMED: {
    severity: 'error',
    vi: '/ByteRange của chữ ký {field} không phải bốn số nguyên không âm bắt đầu từ 0 và tăng dần: {byteRange}.',
    en: 'The /ByteRange of signature {field} is not four non-negative increasing integers starting at 0: {byteRange}.',
  },
  PDF_BYTERANGE_BEYOND_FILE: {
    severity: 'error',
    vi: '/ByteRange của chữ ký {field} vượt quá cuối tệp ({end} > {size}).',
    en: 'The /ByteRange of signature {field} reaches beyond the end of the file ({end} > {size}).',
  },
  PDF_BYTERANGE_GAP_MISMATCH: {
    severity: 'error',
    vi: 'Khoảng trống [{gapStart}, {gapEnd}) trong /ByteRange của chữ ký {field} không đúng bằng chuỗi /Contents [{contentsStart}, {contentsEnd}).',
    en: 'The gap [{gapStart}, {gapEnd}) in the /ByteRange of signature {field} is not exactly the /Contents string [{contentsStart}, {contentsEnd}).',
  },
  PDF_BYTERANGE_OVERLAP: {
    severity: 'error',
    vi: 'Khoảng trống /ByteRange của chữ ký {field} chồng lên chữ ký {other}.',
    en: 'The /ByteRange gap of signature {field} overlaps signature {other}.',
  },
  PDF_COVERAGE_NOT_REVISION_END: {
    severity: 'error',
    vi: 'Phần được ký của chữ ký {field} kết thúc tại byte {end}, không phải cuối một phiên bản của tài liệu: phần sau đó không phải cập nhật gia tăng hợp lệ.',
    en: 'What signature {field} signs ends at byte {end}, which is not the end of a document revision: the bytes after it are not a valid incremental update.',
  },
  PDF_COVERAGE_INVALID_UPDATES: {
    severity: 'error',
    vi: 'Các byte sau phiên bản được ký bởi chữ ký {field} không phải cập nhật gia tăng hợp lệ.',
    en: 'The bytes after the revision signed by {field} are not a valid incremental update.',
  },
  PDF_COVERAGE_RECOVERED_STRUCTURE: {
    severity: 'error',
    vi: 'Chữ ký {field} không bao phủ toàn bộ tệp và cấu trúc tài liệu phải khôi phục: không chứng minh được phần chưa ký là cập nhật hợp lệ.',
    en: 'Signature {field} does not cover the whole file and the document structure had to be recovered: the unsigned part cannot be shown to be a valid update.',
  },
  PDF_SIGNATURE_NOT_IN_SIGNED_REVISION: {
    severity: 'error',
    vi: 'Từ điển chữ ký {field} không thuộc phiên bản mà nó ký (phiên bản {revision}).',
    en: 'The signature dictionary {field} is not part of the revision it signs (revision {revision}).',
  },
  PDF_COVERAGE: {
    severity: 'info',
    vi: 'Chữ ký {field} bao phủ: {level} (phiên bản {revision}/{revisions}).',
    en: 'Signature {field} covers: {level} (revision {revision} of {revisions}).',
  },

  // --- Changes after signing ---------------------------------------------------------
  PDF_MODIFIED_AFTER_SIGNING: {
    severity: 'error',
    vi: 'Tài liệu bị thay đổi sau khi ký {field} theo cách không được phép: {changes}.',
    en: 'The document was changed after signature {field} in a way that is not allowed: {changes}.',
  },
  PDF_ALLOWED_CHANGES_AFTER_SIGNING: {
    severity: 'info',
    vi: 'Sau chữ ký {field} có thay đổi được phép (mức {level}).',
    en: 'After signature {field} there are allowed changes (level {level}).',
  },
  PDF_DOCMDP_VIOLATION: {
    severity: 'error',
    vi: 'Chữ ký chứng nhận (DocMDP P={permission}) không cho phép thay đổi ở phiên bản {revision}: {object}.',
    en: 'The certification signature (DocMDP P={permission}) does not allow the change in revision {revision}: {object}.',
  },
  PDF_FIELD_LOCKED: {
    severity: 'error',
    vi: 'Trường {fieldName} đã bị khóa (FieldMDP) bởi một chữ ký trước nhưng bị thay đổi ở phiên bản {revision}.',
    en: 'Field {fieldName} is locked (FieldMDP) by an earlier signature but was changed in revision {revision}.',
  },
  PDF_FORM_DEFAULTS_LOCKED: {
    severity: 'error',
    vi: 'Phiên bản {revision} thay đổi giao diện mặc định của biểu mẫu (/{key}) trong khi các trường đã bị khóa bởi một chữ ký trước: giá trị hiển thị của trường bị khóa có thể thay đổi.',
    en: 'Revision {revision} changes the form\'s default appearance (/{key}) while fields are locked by an earlier signature: a locked field\'s displayed value can change.',
  },
  PDF_VISIBLE_ANNOTATION_ADDED: {
    severity: 'warning',
    vi: 'Phiên bản {revision} thêm một chú thích hiển thị ({subtype}, {object}) trên trang {page}: chú thích được phép (DocMDP P=3) nhưng có thể che nội dung đã ký.',
    en: 'Revision {revision} adds a visible annotation ({subtype}, {object}) on page {page}: annotations are allowed (DocMDP P=3) but it may cover signed content.',
  },
  PDF_VISIBLE_WIDGET_ADDED: {
    severity: 'warning',
    vi: 'Phiên bản {revision} thêm một ô chữ ký hiển thị ({object}) trên trang {page}: hình hiển thị của nó có thể che nội dung đã ký.',
    en: 'Revision {revision} adds a visible signature widget ({object}) on page {page}: its appearance may cover signed content.',
  },
    PDF_DIFF_BUDGET: {
    severity: 'error',
    vi: 'So sánh phiên bản {revision} vượt giới hạn số đối tượng; các thay đổi được coi là không được phép.',
    en: 'Comparing revision {revision} exceeded the object budget; its changes are treated as not allowed.',
  },
  PDF_CHANGES_NOT_LISTED: {
    severity: 'info',
    vi: 'Báo cáo chỉ liệt kê {listed} trong tổng số {total} thay đổi sau chữ ký {field} (các thay đổi ở mức cao nhất trước); mức thay đổi và kết quả được xét trên tất cả các thay đổi.',
    en: 'The report lists {listed} of the {total} changes after signature {field} (those of the highest level first); the change level and the verdict are judged on all of them.',
  },
  PDF_CHANGE_MESSAGES_NOT_LISTED: {
    severity: 'info',
    vi: 'Báo cáo của chữ ký {field} chỉ nêu {listed} thông báo đầu tiên về các phiên bản sau nó; {count} thông báo khác không được nhắc lại.',
    en: 'The report of signature {field} gives the first {listed} messages about the revisions after it; {count} more are not repeated.',
  },

  // --- Long-term validation -----------------------------------------------------------
  PDF_DSS_ENTRIES_LIMIT: {
    severity: 'warning',
    vi: 'Kho bảo đảm tài liệu (DSS) có hơn {limit} mục {entry} (kể cả trong /VRI); chỉ {limit} mục đầu tiên được dùng, các mục còn lại bị bỏ qua.',
    en: 'The document security store (DSS) holds more than {limit} {entry} entries (/VRI included); only the first {limit} are used, the rest are left out.',
  },
  PDF_DSS_FOUND: {
    severity: 'info',
    vi: 'Kho bảo đảm tài liệu (DSS): {certificates} chứng thư, {crls} CRL, {ocsps} phản hồi OCSP.',
    en: 'Document security store (DSS): {certificates} certificates, {crls} CRLs, {ocsps} OCSP responses.',
  },
  PDF_DSS_ENTRY_TOO_LARGE: {
    severity: 'warning',
    vi: 'Một mục DSS ({entry}, đối tượng {object}) lớn hơn {limit} byte (giới hạn kích thước CMS); đã bỏ qua, không giải nén.',
    en: 'A DSS entry ({entry}, object {object}) is larger than {limit} bytes (the CMS size limit); ignored, not inflated.',
  },
  PDF_DSS_ENTRY_UNREADABLE: {
    severity: 'warning',
    vi: 'Không đọc được một mục DSS ({entry}): {detail}.',
    en: 'A DSS entry ({entry}) cannot be read: {detail}.',
  },
  PDF_MDP_VALUE_UNREADABLE: {
    severity: 'warning',
    vi: 'Không đọc được giá trị /{key} trong quyền hạn {transform} của chữ ký {field} (đối tượng hỏng hoặc sai kiểu): áp dụng cách hiểu chặt nhất (không cho thay đổi, khóa mọi trường).',
    en: 'The /{key} value of the {transform} permissions of signature {field} cannot be read (a broken object or a wrong type): the strictest reading applies (no changes, every field locked).',
  },
  PDF_CERTIFICATION_NOT_FIRST: {
    severity: 'warning',
    vi: 'Chữ ký {field} khai báo là chữ ký chứng nhận (DocMDP) nhưng được ký sau chữ ký {earlier}: chữ ký chứng nhận phải là chữ ký đầu tiên của tài liệu, nên tài liệu không được coi là đã chứng nhận; các hạn chế thay đổi mà chữ ký này đặt ra vẫn được áp dụng cho các phiên bản sau.',
    en: 'Signature {field} claims to be a certification (DocMDP) signature but was made after signature {earlier}: a certification signature must be the document\'s first signature, so the document is not treated as certified; the restrictions on changes it sets still apply to later revisions.',
  },
  PDF_DATE_INVALID: {
    severity: 'warning',
    vi: 'Thời điểm ký /M của chữ ký {field} không đúng định dạng ngày PDF: {value}.',
    en: 'The /M signing time of signature {field} is not a valid PDF date: {value}.',
  },
});

export type PdfMessageCode = keyof typeof PDF_MESSAGES;
