//! What .docx and .xlsx share: XML text escaping, the package's fixed parts, and a small zip
//! writer (deflate from `miniz_oxide`, CRC-32, no timestamps so the same input gives the
//! same bytes).
//!
//! Both formats are written as XML text directly. A document builder (docx-rs,
//! rust_xlsxwriter) costs hundreds of kilobytes of wasm for the few elements a 公文 report and
//! a 自评表 use; this is a few kilobytes, and every element it writes is one we chose.

/// `text` escaped for XML character data or an attribute value, control characters cleaned.
pub fn esc(out: &mut String, text: &str) {
    for c in crate::base::text::clean(text).chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

/// The XML declaration every part starts with.
pub const DECL: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;

const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// One part of a package: its name, its content type after `application/vnd.openxmlformats-`
/// (`None` for a relationships part, typed by its extension), and its bytes.
pub type Part<'a> = (&'a str, Option<&'a str>, &'a [u8]);

/// `[Content_Types].xml`: the type of every part that has one.
fn content_types(parts: &[Part]) -> String {
    let mut s = format!(
        r#"{DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml" /><Default Extension="xml" ContentType="application/xml" />"#
    );
    for (name, kind, _) in parts {
        if let Some(kind) = kind {
            s.push_str(&format!(
                r#"<Override PartName="/{name}" ContentType="application/vnd.openxmlformats-{kind}" />"#
            ));
        }
    }
    s.push_str("</Types>");
    s
}

/// A relationships part: `(id, type, target)`, the type in full.
fn relationships<'a>(list: impl IntoIterator<Item = (&'a str, String, &'a str)>) -> String {
    let mut s = format!(
        r#"{DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
    );
    for (id, kind, target) in list {
        s.push_str(&format!(
            r#"<Relationship Id="{id}" Type="{kind}" Target="{target}" />"#
        ));
    }
    s.push_str("</Relationships>");
    s
}

/// A document's relationships part: `(id, type under officeDocument/2006/relationships/,
/// target)`.
pub fn rels(list: &[(&str, &str, &str)]) -> String {
    relationships(
        list.iter()
            .map(|(id, kind, target)| (*id, format!("{REL}/{kind}"), *target)),
    )
}

/// `docProps/core.xml` with the title (no dates: the same draft gives the same bytes) and
/// `docProps/app.xml`.
fn doc_props(title: &str) -> (String, String) {
    let mut core = format!(
        r#"{DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>"#
    );
    esc(&mut core, title);
    core.push_str("</dc:title><dc:creator>绩效自评</dc:creator></cp:coreProperties>");
    let app = format!(
        r#"{DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>绩效自评 (selfeval)</Application></Properties>"#
    );
    (core, app)
}

/// A whole package titled `title`: `[Content_Types].xml` first, the package relationships
/// (to the first of `parts`, the document itself, and to the document properties), the
/// properties, then `parts` in order.
pub fn package(title: &str, parts: &[Part]) -> Vec<u8> {
    let (core, app) = doc_props(title);
    let all: Vec<Part> = [
        (
            "docProps/core.xml",
            Some("package.core-properties+xml"),
            core.as_bytes(),
        ),
        (
            "docProps/app.xml",
            Some("officedocument.extended-properties+xml"),
            app.as_bytes(),
        ),
    ]
    .into_iter()
    .chain(parts.iter().copied())
    .collect();
    let main = parts.first().map_or("", |p| p.0);
    // core properties are a package relationship, the others the office document's
    let package_rels = relationships([
        ("rId1", format!("{REL}/officeDocument"), main),
        (
            "rId2",
            "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
                .to_string(),
            "docProps/core.xml",
        ),
        (
            "rId3",
            format!("{REL}/extended-properties"),
            "docProps/app.xml",
        ),
    ]);
    let mut zip = Zip::default();
    zip.add("[Content_Types].xml", content_types(&all).as_bytes());
    zip.add("_rels/.rels", package_rels.as_bytes());
    for (name, _, bytes) in all {
        zip.add(name, bytes);
    }
    zip.finish()
}

/// The CRC-32 (IEEE) table, built at compile time.
const CRC_TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut n = 0;
    while n < 256 {
        let mut c = n as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
            k += 1;
        }
        table[n] = c;
        n += 1;
    }
    table
};

/// CRC-32 (IEEE), as zip wants it.
fn crc32(data: &[u8]) -> u32 {
    !data.iter().fold(!0u32, |c, b| {
        CRC_TABLE[((c ^ u32::from(*b)) & 0xFF) as usize] ^ (c >> 8)
    })
}

/// A zip archive in memory: deflated entries, UTF-8 names, the DOS date 1980-01-01.
#[derive(Default)]
pub struct Zip {
    out: Vec<u8>,
    central: Vec<u8>,
    count: u16,
}

impl Zip {
    pub fn add(&mut self, name: &str, data: &[u8]) {
        let packed = miniz_oxide::deflate::compress_to_vec(data, 6);
        let crc = crc32(data);
        let offset = self.out.len() as u32;
        // the fields both headers share, from "version needed" to the name's length
        let mut common = Vec::with_capacity(26);
        for v in [20u16, 0x0800, 8, 0, 0x0021] {
            common.extend_from_slice(&v.to_le_bytes());
        }
        for v in [crc, packed.len() as u32, data.len() as u32] {
            common.extend_from_slice(&v.to_le_bytes());
        }
        common.extend_from_slice(&(name.len() as u16).to_le_bytes());
        common.extend_from_slice(&0u16.to_le_bytes()); // extra field length

        self.out.extend_from_slice(&0x0403_4B50u32.to_le_bytes());
        self.out.extend_from_slice(&common);
        self.out.extend_from_slice(name.as_bytes());
        self.out.extend_from_slice(&packed);

        self.central
            .extend_from_slice(&0x0201_4B50u32.to_le_bytes());
        self.central.extend_from_slice(&20u16.to_le_bytes()); // made by
        self.central.extend_from_slice(&common);
        // comment length, disk, internal and external attributes, the local header's offset
        self.central.extend_from_slice(&[0; 10]);
        self.central.extend_from_slice(&offset.to_le_bytes());
        self.central.extend_from_slice(name.as_bytes());
        self.count += 1;
    }

    pub fn finish(mut self) -> Vec<u8> {
        let at = self.out.len() as u32;
        let size = self.central.len() as u32;
        self.out.append(&mut self.central);
        self.out.extend_from_slice(&0x0605_4B50u32.to_le_bytes());
        self.out.extend_from_slice(&[0; 4]); // this disk, the directory's disk
        self.out.extend_from_slice(&self.count.to_le_bytes());
        self.out.extend_from_slice(&self.count.to_le_bytes());
        self.out.extend_from_slice(&size.to_le_bytes());
        self.out.extend_from_slice(&at.to_le_bytes());
        self.out.extend_from_slice(&0u16.to_le_bytes()); // comment length
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_of_the_check_string() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn the_zip_reads_back() {
        let mut z = Zip::default();
        z.add("a.xml", "<a>甲乙</a>".repeat(100).as_bytes());
        z.add("dir/b.txt", b"");
        let bytes = z.finish();
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        assert_eq!(archive.len(), 2);
        let mut s = String::new();
        std::io::Read::read_to_string(&mut archive.by_name("a.xml").unwrap(), &mut s).unwrap();
        assert_eq!(s, "<a>甲乙</a>".repeat(100));
        assert_eq!(archive.by_name("dir/b.txt").unwrap().size(), 0);
    }

    #[test]
    fn text_is_escaped_and_cleaned() {
        let mut s = String::new();
        esc(&mut s, "<b>\"R&D\"\u{2}</b>");
        assert_eq!(s, "&lt;b&gt;&quot;R&amp;D&quot;&lt;/b&gt;");
    }
}
