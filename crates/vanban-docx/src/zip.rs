//! The package's ZIP container, written and read here: entries keep their
//! compressed bytes, so the parts that do not change between documents are
//! compressed once per renderer, and `issue` copies every part it does not
//! fill byte for byte.
//!
//! Every entry is dated 1980-01-01 00:00 (the ZIP epoch): no clock in the
//! output, identical input gives identical bytes.

use vanban_deflate::Level;

const STORED: u16 = 0;
const DEFLATED: u16 = 8;
/// 1980-01-01 in MS-DOS date format; time 00:00:00 is 0.
const DOS_DATE: u16 = (1 << 5) | 1;
/// Parts smaller than this are stored: deflate would save a few bytes and
/// cost a compressor call.
const STORE_BELOW: usize = 256;

/// One part of the package, ready to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The part's name in the package (`word/document.xml`).
    pub name: String,
    /// CRC-32 of the uncompressed bytes.
    pub crc: u32,
    /// Size of the uncompressed bytes.
    pub size: u32,
    /// Compression method: 0 stored, 8 deflated.
    pub method: u16,
    /// The bytes as stored in the archive (deflated or not).
    pub data: Vec<u8>,
}

impl Entry {
    /// Compresses `bytes` into an entry named `name`.
    pub fn new(name: impl Into<String>, bytes: &[u8]) -> Entry {
        let name = name.into();
        let crc = vanban_deflate::crc32(bytes);
        if bytes.len() < STORE_BELOW {
            return Entry {
                name,
                crc,
                size: bytes.len() as u32,
                method: STORED,
                data: bytes.to_vec(),
            };
        }
        // Level 1: on the seed's parts (33 KB of XML) level 6 saves 423
        // bytes (6.4 KB against 6.8 KB) for 2–3 times the time.
        let data = vanban_deflate::deflate(Level::Fast, bytes);
        Entry {
            name,
            crc,
            size: bytes.len() as u32,
            method: DEFLATED,
            data,
        }
    }

    /// The entry's uncompressed bytes.
    pub fn bytes(&self) -> Result<Vec<u8>, ZipError> {
        let out = match self.method {
            STORED => self.data.clone(),
            DEFLATED => vanban_deflate::inflate(&self.data, self.size as usize)
                .ok_or_else(|| ZipError::Corrupt(self.name.clone()))?,
            m => return Err(ZipError::Method(self.name.clone(), m)),
        };
        if vanban_deflate::crc32(&out) != self.crc {
            return Err(ZipError::Corrupt(self.name.clone()));
        }
        Ok(out)
    }
}

/// Why an archive could not be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ZipError {
    /// Not a ZIP archive (no end of central directory), or cut short.
    #[error("not a DOCX (ZIP) file, or a truncated one")]
    NotZip,
    /// A part's bytes cannot be read or do not match their CRC; names the part.
    #[error("the part {0} is damaged")]
    Corrupt(String),
    /// A part uses a compression method other than stored or deflate: the part and the method.
    #[error("the part {0} uses ZIP compression method {1}, which DOCX files do not use")]
    Method(String, u16),
    /// A ZIP64 archive, which no DOCX draft needs.
    #[error("ZIP64 archives (over 4 GB) are not DOCX drafts")]
    Zip64,
}

/// Writes the entries, in order, into a ZIP archive.
pub fn write(entries: &[&Entry]) -> Vec<u8> {
    let total: usize = entries
        .iter()
        .map(|e| e.data.len() + 2 * e.name.len() + 80)
        .sum();
    let mut out = Vec::with_capacity(total + 22);
    let mut offsets = Vec::with_capacity(entries.len());
    for e in entries {
        offsets.push(out.len() as u32);
        u32le(&mut out, 0x0403_4b50);
        header_fields(&mut out, e);
        u16le(&mut out, 0); // extra field length
        out.extend_from_slice(e.name.as_bytes());
        out.extend_from_slice(&e.data);
    }
    let cd_start = out.len() as u32;
    for (e, off) in entries.iter().zip(offsets) {
        u32le(&mut out, 0x0201_4b50);
        // Made by: Unix (3), ZIP 2.0, so the permissions below are read.
        u16le(&mut out, (3 << 8) | 20);
        header_fields(&mut out, e);
        u16le(&mut out, 0); // extra
        u16le(&mut out, 0); // comment
        u16le(&mut out, 0); // disk
        u16le(&mut out, 0); // internal attributes
        u32le(&mut out, 0o100644 << 16);
        u32le(&mut out, off);
        out.extend_from_slice(e.name.as_bytes());
    }
    let cd_len = out.len() as u32 - cd_start;
    u32le(&mut out, 0x0605_4b50);
    u16le(&mut out, 0);
    u16le(&mut out, 0);
    u16le(&mut out, entries.len() as u16);
    u16le(&mut out, entries.len() as u16);
    u32le(&mut out, cd_len);
    u32le(&mut out, cd_start);
    u16le(&mut out, 0);
    out
}

/// Version needed … name length: the fields local and central headers share.
fn header_fields(out: &mut Vec<u8>, e: &Entry) {
    u16le(out, 20);
    // Bit 11: the name is UTF-8 (ours are ASCII, a copied one may not be).
    u16le(out, if e.name.is_ascii() { 0 } else { 1 << 11 });
    u16le(out, e.method);
    u16le(out, 0);
    u16le(out, DOS_DATE);
    u32le(out, e.crc);
    u32le(out, e.data.len() as u32);
    u32le(out, e.size);
    u16le(out, e.name.len() as u16);
}

fn u16le(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}
fn u32le(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

/// Reads every entry of an archive, compressed bytes as they are, in the
/// order of its central directory.
pub fn read(zip: &[u8]) -> Result<Vec<Entry>, ZipError> {
    let u16at = |i: usize| -> Result<u16, ZipError> {
        zip.get(i..i + 2)
            .map(|b| u16::from_le_bytes([b[0], b[1]]))
            .ok_or(ZipError::NotZip)
    };
    let u32at = |i: usize| -> Result<u32, ZipError> {
        zip.get(i..i + 4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .ok_or(ZipError::NotZip)
    };
    // The end record is the last 22 bytes, or earlier by a comment.
    let min = zip.len().checked_sub(22).ok_or(ZipError::NotZip)?;
    let eocd = (min.saturating_sub(0xFFFF)..=min)
        .rev()
        .find(|&i| u32at(i) == Ok(0x0605_4b50))
        .ok_or(ZipError::NotZip)?;
    let count = u16at(eocd + 10)? as usize;
    let mut at = u32at(eocd + 16)? as usize;
    if count == 0xFFFF || at == 0xFFFF_FFFF_usize {
        return Err(ZipError::Zip64);
    }
    let mut entries = Vec::with_capacity(count);
    for _ in 0..count {
        if u32at(at)? != 0x0201_4b50 {
            return Err(ZipError::NotZip);
        }
        let method = u16at(at + 10)?;
        let crc = u32at(at + 16)?;
        let csize = u32at(at + 20)? as usize;
        let size = u32at(at + 24)?;
        let nlen = u16at(at + 28)? as usize;
        let xlen = u16at(at + 30)? as usize;
        let clen = u16at(at + 32)? as usize;
        let local = u32at(at + 42)? as usize;
        if csize == 0xFFFF_FFFF || local == 0xFFFF_FFFF {
            return Err(ZipError::Zip64);
        }
        let name = zip.get(at + 46..at + 46 + nlen).ok_or(ZipError::NotZip)?;
        let name = String::from_utf8_lossy(name).into_owned();
        if u32at(local)? != 0x0403_4b50 {
            return Err(ZipError::NotZip);
        }
        let start = local + 30 + u16at(local + 26)? as usize + u16at(local + 28)? as usize;
        let data = zip
            .get(start..start + csize)
            .ok_or(ZipError::NotZip)?
            .to_vec();
        entries.push(Entry {
            name,
            crc,
            size,
            method,
            data,
        });
        at += 46 + nlen + xlen + clen;
    }
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_what_it_reads_and_dates_nothing() {
        let big = "Cộng hòa xã hội chủ nghĩa Việt Nam. ".repeat(40);
        let a = Entry::new("[Content_Types].xml", b"<Types/>");
        let b = Entry::new("word/document.xml", big.as_bytes());
        assert_eq!(a.method, STORED);
        assert_eq!(b.method, DEFLATED);
        assert!(b.data.len() < big.len() / 4);
        let zip = write(&[&a, &b]);
        let back = read(&zip).unwrap();
        assert_eq!(back, vec![a.clone(), b.clone()]);
        assert_eq!(back[1].bytes().unwrap(), big.as_bytes());
        // Same entries, same bytes.
        assert_eq!(zip, write(&[&a, &b]));
    }

    #[test]
    fn damaged_archives_are_errors() {
        assert_eq!(read(b"PK"), Err(ZipError::NotZip));
        let b = Entry::new("word/document.xml", "x".repeat(1000).as_bytes());
        let mut zip = write(&[&b]);
        let n = zip.len();
        zip.truncate(n - 30);
        assert!(read(&zip).is_err());
        let mut e = b.clone();
        e.crc ^= 1;
        assert_eq!(
            e.bytes(),
            Err(ZipError::Corrupt("word/document.xml".into()))
        );
    }
}
