//! An Office file's zip package, opened with limits: a part is read only up to what its
//! header declares and the whole package to [`limits::UNPACKED_BYTES`], so a zip bomb is
//! refused before it fills the memory.

use std::io::{Cursor, Read};

use selfeval_core::file::office::limits;

pub struct Package<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
}

/// Why a file is not a readable package, in the user's words.
pub fn damaged() -> String {
    "文件已损坏或不完整，无法读取：请在 Word/WPS/Excel 中打开确认，另存后再导入".into()
}

impl<'a> Package<'a> {
    pub fn open(bytes: &'a [u8]) -> Result<Package<'a>, String> {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| damaged())?;
        if zip.len() > 20_000 {
            return Err(too_big());
        }
        let mut total: u64 = 0;
        for i in 0..zip.len() {
            let f = zip.by_index_raw(i).map_err(|_| damaged())?;
            total = total.saturating_add(f.size());
            if f.encrypted() {
                return Err(locked());
            }
        }
        if total > limits::UNPACKED_BYTES {
            return Err(too_big());
        }
        Ok(Package { zip })
    }

    pub fn has(&self, name: &str) -> bool {
        self.zip.index_for_name(name).is_some()
    }

    /// A part's text; `None` when the package has no such part.
    pub fn text(&mut self, name: &str) -> Result<Option<String>, String> {
        let mut f = match self.zip.by_name(name) {
            Ok(f) => f,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(_) => return Err(damaged()),
        };
        let declared = f.size();
        if declared > limits::UNPACKED_BYTES {
            return Err(too_big());
        }
        let mut out = Vec::with_capacity(declared.min(16 << 20) as usize);
        // never more than declared, whatever the deflate stream says
        (&mut f)
            .take(declared + 1)
            .read_to_end(&mut out)
            .map_err(|_| damaged())?;
        if out.len() as u64 > declared {
            return Err(too_big());
        }
        String::from_utf8(out).map(Some).map_err(|_| damaged())
    }
}

pub fn too_big() -> String {
    "文件解压后过大（可能是损坏或恶意构造的文件），已拒绝读取".into()
}

pub fn locked() -> String {
    "文件设有打开密码（已加密），无法读取：请在 Word/WPS/Excel 中打开，取消密码后另存，再导入"
        .into()
}
