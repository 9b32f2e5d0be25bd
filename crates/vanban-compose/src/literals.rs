//! Every literal text the forms print: one home each, so that the PDF and
//! the DOCX cannot disagree on a word.

/// The national name (ô 1), exactly as Decree 30 writes it.
pub const QUOC_HIEU: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
/// The motto (ô 1): hyphen-minus with a space on each side.
pub const TIEU_NGU: &str = "Độc lập - Tự do - Hạnh phúc";
/// The distribution list's label (ô 9b).
pub const NOI_NHAN: &str = "Nơi nhận:";
/// Kính gửi (ô 9a) before several addressees, one per line below.
pub const KINH_GUI: &str = "Kính gửi:";
/// Kính gửi before a single addressee on the same line.
pub const KINH_GUI_ONE: &str = "Kính gửi: ";
/// The operative heading of a Quyết định (Mẫu 1.2, 1.3).
pub const QUYET_DINH: &str = "QUYẾT ĐỊNH:";
/// The operative heading of a Nghị quyết (Mẫu 1.1).
pub const QUYET_NGHI: &str = "QUYẾT NGHỊ:";
/// Ends the sender line of a Công điện (Mẫu 1.6): `… điện:`.
pub const DIEN: &str = " điện:";
/// The label of an annex (Mẫu 2.1), `Phụ lục` or `Phụ lục I`.
pub const PHU_LUC: &str = "Phụ lục";
/// The confirmation block under a Giấy nghỉ phép (Mẫu 1.10).
pub const XAC_NHAN_NGHI_PHEP: &str =
    "Xác nhận của cơ quan (tổ chức) hoặc chính quyền địa phương nơi nghỉ phép";

/// The signing date and time of Mẫu 2.2's signing-information line, as
/// blanks in the shape forms.md §11.3 shows filled (`06/3/2025; 09:15:30`):
/// the organisation's digital signature stamps them when it signs.
pub const SIGNING_TIME: &str = "…/…/…; …:…:…";
