//! The document model: what an administrative document says, and nothing
//! about how it looks (that is the [`Profile`](crate::profile::Profile)'s job).
//!
//! Vietnamese terms used as names, once explained:
//!
//! | name        | Vietnamese                 | meaning |
//! |-------------|----------------------------|---------|
//! | `so_hieu`   | số, ký hiệu (ô 3)          | number in the year + code (`05/TB-UBND`) |
//! | `ky_hieu`   | ký hiệu                    | the code after the slash (`TB-UBND`) |
//! | `trich_yeu` | trích yếu nội dung (ô 5a)  | the subject line under the type name |
//! | `can_cu`    | căn cứ ban hành            | legal bases the document relies on |
//! | `noi_nhan`  | nơi nhận (ô 9b)            | distribution list, bottom left |
//! | `luu`       | lưu                        | the archive entry closing the nơi nhận |
//! | `kinh_gui`  | kính gửi (ô 9a)            | addressees of a công văn, under the subject |
//!
//! Everything else has an English name: `issuer` (cơ quan ban hành, ô 2),
//! `place` (địa danh, ô 4), `date` (thời gian ban hành, ô 4), `body`
//! (nội dung, ô 6), `signature` (ô 7a–7c, 8).

use crate::date::IssueDate;
use crate::kind::DocumentKind;
use crate::profile::ProfileOverrides;
use crate::so_hieu::SoHieu;
use crate::text::{Lines, Text};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A whole administrative document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "vanban", transform = crate::document::bilingual, extend("$id" = SCHEMA_ID), extend("x-description-vi" = "Một văn bản hành chính theo Nghị định 30/2020/NĐ-CP, viết dưới dạng dữ liệu: vanban trình bày thành PDF để in và DOCX để sửa."))]
pub struct Document {
    /// Optional link to the JSON Schema, for editors; ignored otherwise.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("x-description-vi" = "Đường dẫn tới JSON Schema này, để trình soạn thảo gợi ý và kiểm tra khi gõ; không ảnh hưởng đến văn bản."))]
    pub schema: Option<String>,
    /// The document type (`"thong-bao"`, `"quyet-dinh"`, `"cong-van"`, …).
    #[schemars(extend("x-description-vi" = "Loại văn bản (tên loại), viết thường không dấu: \"thong-bao\", \"quyet-dinh\", \"cong-van\"…; quyết định mẫu trình bày (Mẫu) và chữ viết tắt trong ký hiệu.", "examples" = ["thong-bao", "quyet-dinh", "cong-van"]))]
    pub kind: DocumentKind,
    /// A draft (dự thảo): number and date are normally still blank.
    #[serde(default, skip_serializing_if = "is_false")]
    #[schemars(extend("x-description-vi" = "Dự thảo: số và ngày tháng thường còn để trống."))]
    pub draft: bool,
    /// Cơ quan ban hành (ô 2).
    #[schemars(extend("x-description-vi" = "Cơ quan, tổ chức ban hành văn bản (ô 2).", "examples" = [{"name": ["ỦY BAN NHÂN DÂN", "XÃ TIẾN THẮNG"], "abbreviation": "UBND", "full_name": "Ủy ban nhân dân xã Tiến Thắng"}]))]
    pub issuer: Issuer,
    /// Số, ký hiệu (ô 3).
    #[serde(default)]
    #[schemars(extend("x-description-vi" = "Số, ký hiệu văn bản (ô 3).", "examples" = [{"number": 5}, {"unit": "VP"}, {}]))]
    pub so_hieu: SoHieu,
    /// Địa danh (ô 4): the administrative unit's name without the generic
    /// word (`Tiến Thắng`, not `xã Tiến Thắng`). A Biên bản (Mẫu 1.9) may
    /// leave it out: its model has no place-and-date line.
    #[serde(default)]
    #[schemars(extend("x-description-vi" = "Địa danh (ô 4): tên đơn vị hành chính, không kèm chữ xã, huyện, tỉnh (`Tiến Thắng`, không phải `xã Tiến Thắng`). Biên bản (Mẫu 1.9) có thể bỏ trống.", "examples" = ["Tiến Thắng", "Hà Nội"]))]
    pub place: String,
    /// Date of issue (ô 4); a year alone leaves day and month blank.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("x-description-vi" = "Ngày ban hành (ô 4): \"2025-03-06\"; chỉ ghi năm (2025) để trống ngày, tháng cho văn thư điền.", "examples" = ["2025-03-06", 2025]))]
    pub date: Option<IssueDate>,
    /// Trích yếu (ô 5a/5b): one string, or an array of strings to fix the
    /// line breaks yourself. A Giấy giới thiệu or Giấy nghỉ phép has none.
    #[serde(default, skip_serializing_if = "Lines::is_empty")]
    #[schemars(extend("x-description-vi" = "Trích yếu nội dung (ô 5a; công văn: ô 5b, bắt đầu bằng `V/v`): một chuỗi, hoặc một mảng để tự ngắt dòng. Giấy giới thiệu, giấy nghỉ phép không có trích yếu.", "examples" = ["Về việc công khai kết quả bộ chỉ số phục vụ người dân", ["V/v báo cáo kết quả giải quyết thủ tục hành chính", "quý I năm 2025"]]))]
    pub trich_yeu: Lines,
    /// Thẩm quyền ban hành (Nghị quyết, Quyết định: Mẫu 1.1–1.3): the
    /// authority line between the trích yếu and the căn cứ, e.g.
    /// `CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ TIẾN THẮNG`. For a Công điện (Mẫu 1.6)
    /// it is the sender of the centred `… điện:` line.
    #[serde(default, skip_serializing_if = "Lines::is_empty")]
    #[schemars(extend("x-description-vi" = "Thẩm quyền ban hành của nghị quyết, quyết định (Mẫu 1.1–1.3), in đậm giữa trang dưới trích yếu, ví dụ `CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ TIẾN THẮNG`; với công điện (Mẫu 1.6): tên người gửi, in trước chữ `điện:`.", "examples" = ["CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ TIẾN THẮNG", ["HỘI ĐỒNG NHÂN DÂN XÃ TIẾN THẮNG", "KHÓA XXI, KỲ HỌP THỨ MƯỜI"]]))]
    pub authority: Lines,
    /// The centred opening line of a Giấy giới thiệu (Mẫu 1.8):
    /// `Ủy ban nhân dân xã Tiến Thắng trân trọng giới thiệu:`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("x-description-vi" = "Câu giới thiệu in giữa trang của giấy giới thiệu (Mẫu 1.8): `Ủy ban nhân dân xã Tiến Thắng trân trọng giới thiệu:`.", "examples" = ["Ủy ban nhân dân xã Tiến Thắng trân trọng giới thiệu:"]))]
    pub intro: Option<Text>,
    /// Kính gửi (ô 9a): addressees, for a công văn (and Tờ trình, Báo cáo
    /// sent upward). One entry is printed on the `Kính gửi:` line.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("x-description-vi" = "Kính gửi (ô 9a): nơi nhận để giải quyết của công văn, tờ trình, báo cáo gửi cấp trên; nơi nhận điện của công điện. Một nơi thì in cùng dòng `Kính gửi:`; nhiều nơi thì mỗi nơi một dòng, kết thúc bằng `;`, dòng cuối bằng `.`.", "examples" = [["Ủy ban nhân dân huyện Mê Linh."], ["Ủy ban nhân dân huyện Mê Linh;", "Phòng Nội vụ huyện Mê Linh."]]))]
    pub kinh_gui: Vec<Text>,
    /// Căn cứ ban hành: legal bases.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("x-description-vi" = "Căn cứ ban hành: mỗi căn cứ một dòng in nghiêng ({\"lines\": […]}), hoặc một đoạn mở đầu in đứng ({\"paragraph\": …}).", "examples" = [{"lines": ["Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;", "Theo đề nghị của công chức Văn phòng - Thống kê xã."]}]))]
    pub can_cu: Option<CanCu>,
    /// Nội dung (ô 6): the body, a sequence of blocks. The closing `./.` is
    /// the author's: write it at the end of the last block (`vanban check`
    /// reports it when missing); the renderers never add or remove it.
    #[schemars(extend("x-description-vi" = "Nội dung văn bản (ô 6): các khối theo thứ tự. Dấu `./.` kết thúc là của người soạn: ghi ở cuối khối cuối cùng (vanban check báo khi thiếu).", "examples" = [[{"paragraph": "Ủy ban nhân dân xã thông báo như sau:"}, {"item": {"number": 1, "heading": "Công chức Tư pháp:", "text": "triển khai thực hiện."}}, {"paragraph": "Trên đây là thông báo của Ủy ban nhân dân xã./."}]]))]
    pub body: Vec<Block>,
    /// Nơi nhận (ô 9b).
    #[schemars(extend("x-description-vi" = "Nơi nhận (ô 9b).", "examples" = [{"entries": ["Như trên;", "TT Đảng ủy, TT HĐND xã (để b/c);"], "luu": {"units": ["VT", "VP"]}}, {"entries": ["Các đại biểu dự hội nghị;"], "luu": "Lưu: VT, Hồ sơ."}]))]
    pub noi_nhan: NoiNhan,
    /// Signature block (ô 7a, 7b, 7c, 8) of the principal signer: the
    /// right-hand block, the one that carries the seal.
    #[schemars(extend("x-description-vi" = "Người ký chính (ô 7a, 7b, 7c, 8): khối chữ ký bên phải, có dấu.", "examples" = [{"authority": ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"], "post": "PHÓ CHỦ TỊCH", "name": "Đỗ Văn Hạ"}, {"post": "CHỦ TỊCH", "name": "Nguyễn Văn A"}]))]
    pub signature: Signature,
    /// Other signers, drawn to the left of the principal one in reading
    /// order: a Biên bản's secretary (`THƯ KÝ`), the other bodies of a
    /// joint document.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("x-description-vi" = "Những người cùng ký, in bên trái người ký chính: thư ký của biên bản (`THƯ KÝ`), các bên của hợp đồng, văn bản liên tịch.", "examples" = [[{"post": "THƯ KÝ", "name": "Trần Thị C"}]]))]
    pub co_signers: Vec<Signature>,
    /// Ô 13 (page 1 only, under a full-width rule): the body's address,
    /// telephone, e-mail, website, one string per line.
    #[serde(default, skip_serializing_if = "Lines::is_empty")]
    #[schemars(extend("x-description-vi" = "Ô 13 (chỉ ở trang đầu, dưới một đường kẻ ngang): địa chỉ, điện thoại, thư điện tử, trang thông tin điện tử của cơ quan; mỗi chuỗi một dòng.", "examples" = [["Địa chỉ: thôn Yên Thị, xã Tiến Thắng, huyện Mê Linh, thành phố Hà Nội;", "Điện thoại: 024.3818.xxxx; E-mail: ubnd@tienthang.gov.vn"]]))]
    pub footer: Lines,
    /// Phụ lục (Mẫu 2.1/2.2) and documents issued by a Quyết định (Mẫu 1.3),
    /// each starting on a new page after the main text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("x-description-vi" = "Phụ lục (Mẫu 2.1) và văn bản được ban hành kèm theo quyết định (quy chế, quy định: Mẫu 1.3); mỗi phụ lục bắt đầu ở trang mới.", "examples" = [[{"title": "DANH SÁCH CÁC TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG", "body": [{"paragraph": "…./."}]}]]))]
    pub annexes: Vec<Annex>,
    /// File metadata (PDF Info/XMP, DOCX core properties).
    #[serde(default)]
    #[schemars(extend("x-description-vi" = "Thông tin của tệp (tiêu đề, tác giả… trong PDF và DOCX)."))]
    pub metadata: Metadata,
    /// Changes to the Decree 30 layout profile, within the decree's ranges.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("x-description-vi" = "Thay đổi thể thức trình bày trong khoảng Nghị định 30 cho phép (lề, cỡ chữ, giãn dòng…).", "examples" = [{"body_size_pt": 13, "margins_mm": {"left": 30}}]))]
    pub profile: Option<ProfileOverrides>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// The schema's `$id`: where the published schema lives, under the
/// workspace's `repository` (a test keeps the two together). Starters point
/// their `$schema` here.
pub const SCHEMA_ID: &str = "https://example.invalid/vanban/raw/main/schema/vanban.schema.json";

/// Schema transform behind the bilingual descriptions. The English text is
/// the doc comment (for rustdoc and the schema alike), the Vietnamese one an
/// `x-description-vi` attribute beside it; this puts both into
/// `description` — Vietnamese, a blank line, English — because that is the
/// one key every editor shows on hover and in completions, and keeps each
/// alone in `x-description-vi` / `x-description-en` for tools that show one
/// language. A tagged variant's lone property (`{"paragraph": …}`) takes
/// its variant's description, so that hovering the key explains it.
pub(crate) fn bilingual(schema: &mut schemars::Schema) {
    if let Some(o) = schema.as_object_mut() {
        bilingual_node(o);
    }
}

fn bilingual_node(o: &mut serde_json::Map<String, serde_json::Value>) {
    use serde_json::Value;
    if let (Some(Value::String(vi)), None) = (o.get("x-description-vi"), o.get("x-description-en"))
    {
        let vi = vi.clone();
        let en = match o.get("description") {
            Some(Value::String(en)) => en.clone(),
            _ => String::new(),
        };
        o.insert("description".into(), Value::String(format!("{vi}\n\n{en}")));
        o.insert("x-description-en".into(), Value::String(en));
    }
    let lone = match (o.get("properties"), o.get("required")) {
        (Some(Value::Object(p)), Some(Value::Array(r))) if p.len() == 1 && r.len() == 1 => {
            p.keys().next().cloned()
        }
        _ => None,
    };
    if let Some(key) = lone {
        let keys = ["description", "x-description-vi", "x-description-en"];
        let own: Vec<(&str, Value)> = keys
            .iter()
            .filter_map(|k| o.get(*k).map(|v| (*k, v.clone())))
            .collect();
        if let Some(Value::Object(prop)) = o.get_mut("properties").and_then(|p| p.get_mut(&key)) {
            if !prop.contains_key("description") && own.len() == keys.len() {
                for (k, v) in own {
                    prop.insert(k.into(), v);
                }
            }
        }
    }
    for (k, v) in o.iter_mut() {
        match (k.as_str(), v) {
            ("properties", Value::Object(ps)) => {
                for p in ps.values_mut() {
                    if let Value::Object(p) = p {
                        bilingual_node(p);
                    }
                }
            }
            ("anyOf" | "oneOf" | "allOf", Value::Array(xs)) => {
                for x in xs {
                    if let Value::Object(x) = x {
                        bilingual_node(x);
                    }
                }
            }
            ("items" | "additionalProperties", Value::Object(x)) => bilingual_node(x),
            _ => {}
        }
    }
}

/// Cơ quan, tổ chức ban hành văn bản (ô 2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = crate::document::bilingual, extend("x-description-vi" = "Cơ quan, tổ chức ban hành văn bản (ô 2)."))]
pub struct Issuer {
    /// Tên cơ quan chủ quản trực tiếp: the direct superior body's lines, if
    /// any (printed regular, upper case). A UBND xã has none.
    #[serde(default, skip_serializing_if = "Lines::is_empty")]
    #[schemars(extend("x-description-vi" = "Tên cơ quan, tổ chức chủ quản trực tiếp (nếu có), in hoa, không đậm; Ủy ban nhân dân xã không có."))]
    pub superior: Lines,
    /// The issuing body's lines as printed (bold, upper case), e.g.
    /// `["ỦY BAN NHÂN DÂN", "XÃ TIẾN THẮNG"]`.
    #[schemars(extend("x-description-vi" = "Tên cơ quan ban hành, in hoa, đậm, mỗi chuỗi một dòng: [\"ỦY BAN NHÂN DÂN\", \"XÃ TIẾN THẮNG\"]."))]
    pub name: Lines,
    /// Abbreviation used in the ký hiệu (`UBND`).
    #[schemars(extend("x-description-vi" = "Chữ viết tắt tên cơ quan, dùng trong ký hiệu văn bản (`UBND`)."))]
    pub abbreviation: String,
    /// The body's name in running text (`Ủy ban nhân dân xã Tiến Thắng`),
    /// for the `(Kèm theo … của …)` line of annexes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("x-description-vi" = "Tên đầy đủ của cơ quan, viết thường (`Ủy ban nhân dân xã Tiến Thắng`), dùng cho dòng `(Kèm theo … của …)` của phụ lục."))]
    pub full_name: Option<String>,
}

/// Căn cứ ban hành: either one basis per line in italics (Quyết định style),
/// or an upright opening paragraph that runs them together (as in the seed
/// notice).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[schemars(transform = crate::document::bilingual, extend("x-description-vi" = "Căn cứ ban hành: mỗi căn cứ một dòng in nghiêng (kiểu quyết định), hoặc một đoạn văn mở đầu in đứng gộp các căn cứ."))]
pub enum CanCu {
    /// One italic paragraph per basis; each ends with `;`, the last with `.`.
    #[schemars(extend("x-description-vi" = "Mỗi căn cứ một dòng in nghiêng, kết thúc bằng `;`, dòng cuối bằng `.` (ví dụ `Theo đề nghị của … .`)."))]
    Lines(Vec<Text>),
    /// One upright body paragraph.
    #[schemars(extend("x-description-vi" = "Một đoạn văn mở đầu in đứng, gộp các căn cứ."))]
    Paragraph(Text),
}

/// A block of the body. In JSON each block is an object with one key naming
/// its type: `{"paragraph": "…"}`, `{"list": ["…", "…"]}`, `{"item": {…}}`,
/// `{"point": {…}}`, `{"heading": {…}}`, `{"table": {…}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[schemars(transform = crate::document::bilingual, extend("x-description-vi" = "Một khối của nội dung: một đối tượng có một khóa chỉ loại khối — {\"paragraph\": …}, {\"list\": […]}, {\"item\": {…}}, {\"point\": {…}}, {\"heading\": {…}}, {\"table\": {…}}, {\"article\": {…}}, {\"indented\": […]}."))]
pub enum Block {
    /// A justified paragraph with first-line indent.
    #[schemars(extend("x-description-vi" = "Đoạn văn căn đều hai bên, thụt đầu dòng."))]
    Paragraph(Text),
    /// Dash items (`- …`), each its own paragraph, optionally with `+` sub-items.
    #[schemars(extend("x-description-vi" = "Các gạch đầu dòng (`- …`), mỗi dòng một đoạn; có thể kèm các dòng `+` (\"sub\")."))]
    List(Vec<ListItem>),
    /// A numbered item (khoản): `1. **Heading:** text`, with nested blocks.
    #[schemars(extend("x-description-vi" = "Khoản đánh số: `1. **Tiêu đề:** nội dung`, có thể chứa các khối con."))]
    Item(NumberedItem),
    /// A lettered point (điểm): `a) text`.
    #[schemars(extend("x-description-vi" = "Điểm đánh chữ cái: `a) nội dung`."))]
    Point(Point),
    /// A section heading (`I. TITLE`) or a part heading (`Phần I` / title).
    #[schemars(extend("x-description-vi" = "Đề mục (`I. TIÊU ĐỀ`) hoặc phần, chương, mục (`Chương I` và tiêu đề)."))]
    Heading(Heading),
    /// A table with borders.
    #[schemars(extend("x-description-vi" = "Bảng có kẻ khung."))]
    Table(Table),
    /// An article (điều): `**Điều 1.** text`, or with a title
    /// `**Điều 1. Phạm vi điều chỉnh**` on its own line; its clauses
    /// (khoản: items) and points (điểm) as children.
    #[schemars(extend("x-description-vi" = "Điều: `**Điều 1.** nội dung`, hoặc có tiêu đề `**Điều 1. Phạm vi điều chỉnh**` trên một dòng riêng; các khoản, điểm là khối con."))]
    Article(Article),
    /// Sub-lines indented one step further than a paragraph, one per
    /// string: `Thời gian: …`, `Địa điểm: …` under an item.
    #[schemars(extend("x-description-vi" = "Các dòng thụt vào thêm một bậc, mỗi chuỗi một dòng: `Thời gian: …`, `Địa điểm: …`."))]
    Indented(Vec<Text>),
}

/// A dash item; `sub` holds its `+` items. In JSON: text alone, or
/// `{"text": …, "sub": [ … ]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ListItem {
    /// The dash item's text.
    pub text: Text,
    /// Its `+` sub-items, one step further in.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sub: Vec<Text>,
}

impl JsonSchema for ListItem {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ListItem".into()
    }
    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let text = g.subschema_for::<Text>();
        let texts = g.subschema_for::<Vec<Text>>();
        let mut s = schemars::json_schema!({
            "description": "A dash item: its text, or {\"text\": …, \"sub\": [ … ]} with `+` sub-items.",
            "x-description-vi": "Một gạch đầu dòng: nội dung, hoặc {\"text\": …, \"sub\": [ … ]} kèm các dòng `+`.",
            "anyOf": [
                text,
                {"type": "object", "additionalProperties": false, "required": ["text"],
                 "properties": {
                    "text": {"allOf": [text], "description": "The item's text.", "x-description-vi": "Nội dung của dòng."},
                    "sub": {"allOf": [texts], "description": "The `+` sub-items under it.", "x-description-vi": "Các dòng `+` dưới dòng này."}
                 }}
            ]
        });
        bilingual(&mut s);
        s
    }
}

impl<'de> Deserialize<'de> for ListItem {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::{self, MapAccess, SeqAccess, Visitor};
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Full {
            text: Text,
            #[serde(default)]
            sub: Vec<Text>,
        }
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ListItem;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list item: text, or {\"text\": …, \"sub\": [ … ]}")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<ListItem, E> {
                Ok(ListItem {
                    text: Text::parse(v),
                    sub: Vec::new(),
                })
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<ListItem, A::Error> {
                let text = Text::deserialize(de::value::SeqAccessDeserializer::new(seq))?;
                Ok(ListItem {
                    text,
                    sub: Vec::new(),
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<ListItem, A::Error> {
                let f = Full::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(ListItem {
                    text: f.text,
                    sub: f.sub,
                })
            }
        }
        d.deserialize_any(V)
    }
}

/// The number of an item or article as the author wrote it: `1`, or a
/// decimal sub-number `"1.1"`, `"1.1.2"` (printed followed by a dot).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct ItemNumber(pub String);

impl ItemNumber {
    /// The number as an integer, when it is one (`"1.1"` is not).
    pub fn as_u32(&self) -> Option<u32> {
        self.0.parse().ok()
    }
    /// The parts of a decimal number: `"1.2.3"` → `[1, 2, 3]`; `None` when
    /// a part is not a number.
    pub fn parts(&self) -> Option<Vec<u32>> {
        self.0.split('.').map(|p| p.parse().ok()).collect()
    }
}

impl From<u32> for ItemNumber {
    fn from(n: u32) -> Self {
        ItemNumber(n.to_string())
    }
}

impl fmt::Display for ItemNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for ItemNumber {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.as_u32() {
            Some(n) if n.to_string() == self.0 => s.serialize_u32(n),
            _ => s.serialize_str(&self.0),
        }
    }
}

impl<'de> Deserialize<'de> for ItemNumber {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::{self, Visitor};
        struct V;
        impl Visitor<'_> for V {
            type Value = ItemNumber;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "a number (1, 2, …) or a decimal number as a string (\"1.1\", \"1.1.2\")",
                )
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<ItemNumber, E> {
                Ok(ItemNumber(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<ItemNumber, E> {
                if v < 0 {
                    return Err(E::custom("a negative number; items are numbered from 1"));
                }
                Ok(ItemNumber(v.to_string()))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<ItemNumber, E> {
                let t = v.trim().trim_end_matches('.');
                let ok = !t.is_empty()
                    && t.split('.')
                        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
                if ok {
                    Ok(ItemNumber(t.to_string()))
                } else {
                    Err(E::custom(format!(
                        "`{v}` is not an item number; write digits separated by dots, e.g. \"1.1\""
                    )))
                }
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for ItemNumber {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ItemNumber".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let mut s = schemars::json_schema!({
            "description": "Item number: 1, 2, … or a decimal number as a string (\"1.1\", \"1.1.2\").",
            "x-description-vi": "Số thứ tự: 1, 2, … hoặc số thập phân viết dạng chuỗi (\"1.1\", \"1.1.2\").",
            "anyOf": [
                {"type": "integer", "minimum": 0},
                {"type": "string", "pattern": "^[0-9]+(\\.[0-9]+)*\\.?$"}
            ],
            "examples": [1, "1.1"]
        });
        bilingual(&mut s);
        s
    }
}

/// An article (điều) of a Quyết định, Nghị quyết, Quy chế or Quy định.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = crate::document::bilingual, extend("x-description-vi" = "Một điều của quyết định, nghị quyết, quy chế, quy định."))]
pub struct Article {
    /// The article's number (`Điều 1.`).
    #[schemars(extend("x-description-vi" = "Số điều (`Điều 1.`)."))]
    pub number: ItemNumber,
    /// Optional title, printed bold with the label on its own line
    /// (`Điều 1. Phạm vi điều chỉnh`), as articles of a quy chế have.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("x-description-vi" = "Tiêu đề của điều (nếu có), in đậm cùng nhãn trên một dòng riêng, như các điều của quy chế."))]
    pub title: Option<Text>,
    /// Without a title: the text after the bold `Điều 1.` in the same
    /// paragraph. With a title: a paragraph of its own under it.
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    #[schemars(extend("x-description-vi" = "Không có tiêu đề: nội dung ngay sau `Điều 1.` in đậm, cùng đoạn. Có tiêu đề: một đoạn riêng dưới tiêu đề."))]
    pub text: Text,
    /// Clauses (items), points and paragraphs of the article.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("x-description-vi" = "Các khoản, điểm, đoạn của điều."))]
    pub children: Vec<Block>,
}

/// A numbered item (khoản). With a `heading`, the number and the heading
/// are bold (a run-in heading); without one, the number is regular.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = crate::document::bilingual, extend("x-description-vi" = "Khoản đánh số. Có \"heading\" thì số và tiêu đề in đậm; không có thì số in thường."))]
pub struct NumberedItem {
    /// The item's number as the author wrote it: 1, 2, … or `"1.1"`.
    #[schemars(extend("x-description-vi" = "Số của khoản như người soạn ghi: 1, 2, … hoặc \"1.1\"."))]
    pub number: ItemNumber,
    /// Optional bold run-in heading (`Công chức Tư pháp - Hộ tịch xã:`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("x-description-vi" = "Tiêu đề in đậm liền dòng (`Công chức Tư pháp - Hộ tịch xã:`)."))]
    pub heading: Option<Text>,
    /// The text after the number (and heading), in the same paragraph.
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    #[schemars(extend("x-description-vi" = "Nội dung sau số (và tiêu đề), cùng đoạn."))]
    pub text: Text,
    /// Blocks under the item: dash lists, points, paragraphs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("x-description-vi" = "Các khối dưới khoản: gạch đầu dòng, điểm, đoạn."))]
    pub children: Vec<Block>,
}

/// A lettered point (điểm): `a) …`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = crate::document::bilingual, extend("x-description-vi" = "Điểm đánh chữ cái: `a) …`."))]
pub struct Point {
    /// The letter without the parenthesis: `a`, `b`, … `đ`.
    #[schemars(extend("x-description-vi" = "Chữ cái, không kèm dấu ngoặc: `a`, `b`, … `đ`."))]
    pub letter: String,
    /// The point's text, after `a)`.
    #[schemars(extend("x-description-vi" = "Nội dung của điểm, sau `a)`."))]
    pub text: Text,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    /// Blocks under the point.
    #[schemars(extend("x-description-vi" = "Các khối dưới điểm."))]
    pub children: Vec<Block>,
}

/// Heading styles of Decree 30 §3.6.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(transform = crate::document::bilingual, extend("x-description-vi" = "Kiểu đề mục: \"section\" — một dòng in đậm, thụt như nội dung (`I. NHỮNG KẾT QUẢ …`); \"part\" — nhãn giữa trang (`Phần I`, `Chương II`, `Mục 1`) và tiêu đề in hoa, đậm bên dưới."))]
pub enum HeadingStyle {
    /// `I. NHỮNG KẾT QUẢ …`: one bold line, indented like the body.
    #[default]
    Section,
    /// `Phần I`, `Chương II`, `Mục 1`: label centred on its own line, the
    /// title centred below in bold upper case.
    Part,
}

/// A section heading, or a part, chapter or section label with its title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = crate::document::bilingual, extend("x-description-vi" = "Đề mục, hoặc phần, chương, mục với tiêu đề."))]
pub struct Heading {
    #[serde(default)]
    /// `section` (the default) or `part`.
    #[schemars(extend("x-description-vi" = "Kiểu: \"section\" (mặc định) hoặc \"part\"."))]
    pub style: HeadingStyle,
    /// `I.`, `II.` for a section; `Phần I`, `Mục 1` for a part.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("x-description-vi" = "`I.`, `II.` với đề mục; `Phần I`, `Chương II`, `Mục 1` với phần, chương, mục."))]
    pub label: Option<String>,
    /// The heading text as printed.
    #[schemars(extend("x-description-vi" = "Tiêu đề, đúng như in."))]
    pub title: String,
}

/// Horizontal alignment of a table column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(transform = crate::document::bilingual, extend("x-description-vi" = "Căn lề chữ trong một cột của bảng: \"left\" trái, \"center\" giữa, \"right\" phải, \"justify\" đều hai bên."))]
// The variants' docs would become schema descriptions (and turn the
// schema's `enum` into a `oneOf`); the enum's x-description-vi covers them.
#[allow(missing_docs)]
pub enum Align {
    #[default]
    Left,
    Center,
    Right,
    Justify,
}

/// A table column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = crate::document::bilingual, extend("x-description-vi" = "Một cột của bảng."))]
pub struct Column {
    /// Relative width (any positive numbers; they are scaled to the text width).
    #[serde(default = "one")]
    #[schemars(extend("x-description-vi" = "Độ rộng tương đối (số dương bất kỳ; được co giãn theo khổ chữ)."))]
    pub width: f32,
    #[serde(default)]
    /// Alignment of the column's text (left by default).
    #[schemars(extend("x-description-vi" = "Căn lề chữ trong cột (mặc định: trái)."))]
    pub align: Align,
}

fn one() -> f32 {
    1.0
}

/// A table with single-line borders; `header` rows repeat on every page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = crate::document::bilingual, extend("x-description-vi" = "Bảng kẻ khung đơn; các hàng tiêu đề lặp lại ở đầu mỗi trang."))]
pub struct Table {
    /// The columns, left to right.
    #[schemars(extend("x-description-vi" = "Các cột, từ trái sang phải."))]
    pub columns: Vec<Column>,
    /// Header rows (bold, centred), repeated at the top of each page.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("x-description-vi" = "Các hàng tiêu đề (in đậm, căn giữa), lặp lại ở đầu mỗi trang."))]
    pub header: Vec<Vec<Text>>,
    /// The body rows; each has one cell per column ("" for an empty one).
    #[schemars(extend("x-description-vi" = "Các hàng dữ liệu; mỗi hàng đủ số ô bằng số cột (ô trống ghi \"\")."))]
    pub rows: Vec<Vec<Text>>,
}

/// Nơi nhận (ô 9b).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = crate::document::bilingual, extend("x-description-vi" = "Nơi nhận (ô 9b)."))]
pub struct NoiNhan {
    /// One entry per recipient or group, as printed after the `- ` the
    /// renderer adds; each ends with `;` (the author's punctuation).
    #[schemars(extend("x-description-vi" = "Mỗi nơi nhận hoặc nhóm nơi nhận một chuỗi, như in sau dấu `- ` do chương trình thêm; kết thúc bằng `;`."))]
    pub entries: Vec<Text>,
    /// The closing archive entry, `- Lưu: VT, VP.`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("x-description-vi" = "Dòng lưu cuối danh sách, `- Lưu: VT, VP.`."))]
    pub luu: Option<Luu>,
}

/// The archive entry: `- Lưu: VT, VP (2). PL.(300).` In JSON either its
/// parts (`{"units": ["VT", "VP"], "copies": 2}`) or the line as printed
/// after the dash (`"Lưu: VT, Hồ sơ."`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Luu {
    /// The parts, printed in Decree 30's order.
    Parts(LuuParts),
    /// The line exactly as the author wrote it, without the leading dash.
    Line(String),
}

/// The parts of an archive entry.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = crate::document::bilingual, extend("x-description-vi" = "Các thành phần của dòng lưu."))]
pub struct LuuParts {
    /// Units keeping a copy, in order: `["VT", "VP"]`. Decree 30 wants `VT`
    /// (Văn thư) first; `vanban check` reports it when missing.
    #[schemars(extend("x-description-vi" = "Các đơn vị lưu theo thứ tự: [\"VT\", \"VP\"]; `VT` (văn thư) đứng đầu."))]
    pub units: Vec<String>,
    /// Number of archive copies, printed `(2)` after the units.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("x-description-vi" = "Số bản lưu, in `(2)` sau các đơn vị."))]
    pub copies: Option<u32>,
    /// Drafter's initials (ô 12), printed after the units: `PL.`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("x-description-vi" = "Ký hiệu người soạn thảo (ô 12), in hoa, in sau các đơn vị: `PL.`."))]
    pub drafter: Option<String>,
    /// Number of copies issued (ô 12), printed after the initials: `(300)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("x-description-vi" = "Số lượng bản phát hành (ô 12), in sau ký hiệu người soạn thảo: `(300)`."))]
    pub issued: Option<u32>,
}

impl Luu {
    /// The archive entry from its units (`["VT", "VP"]`).
    pub fn units<S: Into<String>>(units: impl IntoIterator<Item = S>) -> Luu {
        Luu::Parts(LuuParts {
            units: units.into_iter().map(Into::into).collect(),
            ..LuuParts::default()
        })
    }

    /// The entry as printed, without the leading dash:
    /// `Lưu: VT, VP.`, `Lưu: VT, HC (2).`, `Lưu: VT, VP. PL.(300).`
    pub fn text(&self) -> String {
        let p = match self {
            Luu::Line(s) => return s.clone(),
            Luu::Parts(p) => p,
        };
        let mut s = format!("Lưu: {}", p.units.join(", "));
        if let Some(n) = p.copies {
            s.push_str(&format!(" ({n})"));
        }
        s.push('.');
        if let Some(d) = &p.drafter {
            s.push(' ');
            s.push_str(d);
            s.push('.');
            if let Some(n) = p.issued {
                s.push_str(&format!("({n})."));
            }
        }
        s
    }

    /// The units keeping a copy: the parts' list, or the units read back
    /// from a free-form line (`Lưu: VT, Hồ sơ.` → `VT`, `Hồ sơ`).
    pub fn unit_names(&self) -> Vec<String> {
        match self {
            Luu::Parts(p) => p.units.clone(),
            Luu::Line(s) => {
                let rest = s.trim();
                let rest = rest
                    .strip_prefix("Lưu:")
                    .or_else(|| rest.strip_prefix("Lưu"))
                    .unwrap_or(rest);
                // Up to the first full stop that ends the unit list.
                let list = rest.split(". ").next().unwrap_or(rest);
                list.trim()
                    .trim_end_matches('.')
                    .split(',')
                    .map(|u| {
                        let u = u.trim();
                        // `HC (2)`: the copies are not part of the name.
                        u.split(" (").next().unwrap_or(u).trim().to_string()
                    })
                    .filter(|u| !u.is_empty())
                    .collect()
            }
        }
    }
}

impl Serialize for Luu {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Luu::Parts(p) => p.serialize(s),
            Luu::Line(l) => s.serialize_str(l),
        }
    }
}

impl<'de> Deserialize<'de> for Luu {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::{self, MapAccess, Visitor};
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Luu;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("the archive line as a string (\"Lưu: VT, VP.\"), or {\"units\": [\"VT\", \"VP\"]}")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Luu, E> {
                Ok(Luu::Line(v.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Luu, A::Error> {
                LuuParts::deserialize(de::value::MapAccessDeserializer::new(map)).map(Luu::Parts)
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for Luu {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Luu".into()
    }
    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let parts = g.subschema_for::<LuuParts>();
        let mut s = schemars::json_schema!({
            "description": "The archive entry: its parts, or the line as printed after the dash (\"Lưu: VT, Hồ sơ.\").",
            "x-description-vi": "Dòng lưu: các thành phần ({\"units\": [\"VT\", \"VP\"]}), hoặc cả dòng như in sau dấu gạch (\"Lưu: VT, Hồ sơ.\").",
            "anyOf": [parts, {"type": "string"}],
            "examples": [{"units": ["VT", "VP"]}, "Lưu: VT, Hồ sơ."]
        });
        bilingual(&mut s);
        s
    }
}

/// An annex: a Phụ lục (Mẫu 2.1), or a document a Quyết định issues
/// (a Quy chế or Quy định, Mẫu 1.3). Each starts on a new page and is
/// paginated on its own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = crate::document::bilingual, extend("x-description-vi" = "Phụ lục (Mẫu 2.1), hoặc văn bản được quyết định ban hành kèm theo (quy chế, quy định: Mẫu 1.3); mỗi phụ lục bắt đầu ở trang mới và đánh số trang riêng."))]
pub struct Annex {
    /// The issued document's kind (`"quy-che"`, `"quy-dinh"`, …) for a
    /// document issued by a Quyết định (Mẫu 1.3: the issuing body's header,
    /// tên loại and trích yếu, no number, date or signature). Left out:
    /// a Phụ lục (Mẫu 2.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("x-description-vi" = "Loại văn bản được ban hành kèm theo quyết định (\"quy-che\", \"quy-dinh\"…); bỏ trống: phụ lục."))]
    pub kind: Option<DocumentKind>,
    /// A Phụ lục's label, `Phụ lục I`. Left out: `Phụ lục` for a single
    /// annex, `Phụ lục I`, `Phụ lục II`, … for several.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("x-description-vi" = "Nhãn phụ lục, `Phụ lục I`. Bỏ trống: `Phụ lục` nếu chỉ có một phụ lục, `Phụ lục I`, `Phụ lục II`… nếu có nhiều."))]
    pub label: Option<String>,
    /// The title: a Phụ lục's (upper case) or the issued document's
    /// trích yếu.
    #[serde(default, skip_serializing_if = "Lines::is_empty")]
    #[schemars(extend("x-description-vi" = "Tiêu đề phụ lục (in hoa), hoặc trích yếu của văn bản ban hành kèm theo."))]
    pub title: Lines,
    /// The italic `(Kèm theo …)` line. Left out, it is made from the main
    /// document: `(Kèm theo Quyết định số 12/QĐ-UBND ngày … của …)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("x-description-vi" = "Dòng in nghiêng `(Kèm theo …)`. Bỏ trống: lập từ số, ngày và cơ quan của văn bản chính."))]
    pub reference: Option<Text>,
    /// Deliver the annex as a file of its own (Mẫu 2.2, an electronic
    /// document whose appendix is not in the same file): the main file
    /// leaves it out, and it gets the signing-information line at the top
    /// right and a `(Kèm theo …)` line with the number and date left for
    /// the signing system.
    #[serde(default, skip_serializing_if = "is_false")]
    #[schemars(extend("x-description-vi" = "Phụ lục là một tệp riêng (Mẫu 2.2, văn bản điện tử có phụ lục không cùng tệp): tệp chính không chứa phụ lục; phụ lục có dòng thông tin ký số ở góc trên bên phải và dòng `(Kèm theo …)` để trống số, ngày."))]
    pub separate_file: bool,
    /// Lay the annex on landscape pages (wide tables).
    #[serde(default, skip_serializing_if = "is_false")]
    #[schemars(extend("x-description-vi" = "Trình bày phụ lục trên trang nằm ngang (bảng rộng)."))]
    pub landscape: bool,
    /// The annex's content.
    #[schemars(extend("x-description-vi" = "Nội dung của phụ lục."))]
    pub body: Vec<Block>,
}

/// The signature block (ô 7a, 7b, 7c and the seal, ô 8).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = crate::document::bilingual, extend("x-description-vi" = "Khối chữ ký (ô 7a, 7b, 7c) và dấu (ô 8)."))]
pub struct Signature {
    /// Authority lines, each starting with its prefix: `TM. ỦY BAN NHÂN DÂN`,
    /// `KT. CHỦ TỊCH` (also `Q.`, `TL.`, `TUQ.`). Empty when the head signs
    /// in his or her own name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("x-description-vi" = "Các dòng thẩm quyền ký, mỗi dòng bắt đầu bằng chữ viết tắt: `TM. ỦY BAN NHÂN DÂN`, `KT. CHỦ TỊCH` (cả `Q.`, `TL.`, `TUQ.`). Bỏ trống khi người đứng đầu ký."))]
    pub authority: Vec<String>,
    /// The signer's post (`PHÓ CHỦ TỊCH`), upper case.
    #[schemars(extend("x-description-vi" = "Chức vụ người ký, in hoa (`PHÓ CHỦ TỊCH`)."))]
    pub post: String,
    /// Family, middle and given name, without titles (`Đỗ Văn Hạ`).
    #[schemars(extend("x-description-vi" = "Họ và tên người ký, không kèm học hàm, học vị, danh xưng (`Đỗ Văn Hạ`)."))]
    pub name: String,
    /// PNG of the signature (blue, transparent), centred in the signing space.
    /// A path relative to the input file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("x-description-vi" = "Ảnh PNG chữ ký (màu xanh, nền trong suốt), đặt giữa khoảng ký; đường dẫn tính từ tệp đầu vào."))]
    pub signature_image: Option<String>,
    /// PNG of the seal (red, transparent, actual size), over the left third
    /// of the signature. A path relative to the input file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("x-description-vi" = "Ảnh PNG con dấu (màu đỏ, nền trong suốt, đúng kích thước), trùm lên khoảng 1/3 chữ ký về bên trái; đường dẫn tính từ tệp đầu vào."))]
    pub seal_image: Option<String>,
}

/// File metadata. Title and author are derived from the document when left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = crate::document::bilingual, extend("x-description-vi" = "Thông tin của tệp PDF và DOCX; tiêu đề và tác giả lấy từ văn bản nếu bỏ trống."))]
pub struct Metadata {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The files' title. Left out: the type name and the trích yếu.
    #[schemars(extend("x-description-vi" = "Tiêu đề của tệp. Bỏ trống: tên loại và trích yếu."))]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The files' author. Left out: the issuing body's name.
    #[schemars(extend("x-description-vi" = "Tác giả của tệp. Bỏ trống: tên cơ quan ban hành."))]
    pub author: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The files' subject.
    #[schemars(extend("x-description-vi" = "Chủ đề của tệp."))]
    pub subject: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    /// The files' keywords.
    #[schemars(extend("x-description-vi" = "Từ khóa của tệp."))]
    pub keywords: Vec<String>,
    /// BCP 47 language tag.
    #[serde(default = "vi_vn")]
    #[schemars(extend("x-description-vi" = "Mã ngôn ngữ BCP 47 (mặc định `vi-VN`)."))]
    pub language: String,
    /// Creation time written into the files, `YYYY-MM-DDTHH:MM:SS` (local
    /// time, Vietnam) or a date. Left out: the date of issue, else none —
    /// never the clock, so identical input gives identical bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("x-description-vi" = "Thời điểm tạo ghi vào tệp, `YYYY-MM-DDTHH:MM:SS` (giờ Việt Nam) hoặc một ngày. Bỏ trống: ngày ban hành — không bao giờ lấy giờ máy, để cùng một đầu vào cho ra cùng một tệp."))]
    pub created: Option<String>,
}

fn vi_vn() -> String {
    "vi-VN".to_string()
}

impl Default for Metadata {
    fn default() -> Self {
        Metadata {
            title: None,
            author: None,
            subject: None,
            keywords: Vec::new(),
            language: vi_vn(),
            created: None,
        }
    }
}

/// One step of a [`JsonPath`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    /// A field name (`body`, `noi_nhan`).
    Key(&'static str),
    /// A position in an array.
    Index(usize),
}

/// Where a value sits in the input: `body[3].item.children[0].list[2]`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct JsonPath(pub Vec<Seg>);

impl JsonPath {
    /// This path followed by the field `k`.
    pub fn key(&self, k: &'static str) -> JsonPath {
        let mut p = self.clone();
        p.0.push(Seg::Key(k));
        p
    }
    /// This path followed by the array position `i`.
    pub fn index(&self, i: usize) -> JsonPath {
        let mut p = self.clone();
        p.0.push(Seg::Index(i));
        p
    }
}

impl fmt::Display for JsonPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for s in &self.0 {
            match s {
                Seg::Key(k) => {
                    if !first {
                        f.write_str(".")?;
                    }
                    f.write_str(k)?;
                }
                Seg::Index(i) => write!(f, "[{i}]")?,
            }
            first = false;
        }
        Ok(())
    }
}

/// A callback over every user string with its location.
pub type StringVisitor<'a> = dyn FnMut(&JsonPath, &mut String) + 'a;

impl Document {
    /// The JSON names of the top-level fields after `$schema`, in the
    /// order a document is written (the struct's order): the text
    /// format's JSON block and the order of `check`'s messages follow it.
    pub const FIELDS: &'static [&'static str] = &[
        "kind",
        "draft",
        "issuer",
        "so_hieu",
        "place",
        "date",
        "trich_yeu",
        "authority",
        "intro",
        "kinh_gui",
        "can_cu",
        "body",
        "noi_nhan",
        "signature",
        "co_signers",
        "footer",
        "annexes",
        "metadata",
        "profile",
    ];

    /// Calls `f` on every string the user wrote, with its JSON path: the one
    /// walk behind NFC normalisation, font-coverage checks and template
    /// placeholders, so none of them can miss a field.
    pub fn visit_strings_mut(&mut self, f: &mut StringVisitor<'_>) {
        let root = JsonPath::default();
        let p = root.key("issuer");
        lines(&mut self.issuer.superior, &p.key("superior"), f);
        lines(&mut self.issuer.name, &p.key("name"), f);
        f(&p.key("abbreviation"), &mut self.issuer.abbreviation);
        if let Some(n) = &mut self.issuer.full_name {
            f(&p.key("full_name"), n);
        }
        let p = root.key("so_hieu");
        if let Some(k) = &mut self.so_hieu.ky_hieu {
            f(&p.key("ky_hieu"), k);
        }
        if let Some(u) = &mut self.so_hieu.unit {
            f(&p.key("unit"), u);
        }
        f(&root.key("place"), &mut self.place);
        lines(&mut self.trich_yeu, &root.key("trich_yeu"), f);
        lines(&mut self.authority, &root.key("authority"), f);
        if let Some(t) = &mut self.intro {
            text(t, &root.key("intro"), f);
        }
        for (i, t) in self.kinh_gui.iter_mut().enumerate() {
            text(t, &root.key("kinh_gui").index(i), f);
        }
        match &mut self.can_cu {
            Some(CanCu::Lines(ls)) => {
                let p = root.key("can_cu").key("lines");
                for (i, t) in ls.iter_mut().enumerate() {
                    text(t, &p.index(i), f);
                }
            }
            Some(CanCu::Paragraph(t)) => text(t, &root.key("can_cu").key("paragraph"), f),
            None => {}
        }
        blocks(&mut self.body, &root.key("body"), f);
        let p = root.key("noi_nhan");
        for (i, t) in self.noi_nhan.entries.iter_mut().enumerate() {
            text(t, &p.key("entries").index(i), f);
        }
        match &mut self.noi_nhan.luu {
            Some(Luu::Parts(l)) => {
                let p = p.key("luu");
                for (i, u) in l.units.iter_mut().enumerate() {
                    f(&p.key("units").index(i), u);
                }
                if let Some(d) = &mut l.drafter {
                    f(&p.key("drafter"), d);
                }
            }
            Some(Luu::Line(l)) => f(&p.key("luu"), l),
            None => {}
        }
        signature(&mut self.signature, &root.key("signature"), f);
        for (i, s) in self.co_signers.iter_mut().enumerate() {
            signature(s, &root.key("co_signers").index(i), f);
        }
        lines(&mut self.footer, &root.key("footer"), f);
        for (i, a) in self.annexes.iter_mut().enumerate() {
            let p = root.key("annexes").index(i);
            if let Some(l) = &mut a.label {
                f(&p.key("label"), l);
            }
            lines(&mut a.title, &p.key("title"), f);
            if let Some(r) = &mut a.reference {
                text(r, &p.key("reference"), f);
            }
            blocks(&mut a.body, &p.key("body"), f);
        }
        let p = root.key("metadata");
        let m = &mut self.metadata;
        for (k, v) in [
            ("title", &mut m.title),
            ("author", &mut m.author),
            ("subject", &mut m.subject),
            ("created", &mut m.created),
        ] {
            if let Some(v) = v {
                f(&p.key(k), v);
            }
        }
        for (i, k) in m.keywords.iter_mut().enumerate() {
            f(&p.key("keywords").index(i), k);
        }
        f(&p.key("language"), &mut m.language);
    }

    /// Read-only walk over every user string (see [`Document::visit_strings_mut`]).
    pub fn visit_strings(&self, f: &mut dyn FnMut(&JsonPath, &str)) {
        // The walk is written once; a clone keeps this one honest at the
        // cost of a copy, which only validation pays.
        let mut copy = self.clone();
        copy.visit_strings_mut(&mut |p, s| f(p, s));
    }

    /// The title written into the files: the metadata's, else tên loại +
    /// trích yếu (`Thông báo về việc …`).
    pub fn title(&self) -> String {
        if let Some(t) = &self.metadata.title {
            return t.clone();
        }
        let subject = self.trich_yeu.joined(" ");
        match self.kind.type_name() {
            Some(_) => {
                let mut s = subject.chars();
                let lowered = match s.next() {
                    Some(c) => c.to_lowercase().collect::<String>() + s.as_str(),
                    None => String::new(),
                };
                format!("{} {}", self.kind.name_vi(), lowered)
            }
            None => subject,
        }
    }

    /// The author written into the files: the metadata's, else the issuing
    /// body's lines joined.
    pub fn author(&self) -> String {
        self.metadata
            .author
            .clone()
            .unwrap_or_else(|| self.issuer.name.joined(" "))
    }

    /// The model layout (Mẫu) the document follows: its kind's, and for a
    /// Quyết định that issues a document (an annex with a kind, or a
    /// trích yếu that starts `Ban hành` / `Phê duyệt`) Mẫu 1.3.
    pub fn form(&self) -> crate::kind::Form {
        use crate::kind::Form;
        let form = self.kind.form();
        if form == Form::QuyetDinh {
            let first = self
                .trich_yeu
                .0
                .first()
                .map(|s| s.trim_start())
                .unwrap_or("");
            let issues = self.annexes.iter().any(|a| a.kind.is_some())
                || ["Ban hành", "Phê duyệt", "ban hành", "phê duyệt"]
                    .iter()
                    .any(|w| first.starts_with(w));
            if issues {
                return Form::QuyetDinhBanHanh;
            }
        }
        form
    }

    /// The số hiệu line, `Số: 05/TB-UBND`.
    pub fn so_line(&self) -> String {
        self.so_hieu.line(self.kind, &self.issuer.abbreviation)
    }

    /// The place-and-date line, `Tiến Thắng, ngày 06 tháng 3 năm 2025`.
    pub fn place_date_line(&self) -> String {
        crate::date::format_place_date(&self.place, self.date.as_ref())
    }
}

fn signature(s: &mut Signature, p: &JsonPath, f: &mut StringVisitor<'_>) {
    for (i, a) in s.authority.iter_mut().enumerate() {
        f(&p.key("authority").index(i), a);
    }
    f(&p.key("post"), &mut s.post);
    f(&p.key("name"), &mut s.name);
    if let Some(i) = &mut s.signature_image {
        f(&p.key("signature_image"), i);
    }
    if let Some(i) = &mut s.seal_image {
        f(&p.key("seal_image"), i);
    }
}

fn lines(l: &mut Lines, p: &JsonPath, f: &mut StringVisitor<'_>) {
    if l.0.len() == 1 {
        f(p, &mut l.0[0]);
    } else {
        for (i, s) in l.0.iter_mut().enumerate() {
            f(&p.index(i), s);
        }
    }
}

fn text(t: &mut Text, p: &JsonPath, f: &mut StringVisitor<'_>) {
    for s in t.strings_mut() {
        f(p, s);
    }
}

fn blocks(bs: &mut [Block], p: &JsonPath, f: &mut StringVisitor<'_>) {
    for (i, b) in bs.iter_mut().enumerate() {
        let p = p.index(i);
        match b {
            Block::Paragraph(t) => text(t, &p.key("paragraph"), f),
            Block::List(items) => {
                let p = p.key("list");
                for (j, it) in items.iter_mut().enumerate() {
                    let pj = p.index(j);
                    if it.sub.is_empty() {
                        text(&mut it.text, &pj, f);
                    } else {
                        text(&mut it.text, &pj.key("text"), f);
                        for (k, s) in it.sub.iter_mut().enumerate() {
                            text(s, &pj.key("sub").index(k), f);
                        }
                    }
                }
            }
            Block::Item(it) => {
                let p = p.key("item");
                if let Some(h) = &mut it.heading {
                    text(h, &p.key("heading"), f);
                }
                text(&mut it.text, &p.key("text"), f);
                blocks(&mut it.children, &p.key("children"), f);
            }
            Block::Point(pt) => {
                let p = p.key("point");
                f(&p.key("letter"), &mut pt.letter);
                text(&mut pt.text, &p.key("text"), f);
                blocks(&mut pt.children, &p.key("children"), f);
            }
            Block::Heading(h) => {
                let p = p.key("heading");
                if let Some(l) = &mut h.label {
                    f(&p.key("label"), l);
                }
                f(&p.key("title"), &mut h.title);
            }
            Block::Article(a) => {
                let p = p.key("article");
                if let Some(t) = &mut a.title {
                    text(t, &p.key("title"), f);
                }
                text(&mut a.text, &p.key("text"), f);
                blocks(&mut a.children, &p.key("children"), f);
            }
            Block::Indented(ls) => {
                let p = p.key("indented");
                for (j, t) in ls.iter_mut().enumerate() {
                    text(t, &p.index(j), f);
                }
            }
            Block::Table(t) => {
                let p = p.key("table");
                for (key, rows) in [("header", &mut t.header), ("rows", &mut t.rows)] {
                    for (r, row) in rows.iter_mut().enumerate() {
                        for (c, cell) in row.iter_mut().enumerate() {
                            text(cell, &p.key(key).index(r).index(c), f);
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_the_documents_top_level_properties() {
        let schema = serde_json::to_value(schemars::schema_for!(Document)).unwrap();
        let mut props: Vec<&str> = schema["properties"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .filter(|k| *k != "$schema")
            .collect();
        let mut fields = Document::FIELDS.to_vec();
        props.sort_unstable();
        fields.sort_unstable();
        assert_eq!(props, fields);
    }

    /// Every property and every definition of the schema is described in
    /// both languages, and `description` shows both (issue 14 item 4).
    #[test]
    fn the_schema_describes_everything_in_vietnamese_and_english() {
        use serde_json::Value;
        fn described(v: &Value, at: &str, missing: &mut Vec<String>) {
            let vi = v
                .get("x-description-vi")
                .and_then(Value::as_str)
                .unwrap_or("");
            let en = v
                .get("x-description-en")
                .and_then(Value::as_str)
                .unwrap_or("");
            let both = v.get("description").and_then(Value::as_str);
            if vi.trim().is_empty()
                || en.trim().is_empty()
                || both != Some(&format!("{vi}\n\n{en}"))
            {
                missing.push(at.to_string());
            }
        }
        fn walk(v: &Value, at: &str, missing: &mut Vec<String>, count: &mut usize) {
            let Some(o) = v.as_object() else { return };
            if let Some(Value::Object(ps)) = o.get("properties") {
                for (k, p) in ps {
                    *count += 1;
                    described(p, &format!("{at}.{k}"), missing);
                    walk(p, &format!("{at}.{k}"), missing, count);
                }
            }
            for key in ["anyOf", "oneOf", "allOf"] {
                if let Some(Value::Array(xs)) = o.get(key) {
                    for (i, x) in xs.iter().enumerate() {
                        walk(x, &format!("{at}/{key}[{i}]"), missing, count);
                    }
                }
            }
            if let Some(items) = o.get("items") {
                walk(items, &format!("{at}[]"), missing, count);
            }
        }
        let s = crate::json_schema();
        let mut missing = Vec::new();
        let mut count = 0;
        described(&s, "#", &mut missing);
        walk(&s, "#", &mut missing, &mut count);
        let defs = s["$defs"].as_object().unwrap();
        for (name, d) in defs {
            described(d, name, &mut missing);
            walk(d, name, &mut missing, &mut count);
        }
        assert!(
            missing.is_empty(),
            "not described in both languages: {missing:#?}"
        );
        // The walk did see the model: 20 top-level fields, ~25 definitions.
        assert!(
            count > 90 && defs.len() > 25,
            "{count} properties, {} definitions",
            defs.len()
        );
        assert_eq!(s["$id"], SCHEMA_ID);
        assert!(s["properties"]["kind"]["examples"].is_array());
        assert!(s["properties"]["noi_nhan"]["examples"].is_array());
    }

    /// `$id` lives under the workspace's `repository`: change both together.
    #[test]
    fn the_schema_id_is_under_the_repository() {
        let manifest = include_str!("../../../Cargo.toml");
        let repo = manifest
            .lines()
            .find_map(|l| l.trim().strip_prefix("repository = "))
            .expect("the workspace names its repository")
            .trim_matches('"');
        assert!(
            SCHEMA_ID.starts_with(&format!("{repo}/")),
            "{SCHEMA_ID} vs {repo}"
        );
        assert!(SCHEMA_ID.ends_with("/schema/vanban.schema.json"));
    }

    #[test]
    fn luu_text() {
        assert_eq!(Luu::units(["VP"]).text(), "Lưu: VP.");
        let l = Luu::Parts(LuuParts {
            units: vec!["VT".into(), "HC".into()],
            copies: Some(2),
            ..LuuParts::default()
        });
        assert_eq!(l.text(), "Lưu: VT, HC (2).");
        let l = Luu::Parts(LuuParts {
            units: vec!["VT".into(), "VP".into()],
            copies: None,
            drafter: Some("PL".into()),
            issued: Some(300),
        });
        assert_eq!(l.text(), "Lưu: VT, VP. PL.(300).");
        let l = Luu::Line("Lưu: VT, Hồ sơ.".into());
        assert_eq!(l.text(), "Lưu: VT, Hồ sơ.");
        assert_eq!(l.unit_names(), vec!["VT", "Hồ sơ"]);
        assert_eq!(
            Luu::Line("Lưu: VT, HC (2). PL.(300).".into()).unit_names(),
            vec!["VT", "HC"]
        );
    }

    #[test]
    fn luu_reads_both_forms() {
        let a: Luu = serde_json::from_str(r#""Lưu: VT, Hồ sơ.""#).unwrap();
        assert_eq!(a, Luu::Line("Lưu: VT, Hồ sơ.".into()));
        let b: Luu = serde_json::from_str(r#"{"units": ["VT", "VP"]}"#).unwrap();
        assert_eq!(b, Luu::units(["VT", "VP"]));
        assert_eq!(serde_json::to_string(&a).unwrap(), r#""Lưu: VT, Hồ sơ.""#);
        assert!(serde_json::from_str::<Luu>(r#"{"unit": ["VT"]}"#).is_err());
    }

    #[test]
    fn item_numbers_are_integers_or_decimal_strings() {
        let n: ItemNumber = serde_json::from_str("3").unwrap();
        assert_eq!((n.as_u32(), n.to_string()), (Some(3), "3".to_string()));
        let n: ItemNumber = serde_json::from_str(r#""1.2.3""#).unwrap();
        assert_eq!(n.parts(), Some(vec![1, 2, 3]));
        assert_eq!(serde_json::to_string(&n).unwrap(), r#""1.2.3""#);
        let n: ItemNumber = serde_json::from_str(r#""2.""#).unwrap();
        assert_eq!(n.to_string(), "2");
        assert_eq!(serde_json::to_string(&n).unwrap(), "2");
        for bad in [r#""a""#, r#""1..2""#, "-1", r#""""#] {
            assert!(serde_json::from_str::<ItemNumber>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn json_path_display() {
        let p = JsonPath::default()
            .key("body")
            .index(3)
            .key("item")
            .key("children")
            .index(0);
        assert_eq!(p.to_string(), "body[3].item.children[0]");
    }
}
