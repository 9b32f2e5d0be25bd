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
pub struct Document {
    /// Optional link to the JSON Schema, for editors; ignored otherwise.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// The document type (`"thong-bao"`, `"quyet-dinh"`, `"cong-van"`, …).
    pub kind: DocumentKind,
    /// A draft (dự thảo): number and date are normally still blank.
    #[serde(default, skip_serializing_if = "is_false")]
    pub draft: bool,
    /// Cơ quan ban hành (ô 2).
    pub issuer: Issuer,
    /// Số, ký hiệu (ô 3).
    #[serde(default)]
    pub so_hieu: SoHieu,
    /// Địa danh (ô 4): the administrative unit's name without the generic
    /// word (`Tiến Thắng`, not `xã Tiến Thắng`). A Biên bản (Mẫu 1.9) may
    /// leave it out: its model has no place-and-date line.
    #[serde(default)]
    pub place: String,
    /// Date of issue (ô 4); a year alone leaves day and month blank.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<IssueDate>,
    /// Trích yếu (ô 5a/5b): one string, or an array of strings to fix the
    /// line breaks yourself. A Giấy giới thiệu or Giấy nghỉ phép has none.
    #[serde(default, skip_serializing_if = "Lines::is_empty")]
    pub trich_yeu: Lines,
    /// Thẩm quyền ban hành (Nghị quyết, Quyết định: Mẫu 1.1–1.3): the
    /// authority line between the trích yếu and the căn cứ, e.g.
    /// `CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ TIẾN THẮNG`. For a Công điện (Mẫu 1.6)
    /// it is the sender of the centred `… điện:` line.
    #[serde(default, skip_serializing_if = "Lines::is_empty")]
    pub authority: Lines,
    /// The centred opening line of a Giấy giới thiệu (Mẫu 1.8):
    /// `Ủy ban nhân dân xã Tiến Thắng trân trọng giới thiệu:`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<Text>,
    /// Kính gửi (ô 9a): addressees, for a công văn (and Tờ trình, Báo cáo
    /// sent upward). One entry is printed on the `Kính gửi:` line.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kinh_gui: Vec<Text>,
    /// Căn cứ ban hành: legal bases.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub can_cu: Option<CanCu>,
    /// Nội dung (ô 6): the body, a sequence of blocks. The closing `./.` is
    /// the author's: write it at the end of the last block (`vanban check`
    /// reports it when missing); the renderers never add or remove it.
    pub body: Vec<Block>,
    /// Nơi nhận (ô 9b).
    pub noi_nhan: NoiNhan,
    /// Signature block (ô 7a, 7b, 7c, 8) of the principal signer: the
    /// right-hand block, the one that carries the seal.
    pub signature: Signature,
    /// Other signers, drawn to the left of the principal one in reading
    /// order: a Biên bản's secretary (`THƯ KÝ`), the other bodies of a
    /// joint document.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub co_signers: Vec<Signature>,
    /// Ô 13 (page 1 only, under a full-width rule): the body's address,
    /// telephone, e-mail, website, one string per line.
    #[serde(default, skip_serializing_if = "Lines::is_empty")]
    pub footer: Lines,
    /// Phụ lục (Mẫu 2.1/2.2) and documents issued by a Quyết định (Mẫu 1.3),
    /// each starting on a new page after the main text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub annexes: Vec<Annex>,
    /// File metadata (PDF Info/XMP, DOCX core properties).
    #[serde(default)]
    pub metadata: Metadata,
    /// Changes to the Decree 30 layout profile, within the decree's ranges.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<ProfileOverrides>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// Cơ quan, tổ chức ban hành văn bản (ô 2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Issuer {
    /// Tên cơ quan chủ quản trực tiếp: the direct superior body's lines, if
    /// any (printed regular, upper case). A UBND xã has none.
    #[serde(default, skip_serializing_if = "Lines::is_empty")]
    pub superior: Lines,
    /// The issuing body's lines as printed (bold, upper case), e.g.
    /// `["ỦY BAN NHÂN DÂN", "XÃ TIẾN THẮNG"]`.
    pub name: Lines,
    /// Abbreviation used in the ký hiệu (`UBND`).
    pub abbreviation: String,
    /// The body's name in running text (`Ủy ban nhân dân xã Tiến Thắng`),
    /// for the `(Kèm theo … của …)` line of annexes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub full_name: Option<String>,
}

/// Căn cứ ban hành: either one basis per line in italics (Quyết định style),
/// or an upright opening paragraph that runs them together (as in the seed
/// notice).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum CanCu {
    /// One italic paragraph per basis; each ends with `;`, the last with `.`.
    Lines(Vec<Text>),
    /// One upright body paragraph.
    Paragraph(Text),
}

/// A block of the body. In JSON each block is an object with one key naming
/// its type: `{"paragraph": "…"}`, `{"list": ["…", "…"]}`, `{"item": {…}}`,
/// `{"point": {…}}`, `{"heading": {…}}`, `{"table": {…}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Block {
    /// A justified paragraph with first-line indent.
    Paragraph(Text),
    /// Dash items (`- …`), each its own paragraph, optionally with `+` sub-items.
    List(Vec<ListItem>),
    /// A numbered item (khoản): `1. **Heading:** text`, with nested blocks.
    Item(NumberedItem),
    /// A lettered point (điểm): `a) text`.
    Point(Point),
    /// A section heading (`I. TITLE`) or a part heading (`Phần I` / title).
    Heading(Heading),
    /// A table with borders.
    Table(Table),
    /// An article (điều): `**Điều 1.** text`, or with a title
    /// `**Điều 1. Phạm vi điều chỉnh**` on its own line; its clauses
    /// (khoản: items) and points (điểm) as children.
    Article(Article),
    /// Sub-lines indented one step further than a paragraph, one per
    /// string: `Thời gian: …`, `Địa điểm: …` under an item.
    Indented(Vec<Text>),
}

/// A dash item; `sub` holds its `+` items. In JSON: text alone, or
/// `{"text": …, "sub": [ … ]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ListItem {
    pub text: Text,
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
        schemars::json_schema!({
            "description": "A dash item: its text, or {\"text\": …, \"sub\": [ … ]} with `+` sub-items.",
            "anyOf": [
                text,
                {"type": "object", "additionalProperties": false, "required": ["text"],
                 "properties": {"text": text, "sub": texts}}
            ]
        })
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
        schemars::json_schema!({
            "description": "Item number: 1, 2, … or a decimal number as a string (\"1.1\", \"1.1.2\").",
            "anyOf": [
                {"type": "integer", "minimum": 0},
                {"type": "string", "pattern": "^[0-9]+(\\.[0-9]+)*\\.?$"}
            ]
        })
    }
}

/// An article (điều) of a Quyết định, Nghị quyết, Quy chế or Quy định.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Article {
    /// The article's number (`Điều 1.`).
    pub number: ItemNumber,
    /// Optional title, printed bold with the label on its own line
    /// (`Điều 1. Phạm vi điều chỉnh`), as articles of a quy chế have.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Text>,
    /// Without a title: the text after the bold `Điều 1.` in the same
    /// paragraph. With a title: a paragraph of its own under it.
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub text: Text,
    /// Clauses (items), points and paragraphs of the article.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Block>,
}

/// A numbered item (khoản). With a `heading`, the number and the heading
/// are bold (a run-in heading); without one, the number is regular.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NumberedItem {
    /// The item's number as the author wrote it: 1, 2, … or `"1.1"`.
    pub number: ItemNumber,
    /// Optional bold run-in heading (`Công chức Tư pháp - Hộ tịch xã:`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<Text>,
    /// The text after the number (and heading), in the same paragraph.
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub text: Text,
    /// Blocks under the item: dash lists, points, paragraphs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Block>,
}

/// A lettered point (điểm): `a) …`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Point {
    /// The letter without the parenthesis: `a`, `b`, … `đ`.
    pub letter: String,
    pub text: Text,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Block>,
}

/// Heading styles of Decree 30 §3.6.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum HeadingStyle {
    /// `I. NHỮNG KẾT QUẢ …`: one bold line, indented like the body.
    #[default]
    Section,
    /// `Phần I`, `Chương II`, `Mục 1`: label centred on its own line, the
    /// title centred below in bold upper case.
    Part,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Heading {
    #[serde(default)]
    pub style: HeadingStyle,
    /// `I.`, `II.` for a section; `Phần I`, `Mục 1` for a part.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The heading text as printed.
    pub title: String,
}

/// Horizontal alignment of a table column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Align {
    #[default]
    Left,
    Center,
    Right,
    Justify,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Column {
    /// Relative width (any positive numbers; they are scaled to the text width).
    #[serde(default = "one")]
    pub width: f32,
    #[serde(default)]
    pub align: Align,
}

fn one() -> f32 {
    1.0
}

/// A table with single-line borders; `header` rows repeat on every page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Table {
    pub columns: Vec<Column>,
    /// Header rows (bold, centred), repeated at the top of each page.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub header: Vec<Vec<Text>>,
    pub rows: Vec<Vec<Text>>,
}

/// Nơi nhận (ô 9b).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NoiNhan {
    /// One entry per recipient or group, as printed after the `- ` the
    /// renderer adds; each ends with `;` (the author's punctuation).
    pub entries: Vec<Text>,
    /// The closing archive entry, `- Lưu: VT, VP.`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
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
pub struct LuuParts {
    /// Units keeping a copy, in order: `["VT", "VP"]`. Decree 30 wants `VT`
    /// (Văn thư) first; `vanban check` reports it when missing.
    pub units: Vec<String>,
    /// Number of archive copies, printed `(2)` after the units.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copies: Option<u32>,
    /// Drafter's initials (ô 12), printed after the units: `PL.`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drafter: Option<String>,
    /// Number of copies issued (ô 12), printed after the initials: `(300)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
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
        schemars::json_schema!({
            "description": "The archive entry: its parts, or the line as printed after the dash (\"Lưu: VT, Hồ sơ.\").",
            "anyOf": [parts, {"type": "string"}]
        })
    }
}

/// An annex: a Phụ lục (Mẫu 2.1), or a document a Quyết định issues
/// (a Quy chế or Quy định, Mẫu 1.3). Each starts on a new page and is
/// paginated on its own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Annex {
    /// The issued document's kind (`"quy-che"`, `"quy-dinh"`, …) for a
    /// document issued by a Quyết định (Mẫu 1.3: the issuing body's header,
    /// tên loại and trích yếu, no number, date or signature). Left out:
    /// a Phụ lục (Mẫu 2.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<DocumentKind>,
    /// A Phụ lục's label, `Phụ lục I`. Left out: `Phụ lục` for a single
    /// annex, `Phụ lục I`, `Phụ lục II`, … for several.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The title: a Phụ lục's (upper case) or the issued document's
    /// trích yếu.
    #[serde(default, skip_serializing_if = "Lines::is_empty")]
    pub title: Lines,
    /// The italic `(Kèm theo …)` line. Left out, it is made from the main
    /// document: `(Kèm theo Quyết định số 12/QĐ-UBND ngày … của …)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<Text>,
    /// Lay the annex on landscape pages (wide tables).
    #[serde(default, skip_serializing_if = "is_false")]
    pub landscape: bool,
    /// The annex's content.
    pub body: Vec<Block>,
}

/// The signature block (ô 7a, 7b, 7c and the seal, ô 8).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Signature {
    /// Authority lines, each starting with its prefix: `TM. ỦY BAN NHÂN DÂN`,
    /// `KT. CHỦ TỊCH` (also `Q.`, `TL.`, `TUQ.`). Empty when the head signs
    /// in his or her own name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authority: Vec<String>,
    /// The signer's post (`PHÓ CHỦ TỊCH`), upper case.
    pub post: String,
    /// Family, middle and given name, without titles (`Đỗ Văn Hạ`).
    pub name: String,
    /// PNG of the signature (blue, transparent), centred in the signing space.
    /// A path relative to the input file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature_image: Option<String>,
    /// PNG of the seal (red, transparent, actual size), over the left third
    /// of the signature. A path relative to the input file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seal_image: Option<String>,
}

/// File metadata. Title and author are derived from the document when left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Metadata {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
    /// BCP 47 language tag.
    #[serde(default = "vi_vn")]
    pub language: String,
    /// Creation time written into the files, `YYYY-MM-DDTHH:MM:SS` (local
    /// time, Vietnam) or a date. Left out: the date of issue, else none —
    /// never the clock, so identical input gives identical bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
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
    Key(&'static str),
    Index(usize),
}

/// Where a value sits in the input: `body[3].item.children[0].list[2]`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct JsonPath(pub Vec<Seg>);

impl JsonPath {
    pub fn key(&self, k: &'static str) -> JsonPath {
        let mut p = self.clone();
        p.0.push(Seg::Key(k));
        p
    }
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
