import { defineMessages } from '../../report/messages.js';

/** Messages of the XML parser, canonicalisation, XMLDSig and XAdES layers. */
export const XML_MESSAGES = defineMessages({
  XML_TOO_LARGE: {
    severity: 'error',
    vi: 'Tài liệu XML có {size} byte, vượt giới hạn {limit} byte; không phân tích.',
    en: 'The XML document has {size} bytes, over the limit of {limit}; not parsed.',
  },
  XML_TOO_DEEP: {
    severity: 'error',
    vi: 'Tài liệu XML lồng sâu quá {limit} cấp; không phân tích.',
    en: 'The XML document nests deeper than {limit} levels; not parsed.',
  },
  XML_TOO_MANY_NODES: {
    severity: 'error',
    vi: 'Tài liệu XML có hơn {limit} nút; không phân tích.',
    en: 'The XML document has more than {limit} nodes; not parsed.',
  },
  XML_TOO_MANY_NAMESPACES: {
    severity: 'error',
    vi: 'Tài liệu XML có phần tử chịu ảnh hưởng của hơn {limit} khai báo không gian tên; không phân tích.',
    en: 'The XML document has an element with more than {limit} namespace declarations in scope; not parsed.',
  },
  XML_DOCTYPE_REFUSED: {
    severity: 'error',
    vi: 'Tài liệu XML có khai báo DOCTYPE (DTD, thực thể); kyso không xử lý DTD nên từ chối tài liệu.',
    en: 'The XML document has a DOCTYPE declaration (DTD, entities); kyso does not process DTDs and refuses it.',
  },
  XML_DECLARATION_REFUSED: {
    severity: 'error',
    vi: 'Tài liệu XML có khai báo "<!{name}" không được phép.',
    en: 'The XML document has a "<!{name}" declaration, which is not allowed.',
  },
  XML_ENTITY_REFUSED: {
    severity: 'error',
    vi: 'Tài liệu XML tham chiếu thực thể "{name}" không được định nghĩa sẵn; không phân tích.',
    en: 'The XML document refers to the entity "{name}", which is not predefined; not parsed.',
  },
  XML_ILLEGAL_CHARACTER: {
    severity: 'error',
    vi: 'Tài liệu XML chứa ký tự không hợp lệ (U+{code}) tại vị trí {offset}.',
    en: 'The XML document contains an illegal character (U+{code}) at offset {offset}.',
  },
  XML_ENCODING_UNSUPPORTED: {
    severity: 'error',
    vi: 'Bảng mã "{encoding}" của tài liệu XML không được hỗ trợ (chỉ UTF-8, UTF-16, ISO-8859-x và windows-1250 đến windows-1258).',
    en: 'The XML encoding "{encoding}" is not supported (UTF-8, UTF-16, ISO-8859-x and windows-1250 to windows-1258 only).',
  },
  XML_ENCODING_INVALID: {
    severity: 'error',
    vi: 'Tài liệu XML không phải là {encoding} hợp lệ.',
    en: 'The XML document is not valid {encoding}.',
  },
  XML_UTF8_INVALID: {
    severity: 'error',
    vi: 'Tài liệu XML khai báo bảng mã {declared} nhưng không phải UTF-8 hợp lệ: byte 0x{byte} tại vị trí {offset} không mở đầu một chuỗi UTF-8 đúng.',
    en: 'The XML document declares {declared} but is not valid UTF-8: byte 0x{byte} at offset {offset} does not start a well-formed UTF-8 sequence.',
  },
  XML_NOT_ONE_ROOT: {
    severity: 'error',
    vi: 'Tài liệu XML phải có đúng một phần tử gốc (tìm thấy {count}).',
    en: 'An XML document must have exactly one root element (found {count}).',
  },
  XML_CONTENT_OUTSIDE_ROOT: {
    severity: 'error',
    vi: 'Tài liệu XML có nội dung nằm ngoài phần tử gốc.',
    en: 'The XML document has content outside its root element.',
  },
  XML_MALFORMED: {
    severity: 'error',
    vi: 'Tài liệu XML không đúng cú pháp: {detail}',
    en: 'The XML document is not well-formed: {detail}',
  },
  XML_DUPLICATE_ID: {
    severity: 'error',
    vi: 'Giá trị định danh "{id}" xuất hiện {count} lần trong tài liệu; không thể xác định phần tử được ký (nguy cơ tấn công bọc chữ ký).',
    en: 'The identifier "{id}" appears {count} times in the document; what is signed cannot be determined (signature wrapping risk).',
  },
  XML_NO_SIGNATURE: {
    severity: 'info',
    vi: 'Tài liệu XML không có chữ ký XMLDSig.',
    en: 'The XML document carries no XMLDSig signature.',
  },
  XML_TOO_MANY_SIGNATURES: {
    severity: 'error',
    vi: 'Tài liệu có {count} chữ ký, vượt giới hạn {limit}; các chữ ký sau không được kiểm tra nên không thể kết luận về tài liệu.',
    en: 'The document has {count} signatures, over the limit of {limit}; the rest are not checked, so the document cannot be judged.',
  },
  XML_SIGNATURE_COPIED: {
    severity: 'error',
    vi: 'Chữ ký {id} có SignatureValue giống hệt chữ ký {original}: đây là bản sao của một chữ ký khác (có thể mang nội dung không được ký), không phải một chữ ký riêng.',
    en: 'Signature {id} has the same SignatureValue as signature {original}: it is a copy of another signature (which may carry unsigned content), not a signature of its own.',
  },
  XML_SIGNATURE_STRUCTURE: {
    severity: 'error',
    vi: 'Cấu trúc chữ ký XML không hợp lệ: {detail}',
    en: 'The XML signature structure is invalid: {detail}',
  },
  XML_VALUE_NOT_BASE64: {
    severity: 'error',
    vi: 'Phần tử {element} phải chỉ chứa văn bản base64 hợp lệ (không chú thích, không chỉ thị xử lý).',
    en: 'The element {element} must hold valid base64 text only (no comments, no processing instructions).',
  },
  XML_UNSUPPORTED_ALGORITHM: {
    severity: 'error',
    vi: 'Thuật toán {kind} "{uri}" không được hỗ trợ; chữ ký không kiểm tra được (không được coi là hợp lệ, cũng không phải là sai).',
    en: 'The {kind} algorithm "{uri}" is not supported; the signature cannot be checked (neither passed nor proven wrong).',
  },
  XML_UNSUPPORTED_REFERENCE: {
    severity: 'error',
    vi: 'Không có dữ liệu được ký của tham chiếu "{uri}" (ngoài tài liệu và không được cung cấp); chữ ký không kiểm tra được đầy đủ.',
    en: 'The signed data of reference "{uri}" is not available (outside the document and not supplied); the signature cannot be fully checked.',
  },
  XML_NO_URI_READ_AS_DOCUMENT: {
    severity: 'warning',
    vi: 'Một tham chiếu không có URI nhưng có phép biến đổi enveloped-signature: kyso coi dữ liệu được ký là toàn bộ tài liệu chứa chữ ký (như URI="") và giá trị băm khớp.',
    en: 'A reference has no URI but an enveloped-signature transform: kyso read its data as the whole document holding the signature (as URI="" does), and the digest matches.',
  },
  XML_REFERENCE_NOT_FOUND: {
    severity: 'error',
    vi: 'Tham chiếu "{uri}" không trỏ tới phần tử nào trong tài liệu.',
    en: 'The reference "{uri}" points to no element in the document.',
  },
  XML_REFERENCE_DIGEST_MISMATCH: {
    severity: 'error',
    vi: 'Giá trị băm của tham chiếu URI="{uri}" không khớp: nội dung đã bị thay đổi sau khi ký.',
    en: 'The digest of reference "{uri}" ({target}) does not match: the content changed after signing.',
  },
  XML_TRANSFORM_FAILED: {
    severity: 'error',
    vi: 'Không áp dụng được phép biến đổi "{uri}" cho tham chiếu "{reference}": {detail}',
    en: 'The transform "{uri}" could not be applied to reference "{reference}": {detail}',
  },
  XML_DETACHED_CONTENT: {
    severity: 'info',
    vi: 'Tham chiếu "{uri}" được kiểm tra trên nội dung tách rời do người dùng cung cấp ({size} byte).',
    en: 'The reference "{uri}" is checked against the detached content supplied ({size} bytes).',
  },
  XML_MANIFEST_CHECKED: {
    severity: 'info',
    vi: 'Manifest "{uri}": {passed}/{count} tham chiếu khớp giá trị băm.',
    en: 'Manifest "{uri}": references matching their digests: {passed} of {count}.',
  },
  XML_NESTED_MANIFEST: {
    severity: 'warning',
    vi: 'Tham chiếu "{uri}" trỏ tới một Manifest lồng trong Manifest; các tham chiếu bên trong không được kiểm tra.',
    en: 'The reference "{uri}" is a Manifest inside a Manifest; its own references are not checked.',
  },
  XML_WORK_LIMIT: {
    severity: 'error',
    vi: 'Các tham chiếu của tài liệu đòi hỏi chuẩn hóa quá nhiều dữ liệu; tham chiếu này không được kiểm tra.',
    en: 'The document’s references require canonicalising too much data; this reference is not checked.',
  },
  XML_XPATH_WORK_LIMIT: {
    severity: 'error',
    vi: 'Các phép biến đổi XPath của tài liệu đòi hỏi quá nhiều công việc (vượt giới hạn {limit} đơn vị); tham chiếu này không được kiểm tra.',
    en: 'The document’s XPath transforms need too much work (over the limit of {limit} units); this reference is not checked.',
  },
  XML_TOO_MANY_REFERENCES: {
    severity: 'error',
    vi: 'SignedInfo có {count} tham chiếu, vượt giới hạn {limit}.',
    en: 'SignedInfo has {count} references, over the limit of {limit}.',
  },
  XML_REFERENCE_TEXT_ONLY: {
    severity: 'warning',
    vi: 'Tham chiếu "{uri}" ({target}) qua phép biến đổi base64 chỉ ký phần văn bản giải mã được; tên phần tử và thuộc tính không được ký.',
    en: 'Reference "{uri}" ({target}) goes through a base64 transform and signs only the decoded text; element names and attributes are not signed.',
  },
  XML_REFERENCE_PARTIAL: {
    severity: 'warning',
    vi: 'Tham chiếu "{uri}" ({target}) loại ra {count} phần (ngoài các chữ ký) bằng phép biến đổi; các phần đó không được ký.',
    en: 'Reference "{uri}" ({target}) leaves out {count} part(s) other than signatures through its transforms; those parts are not signed.',
  },
  XML_SIGNER_NAMED_NOT_INCLUDED: {
    severity: 'error',
    vi: 'KeyInfo chỉ định chứng thư số của người ký bằng X509IssuerSerial (số hiệu {serial}) nhưng không chứa chứng thư đó (hoặc không đọc được); không xác định được người ký.',
    en: 'KeyInfo names the signer’s certificate by X509IssuerSerial (serial {serial}) but does not carry it (or it is unreadable); the signer cannot be identified.',
  },
  XML_ONLY_CA_CERTIFICATES: {
    severity: 'error',
    vi: 'KeyInfo chỉ chứa chứng thư số của CA ({count} chứng thư đọc được); chứng thư của CA không được coi là chứng thư của người ký, nên không xác định được người ký.',
    en: 'KeyInfo carries only CA certificates ({count} readable); a CA certificate is not taken as the signer’s, so the signer cannot be identified.',
  },
  XML_NO_CERTIFICATE: {
    severity: 'error',
    vi: 'KeyInfo không chứa chứng thư số X509Certificate; không xác định được người ký (khóa công khai trần trong KeyValue không được tin cậy).',
    en: 'KeyInfo holds no X509Certificate; the signer cannot be identified (a bare KeyValue key is not trusted).',
  },
  XML_CERTIFICATE_UNREADABLE: {
    severity: 'warning',
    vi: 'Không đọc được chứng thư số thứ {index} trong KeyInfo.',
    en: 'Certificate number {index} in KeyInfo cannot be read.',
  },
  XML_SIGNER_UNDECIDABLE: {
    severity: 'error',
    vi: 'Có {count} chứng thư số khác nhau trong KeyInfo cùng kiểm tra đúng chữ ký, mà không thuộc tính đã ký nào chỉ ra chứng thư nào: không xác định được người ký.',
    en: '{count} different certificates in KeyInfo verify the signature, and nothing signed says which one signed: the signer cannot be identified.',
  },
  XML_SIGNER_AMBIGUOUS: {
    severity: 'error',
    vi: 'KeyInfo có {count} chứng thư số nhưng không xác định được chứng thư của người ký.',
    en: 'None of the certificates in KeyInfo ({count}) can be identified as the signer’s.',
  },
  XML_KEY_ALGORITHM_MISMATCH: {
    severity: 'error',
    vi: 'Khóa công khai của chứng thư số ({key}) không dùng được với thuật toán chữ ký {algorithm}.',
    en: 'The certificate’s public key ({key}) cannot be used with the signature algorithm {algorithm}.',
  },
  XML_RSA_KEY_TOO_LARGE: {
    severity: 'error',
    vi: 'Khóa RSA của chứng thư số quá lớn để kiểm tra ({key}); không kiểm tra được giá trị chữ ký (không có nghĩa là chữ ký sai).',
    en: 'The RSA key of the certificate is too large to check ({key}); the signature value cannot be checked (which does not make it wrong).',
  },
  XML_CURVE_UNSUPPORTED: {
    severity: 'error',
    vi: 'Khóa công khai nằm trên đường cong elliptic {curve} mà kyso chưa hỗ trợ; không kiểm tra được giá trị chữ ký (không có nghĩa là chữ ký sai).',
    en: 'The public key is on the elliptic curve {curve}, which kyso does not support; the signature value cannot be checked (which does not make it wrong).',
  },
  XML_SIGNATURE_VALUE_INVALID: {
    severity: 'error',
    vi: 'Giá trị chữ ký không khớp với SignedInfo và khóa công khai của chứng thư số.',
    en: 'The signature value does not verify over SignedInfo with the certificate’s public key.',
  },
  XML_ECDSA_VALUE_LENGTH: {
    severity: 'error',
    vi: 'Giá trị chữ ký ECDSA dài {length} byte, phải là r||s dài {expected} byte.',
    en: 'The ECDSA signature value has {length} bytes; r||s of {expected} bytes is required.',
  },
  XML_CANONICALIZATION_UNSUPPORTED: {
    severity: 'error',
    vi: 'Không chuẩn hóa được: {detail}',
    en: 'Canonicalisation is not possible: {detail}',
  },
  XML_EDXML_NAMESPACE_SIGNATURE: {
    severity: 'warning',
    vi: 'Phần tử Signature nằm trong không gian tên edXML thay vì XMLDSig (thường do gói tin được tuần tự hóa lại khi chuyển); chữ ký vẫn được kiểm tra theo cấu trúc XMLDSig.',
    en: 'The Signature element is in the edXML namespace instead of the XMLDSig one (usually re-serialised in transit); it is verified anyway as an XMLDSig structure.',
  },
  XML_XADES_PROPERTIES_UNSIGNED: {
    severity: 'warning',
    vi: 'SignedProperties của XAdES không được tham chiếu hợp lệ trong SignedInfo; thời điểm ký và chứng thư ký khai báo không được tính là đã ký.',
    en: 'The XAdES SignedProperties are not validly referenced from SignedInfo; the signing time and signing certificate claims are not counted as signed.',
  },
  XML_XADES_REFERENCE_TYPE: {
    severity: 'warning',
    vi: 'Tham chiếu tới SignedProperties thiếu Type="http://uri.etsi.org/01903#SignedProperties".',
    en: 'The reference to SignedProperties lacks Type="http://uri.etsi.org/01903#SignedProperties".',
  },
  XML_XADES_TARGET_MISMATCH: {
    severity: 'warning',
    vi: 'QualifyingProperties có Target "{target}" không trỏ tới chữ ký này (thuộc tính Target không được ký nên không dùng để chọn thuộc tính).',
    en: 'QualifyingProperties has Target "{target}", not this signature (Target is not signed, so it selects nothing).',
  },
  XML_XADES_DUPLICATE: {
    severity: 'error',
    vi: 'Chữ ký có {count} phần tử {element}; chỉ được có một, nên không xác định được thuộc tính XAdES nào là thuộc tính đã ký.',
    en: 'The signature has {count} {element} elements; only one is allowed, so which XAdES properties were signed cannot be told.',
  },
  XML_XADES_PROPERTIES_ELSEWHERE: {
    severity: 'error',
    vi: 'Tham chiếu kiểu SignedProperties trỏ tới {target}, không phải SignedProperties trong QualifyingProperties của chữ ký này.',
    en: 'The SignedProperties-typed reference resolves to {target}, not the SignedProperties in this signature’s QualifyingProperties.',
  },
  XML_XADES_SIGNING_TIME_INVALID: {
    severity: 'warning',
    vi: 'SigningTime "{value}" không phải thời điểm hợp lệ.',
    en: 'SigningTime "{value}" is not a valid date-time.',
  },
  XML_XADES_SIGNING_CERTIFICATE_MISMATCH: {
    severity: 'error',
    vi: 'Chứng thư số của người ký không khớp với SigningCertificate đã ký (chứng thư có thể đã bị thay thế).',
    en: 'The signer’s certificate does not match the signed SigningCertificate (the certificate may have been substituted).',
  },
  XML_XADES_PROPERTIES_PARTLY_SIGNED: {
    severity: 'warning',
    vi: 'Tham chiếu tới SignedProperties chỉ ký một phần của nó (có phần bị loại ra, hoặc chỉ ký phần văn bản); các thuộc tính XAdES (thời điểm ký, chứng thư người ký) không được coi là đã ký.',
    en: 'The reference to SignedProperties signs only part of it (something is left out, or only its text is signed); the XAdES properties (signing time, signing certificate) are not taken as signed.',
  },
  XML_XADES_TIMESTAMP_UNREADABLE: {
    severity: 'error',
    vi: 'Không đọc được dấu thời gian SignatureTimeStamp: {detail}',
    en: 'The SignatureTimeStamp cannot be read: {detail}',
  },
  XML_XADES_UNSUPPORTED_PROPERTY: {
    severity: 'info',
    vi: 'Thuộc tính XAdES {name} chưa được kiểm tra.',
    en: 'The XAdES property {name} is not checked.',
  },
  XML_COUNTERSIGNATURE_BOUND: {
    severity: 'info',
    vi: 'Chữ ký đối ứng (XAdES CounterSignature) ký lên giá trị chữ ký của "{parent}".',
    en: 'A counter-signature (XAdES CounterSignature) that signs the signature value of "{parent}".',
  },
  XML_COUNTERSIGNATURE_NOT_BOUND: {
    severity: 'error',
    vi: 'Chữ ký nằm ở vị trí chữ ký đối ứng của "{parent}" nhưng không có tham chiếu (Type …#CountersignedSignature) tới SignatureValue của chữ ký đó ({typed} tham chiếu có kiểu này trỏ nơi khác); không được coi là chữ ký đối ứng hợp lệ.',
    en: 'A signature placed as a counter-signature of "{parent}" has no reference (Type …#CountersignedSignature) to that signature\'s SignatureValue ({typed} references of that type point elsewhere); it is not a valid counter-signature.',
  },
  XML_COUNTERSIGNATURE_VALUE_CHANGED: {
    severity: 'error',
    vi: 'Chữ ký đối ứng của "{parent}" đã ký một giá trị chữ ký khác với giá trị hiện có (giá trị bị thay đổi hoặc chữ ký đối ứng bị chuyển từ chữ ký khác sang).',
    en: 'The counter-signature of "{parent}" signed another signature value than the one present (the value was changed, or the counter-signature was moved from another signature).',
  },
});
