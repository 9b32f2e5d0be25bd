//! The model layouts of Phụ lục III, one small unit each. A form decides
//! which components it has, in which order, with which literals and
//! spacing; the shared pieces (header, title, body, closing) do the rest.
//!
//! To add a form: a module here with a `compose` function, its row in
//! [`compose_main`], a sample in `samples/`, and its rules in `check`.

mod bien_ban;
mod cong_dien;
mod cong_van;
mod giay_gioi_thieu;
mod giay_moi;
mod giay_nghi_phep;
mod nghi_quyet;
mod quyet_dinh;
mod van_ban_co_ten_loai;

use crate::composer::Composer;
use crate::header::HeaderGeometry;
use vanban_core::Form;

/// The header table of each model (forms.md §1: widths and shift, mm).
pub fn header_geometry(form: Form) -> HeaderGeometry {
    let (left_mm, right_mm, shift_mm) = match form {
        Form::NghiQuyet => (69.4, 103.1, -3.5),
        Form::QuyetDinh => (69.4, 100.6, -6.0),
        Form::QuyetDinhBanHanh => (67.5, 99.0, -3.5),
        // nd30.md §4.3: 3829 + 5670 tw, shifted −199 tw.
        Form::CoTenLoai => (67.5, 100.0, -3.5),
        Form::CongVan => (67.9, 95.3, 0.6),
        Form::CongDien | Form::GiayMoi | Form::GiayNghiPhep => (67.5, 100.0, -3.5),
        Form::GiayGioiThieu => (67.5, 102.5, -3.5),
        Form::BienBan => (67.5, 100.0, -6.0),
    };
    HeaderGeometry {
        left_mm,
        right_mm,
        shift_mm,
    }
}

/// The header of the document a Quyết định issues (Mẫu 1.3, annex).
pub const ISSUED_DOCUMENT_HEADER: HeaderGeometry = HeaderGeometry {
    left_mm: 60.4,
    right_mm: 102.5,
    shift_mm: 1.5,
};

/// Composes the main text of a document with its form.
pub fn compose_main(c: &mut Composer<'_>) {
    match c.doc.form() {
        Form::NghiQuyet => nghi_quyet::compose(c),
        Form::QuyetDinh | Form::QuyetDinhBanHanh => quyet_dinh::compose(c),
        Form::CoTenLoai => van_ban_co_ten_loai::compose(c),
        Form::CongVan => cong_van::compose(c),
        Form::CongDien => cong_dien::compose(c),
        Form::GiayMoi => giay_moi::compose(c),
        Form::GiayGioiThieu => giay_gioi_thieu::compose(c),
        Form::BienBan => bien_ban::compose(c),
        Form::GiayNghiPhep => giay_nghi_phep::compose(c),
    }
}

/// The header with số and place-date (every main form but the Biên bản
/// without a date, and the công văn with its V/v lines).
fn header(c: &mut Composer<'_>) {
    let form = c.doc.form();
    c.header(
        header_geometry(form),
        crate::header::HeaderRows {
            so: true,
            place_date: true,
            vv: false,
        },
    );
}

/// The tên loại of the document's kind.
fn type_name(c: &Composer<'_>) -> &'static str {
    c.doc.kind.type_name().unwrap_or_default()
}

/// Nơi nhận beside the signer, columns from the profile; with
/// co-signers (a joint document), the signers share the width equally.
fn closing_beside(c: &mut Composer<'_>) {
    let cols = if c.doc.co_signers.is_empty() {
        c.closing_columns()
    } else {
        let half = vanban_core::Tw(c.text_width.0 / 2);
        (half, c.text_width - half)
    };
    c.closing(crate::closing::ClosingLayout::Beside, cols);
}
