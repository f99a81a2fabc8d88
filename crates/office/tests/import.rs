//! Importing Word reports and Excel 自评表 as drafts, from files laid out the way Word, WPS
//! and the bureaus' templates lay them out (built here as their XML), and this app's own
//! exports read back.

use std::io::Write;

use selfeval_core::app::import::Imported;
use selfeval_core::{evaluate, sample, Pack};
use selfeval_office::import_file;

fn pack() -> Pack {
    Pack::builtin_by_id("self-eval-10-90").unwrap()
}

fn import(bytes: &[u8], name: &str) -> Result<Imported, String> {
    import_file(bytes, name, &pack().to_json(), &Default::default())
}

/// A zip of `parts` (name, text), deflated as Word and Excel write them.
fn zip(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut out);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in parts {
        z.start_file(*name, opts).unwrap();
        z.write_all(text.as_bytes()).unwrap();
    }
    z.finish().unwrap();
    out.into_inner()
}

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

/// A .docx whose body is `body` (w:p and w:tbl elements) and styles `styles`.
fn docx(body: &str, styles: &str) -> Vec<u8> {
    let doc = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{body}<w:sectPr/></w:body></w:document>"#
    );
    let styles =
        format!(r#"<?xml version="1.0" encoding="UTF-8"?><w:styles {W}>{styles}</w:styles>"#);
    zip(&[
        ("[Content_Types].xml", "<Types/>"),
        ("word/document.xml", &doc),
        ("word/styles.xml", &styles),
        (
            "word/footer1.xml",
            &format!("<w:ftr {W}><w:p><w:r><w:t>第 1 页</w:t></w:r></w:p></w:ftr>"),
        ),
    ])
}

/// A paragraph of plain runs; `**…**` marks bold.
fn p(text: &str) -> String {
    let mut out = String::from("<w:p>");
    for (i, part) in text.split("**").enumerate() {
        if part.is_empty() {
            continue;
        }
        let b = if i % 2 == 1 {
            "<w:rPr><w:rFonts w:eastAsia=\"黑体\"/><w:b/></w:rPr>"
        } else {
            ""
        };
        out.push_str(&format!(
            "<w:r>{b}<w:t xml:space=\"preserve\">{}</w:t></w:r>",
            esc(part)
        ));
    }
    out + "</w:p>"
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn styled(style: &str, text: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:pStyle w:val="{style}"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>{}</w:t></w:r></w:p>"#,
        esc(text)
    )
}

/// A table: each cell "text", or "text|span=N", "|vmerge" (continues the cell above).
fn table(rows: &[&[&str]]) -> String {
    let mut out = String::from("<w:tbl>");
    for r in rows {
        out.push_str("<w:tr>");
        for c in r.iter() {
            let (text, opts) = c.split_once('|').unwrap_or((c, ""));
            let mut pr = String::new();
            if let Some(n) = opts.strip_prefix("span=") {
                pr.push_str(&format!(r#"<w:gridSpan w:val="{n}"/>"#));
            }
            if opts == "vmerge" {
                pr.push_str("<w:vMerge/>");
            }
            if opts == "restart" {
                pr.push_str(r#"<w:vMerge w:val="restart"/>"#);
            }
            out.push_str(&format!("<w:tc><w:tcPr>{pr}</w:tcPr>{}</w:tc>", p(text)));
        }
        out.push_str("</w:tr>");
    }
    out + "</w:tbl>"
}

#[test]
fn this_apps_own_docx_comes_back_as_the_same_draft() {
    let r = sample();
    let pk = Pack::builtin_by_id(&r.pack_id).unwrap();
    let e = evaluate(&r, &pk);
    let bytes = selfeval_core::export::docx::docx(&r, &e);
    let got = import_file(
        &bytes,
        "黄埔区人大办2021.docx",
        &pk.to_json(),
        &Default::default(),
    )
    .unwrap();
    let g = &got.report;
    assert_eq!(g.unit.name, r.unit.name, "{:?}", got.missed);
    assert_eq!(g.unit.year, r.unit.year);
    let titles = |x: &selfeval_core::Report| {
        x.sections
            .iter()
            .map(|s| (s.level, s.title.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(titles(g), titles(&r));
    for (a, b) in g.sections.iter().zip(&r.sections) {
        if !b.text.trim().is_empty() {
            assert_eq!(a.text, b.text, "section {}", b.title);
        }
    }
    let ge = evaluate(g, &pk);
    assert_eq!(ge.budget.total.budget, e.budget.total.budget, "{:#?}", got);
    assert_eq!(ge.budget.total.executed, e.budget.total.executed);
    assert_eq!(g.indicators.len(), r.indicators.len());
    assert_eq!(ge.total, e.total, "{:#?}", got.missed);
}

#[test]
fn this_apps_own_xlsx_comes_back_with_its_figures() {
    let r = sample();
    let pk = Pack::builtin_by_id(&r.pack_id).unwrap();
    let e = evaluate(&r, &pk);
    let sheet = selfeval_core::report::sheet::sheet(&r, &e);
    let bytes = selfeval_core::export::xlsx::sheet_xlsx(&sheet).unwrap();
    let got = import_file(&bytes, "自评表.xlsx", &pk.to_json(), &Default::default()).unwrap();
    let g = &got.report;
    let ge = evaluate(g, &pk);
    assert_eq!(g.unit.year, r.unit.year, "{:#?}", got.missed);
    assert_eq!(ge.budget.total.budget, e.budget.total.budget, "{:#?}", got);
    assert_eq!(ge.budget.total.executed, e.budget.total.executed);
    assert_eq!(g.indicators.len(), r.indicators.len(), "{:#?}", got.missed);
    for (a, b) in g.indicators.iter().zip(&r.indicators) {
        assert_eq!(a.level3, b.level3);
        assert_eq!(a.weight, b.weight);
    }
    assert_eq!(ge.total, e.total, "{:#?}", got.missed);
}

/// A report typed as most are: numbers in the text, 黑体 and bold with no heading style, a
/// cover block, a 基本情况 form with merged value cells, a budget table in 元, an indicator
/// table with 一级/二级 merged down, a table of contents and a footer.
#[test]
fn a_report_numbered_in_its_text_becomes_the_outline_and_the_blocks() {
    let body = [
        p("某某市某某局2023年度部门整体支出绩效自评报告"),
        p("部门(单位)名称：某某市某某局"),
        p("预算编码：123001"),
        p("报告日期：2024年3月31日"),
        p("目  录"),
        p("一、基本情况……………………1"),
        p("**一、基本情况**"),
        p("**（一）部门职能**"),
        p("主要负责全市某某工作。本局核定编制32人，年末实有在职人员30人。"),
        table(&[
            &["联系人", "张三", "联络电话", "020-12345678"],
            &["职能职责概述", "负责全市某某事务的管理|span=3"],
        ]),
        p("(二)年度重点工作任务"),
        p("**一是抓好某某工作。**全年完成检查120次。"),
        p("二是做好某某服务。"),
        p("单位：元"),
        table(&[
            &["项目", "年初预算数", "全年预算数", "全年执行数", "执行率"],
            &["合计", "12,000,000", "12,500,000", "12,250,000", "98%"],
            &[
                "财政拨款",
                "10,000,000",
                "10,500,000",
                "10,300,000",
                "98.1%",
            ],
            &["其他资金", "2,000,000", "2,000,000", "1,950,000", "97.5%"],
        ]),
        p("二、绩效自评情况"),
        p("1.产出指标完成情况"),
        p("1.5万元的经费用于培训，共培训3期。"),
        table(&[
            &[
                "一级指标",
                "二级指标",
                "三级指标",
                "指标性质",
                "计量单位",
                "年初指标值",
                "实际完成值",
                "分值",
                "得分",
                "偏差原因",
                "备注",
            ],
            &[
                "产出指标|restart",
                "数量指标|restart",
                "检查次数",
                "≥",
                "次",
                "100",
                "120",
                "20",
                "20",
                "",
                "",
            ],
            &[
                "|vmerge",
                "|vmerge",
                "培训期数",
                "≥",
                "期",
                "4",
                "3",
                "20",
                "15",
                "疫情影响",
                "",
            ],
            &[
                "|vmerge",
                "质量指标",
                "检查合格率",
                "≥",
                "%",
                "95%",
                "96%",
                "20",
                "20",
                "",
                "",
            ],
            &[
                "效益指标",
                "满意度指标",
                "服务对象满意度",
                "定性",
                "",
                "好",
                "较好",
                "20",
                "16",
                "",
                "",
            ],
            &[
                "预算执行",
                "预算执行",
                "预算执行率",
                "≥",
                "%",
                "100%",
                "98%",
                "20",
                "19.6",
                "",
                "",
            ],
            &["合计", "", "", "", "", "", "", "100", "90.6", "", ""],
        ]),
        p("2.效益指标完成情况"),
        p("社会效益明显。"),
        p("三、存在的问题和改进措施"),
        p("（一）存在问题"),
        p("绩效目标设置不够细化。"),
    ]
    .concat();
    let bytes = docx(&body, "");
    if let Ok(dir) = std::env::var("SELFEVAL_WRITE_FIXTURES") {
        std::fs::write(format!("{dir}/某某市某某局2023年自评报告.docx"), &bytes).unwrap();
    }
    let got = import(&bytes, "2023年自评报告.docx").unwrap();
    let r = &got.report;
    assert_eq!(r.unit.name, "某某市某某局");
    assert_eq!(r.unit.year, 2023);
    assert_eq!(r.unit.budget_code, "123001");
    assert_eq!(r.signoff.date, "2024年3月31日");
    assert_eq!(
        (r.unit.contact.as_str(), r.unit.phone.as_str()),
        ("张三", "020-12345678")
    );
    assert_eq!(r.unit.functions, "负责全市某某事务的管理");
    assert_eq!(
        (
            r.unit.staff_authorized.0.as_str(),
            r.unit.staff_actual.0.as_str()
        ),
        ("32", "30")
    );
    let outline: Vec<(u8, &str)> = r
        .sections
        .iter()
        .map(|s| (s.level, s.title.as_str()))
        .collect();
    assert_eq!(
        outline,
        [
            (1, "基本情况"),
            (2, "部门职能"),
            (2, "年度重点工作任务"),
            (1, "绩效自评情况"),
            (2, "产出指标完成情况"),
            (2, "效益指标完成情况"),
            (1, "存在的问题和改进措施"),
            (2, "存在问题"),
        ],
        "{:#?}",
        got
    );
    let tasks = &r.sections[2].text;
    assert_eq!(
        tasks,
        "**一是抓好某某工作。**全年完成检查120次。\n二是做好某某服务。\n单位：元"
    );
    assert!(
        r.sections[4].text.starts_with("1.5万元的经费"),
        "a figure is not a number"
    );
    // the budget in 元, as 万元; the 合计 row is not a source
    let e = evaluate(r, &pack());
    assert_eq!(e.budget.total.budget.to_string(), "1250");
    assert_eq!(e.budget.total.executed.to_string(), "1225");
    assert!(
        got.found.iter().any(|f| f.contains("已换算为万元")),
        "{:?}",
        got.found
    );
    // the indicator rows, 一级 and 二级 carried down their merged cells
    let ind: Vec<(&str, &str, &str)> = r
        .indicators
        .iter()
        .map(|i| (i.level1.as_str(), i.level2.as_str(), i.level3.as_str()))
        .collect();
    assert_eq!(ind[1], ("产出指标", "数量指标", "培训期数"));
    assert_eq!(ind[2], ("产出指标", "质量指标", "检查合格率"));
    assert_eq!(r.indicators.len(), 5);
    assert_eq!(r.indicators[1].reason, "疫情影响");
    // 预算执行率 is computed from the budget; the file's 98% kept as typed
    let rate = &r.indicators[4];
    assert_eq!(rate.link, Some(selfeval_core::model::Link::ExecutionRate));
    assert!(
        got.missed.iter().any(|m| m.contains("“备注”")),
        "{:?}",
        got.missed
    );
    // the footer's page number is not text
    assert!(!r.sections.iter().any(|s| s.text.contains("第 1 页")));
}

/// Heading styles with Word's automatic numbering (the number not in the text), WPS's
/// "标题 2" names, tracked changes (accepted), a text box and a table of contents field.
#[test]
fn heading_styles_with_automatic_numbering_and_tracked_changes() {
    let styles = r#"
        <w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
        <w:style w:type="paragraph" w:styleId="2"><w:name w:val="标题 2"/></w:style>
        <w:style w:type="paragraph" w:styleId="a3"><w:name w:val="我的三级"/><w:basedOn w:val="1"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>
        <w:style w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/></w:style>"#;
    let body = [
        p("2022年度部门整体支出绩效自评报告"),
        r#"<w:p><w:pPr><w:pStyle w:val="TOC1"/></w:pPr><w:r><w:t>基本情况</w:t></w:r><w:r><w:tab/><w:t>2</w:t></w:r></w:p>"#.to_string(),
        styled("1", "基本情况"),
        styled("2", "部门职能"),
        // inserted text is in, deleted text out
        r#"<w:p><w:ins><w:r><w:t>负责</w:t></w:r></w:ins><w:r><w:t>全区</w:t></w:r><w:del><w:r><w:delText>旧的</w:delText></w:r></w:del><w:r><w:t>财政工作。</w:t></w:r></w:p>"#.to_string(),
        styled("a3", "一、机构设置"),
        p("内设机构5个。"),
        r#"<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:t>正文含域结果</w:t></w:r></w:p>"#.to_string(),
        styled("1", "绩效自评情况"),
        p("总体良好。"),
    ]
    .concat();
    let got = import(&docx(&body, styles), "x.docx").unwrap();
    let r = &got.report;
    assert_eq!(r.unit.year, 2022);
    let outline: Vec<(u8, &str)> = r
        .sections
        .iter()
        .map(|s| (s.level, s.title.as_str()))
        .collect();
    assert_eq!(
        outline,
        [
            (1, "基本情况"),
            (2, "部门职能"),
            (3, "机构设置"),
            (1, "绩效自评情况")
        ],
        "{:#?}",
        got
    );
    assert_eq!(r.sections[1].text, "负责全区财政工作。");
    assert_eq!(r.sections[2].text, "内设机构5个。\n正文含域结果");
    assert!(got.missed.iter().any(|m| m.contains("未找到单位名称")));
}

#[test]
fn files_it_cannot_read_say_what_to_do() {
    let said = |bytes: &[u8], name: &str| import(bytes, name).unwrap_err();
    assert!(said(b"\xD0\xCF\x11\xE0rest", "去年报告.doc").contains("另存为” .docx"));
    assert!(said(b"\xD0\xCF\x11\xE0rest", "报告.wps").contains(".docx"));
    assert!(said(b"%PDF-1.7 ...", "报告.pdf").contains("PDF"));
    assert!(said(b"%PDF-1.7 ...", "报告").contains("PDF"));
    // an encrypted .docx is an OLE file holding the package
    assert!(said(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "加密.docx").contains("密码"));
    // a truncated .docx
    let whole = docx(&p("正文"), "");
    assert!(said(&whole[..whole.len() / 2], "半个.docx").contains("损坏"));
    assert!(said(b"just some text", "notes.xlsx").contains("损坏"));
    // a zip that is neither
    let other = zip(&[("hello.txt", "hi")]);
    assert!(said(&other, "a.zip").contains("不是 Word"));
    // an old binary file that is no workbook
    let fake_xls = [
        &[0xD0u8, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1][..],
        &[0u8; 600],
    ]
    .concat();
    assert!(said(&fake_xls, "表.xls").contains("无法读取"));
    // never the JSON reader's words
    for m in [said(b"\x00\x01", "x.docx"), said(b"garbage", "x.xls")] {
        assert!(!m.contains("line 1 column"), "{m}");
    }
}

#[test]
fn hostile_files_are_refused_without_reading_them_whole() {
    // a zip bomb: 130 MB of spaces in a few hundred KB
    let mut out = std::io::Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut out);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    z.start_file("word/document.xml", opts).unwrap();
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..130 {
        z.write_all(&chunk).unwrap();
    }
    z.finish().unwrap();
    let bomb = out.into_inner();
    assert!(bomb.len() < 2 << 20, "{}", bomb.len());
    let t = std::time::Instant::now();
    assert!(import(&bomb, "bomb.docx").unwrap_err().contains("过大"));
    assert!(t.elapsed().as_secs() < 2);
    // deeply nested XML
    let deep = format!("{}{}", "<w:p>".repeat(5000), "</w:p>".repeat(5000));
    assert!(import(&docx(&deep, ""), "deep.docx")
        .unwrap_err()
        .contains("嵌套过深"));
    // 100 000 rows: read up to the limit, said, in reasonable time
    let mut rows: Vec<Vec<&str>> = vec![vec!["三级指标", "指标值", "完成值", "分值"]];
    rows.extend(std::iter::repeat_n(
        vec!["检查次数", "#10", "#10", "#1"],
        100_000,
    ));
    let many = xlsx(&[("自评表", rows, vec![])]);
    let t = std::time::Instant::now();
    if let Ok(dir) = std::env::var("SELFEVAL_WRITE_FIXTURES") {
        std::fs::write(format!("{dir}/many.xlsx"), &many).unwrap();
    }
    let got = import(&many, "many.xlsx").unwrap();
    eprintln!(
        "100 000 rows: {} KB, read in {:?}",
        many.len() / 1024,
        t.elapsed()
    );
    assert_eq!(got.report.indicators.len(), 4999);
    assert!(
        got.missed.iter().any(|m| m.contains("只读取了前 5000 行")),
        "{:?}",
        got.missed
    );
    // more than the size limit
    let big = vec![b'P'; 31 << 20];
    assert!(
        import(&big, "big.docx").unwrap_err().contains("损坏")
            || import(&big, "big.docx").unwrap_err().contains("过大")
    );
}

/// A .xlsx of `sheets`: (name, rows, merged ranges like "A3:A5"). A cell "#0.76%" is the number
/// 0.76 shown with a % format, "#12" a number, anything else a string.
/// A sheet: its name, its rows of cells, its merged ranges.
type SheetSpec<'a> = (&'a str, Vec<Vec<&'a str>>, Vec<&'a str>);

fn xlsx(sheets: &[SheetSpec]) -> Vec<u8> {
    let col = |c: usize| ((b'A' + c as u8) as char).to_string();
    let mut parts: Vec<(String, String)> = Vec::new();
    let mut wb_sheets = String::new();
    let mut rels = String::new();
    for (n, (name, rows, merges)) in sheets.iter().enumerate() {
        let mut data = String::new();
        for (r, row) in rows.iter().enumerate() {
            data.push_str(&format!("<row r=\"{}\">", r + 1));
            for (c, cell) in row.iter().enumerate() {
                let at = format!("{}{}", col(c), r + 1);
                if cell.is_empty() {
                    continue;
                }
                match cell.strip_prefix('#') {
                    Some(num) if num.ends_with('%') => data.push_str(&format!(
                        "<c r=\"{at}\" s=\"1\"><v>{}</v></c>",
                        num.trim_end_matches('%')
                    )),
                    Some(num) => data.push_str(&format!("<c r=\"{at}\"><v>{num}</v></c>")),
                    None => data.push_str(&format!(
                        "<c r=\"{at}\" t=\"inlineStr\"><is><t>{}</t></is></c>",
                        esc(cell)
                    )),
                }
            }
            data.push_str("</row>");
        }
        let merge = if merges.is_empty() {
            String::new()
        } else {
            let m: String = merges
                .iter()
                .map(|m| format!("<mergeCell ref=\"{m}\"/>"))
                .collect();
            format!("<mergeCells count=\"{}\">{m}</mergeCells>", merges.len())
        };
        parts.push((
            format!("xl/worksheets/sheet{}.xml", n + 1),
            format!(r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{data}</sheetData>{merge}</worksheet>"#),
        ));
        wb_sheets.push_str(&format!(
            r#"<sheet name="{name}" sheetId="{}" r:id="rId{}"/>"#,
            n + 1,
            n + 1
        ));
        rels.push_str(&format!(
            r#"<Relationship Id="rId{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{}.xml"/>"#,
            n + 1,
            n + 1
        ));
    }
    let wb = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>{wb_sheets}</sheets></workbook>"#
    );
    let rels = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>"#
    );
    let styles = r#"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="176" formatCode="0.00%"/></numFmts><fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="176" applyNumberFormat="1"/></cellXfs></styleSheet>"#;
    let types = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"#;
    let mut all: Vec<(&str, &str)> = vec![
        ("[Content_Types].xml", types),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        ),
        ("xl/workbook.xml", &wb),
        ("xl/_rels/workbook.xml.rels", &rels),
        ("xl/styles.xml", styles),
    ];
    for (n, t) in &parts {
        all.push((n, t));
    }
    zip(&all)
}

/// The 自评表 as bureaus lay it out: a title row, header cells, the 部门预算执行情况 block with
/// labels merged over two rows, the 绩效目标 block, indicator rows under a two-line header with
/// 一级/二级 merged down, rates as numbers with a % format and as text, a second sheet.
#[test]
fn a_bureaus_self_evaluation_sheet_becomes_a_draft() {
    let rows: Vec<Vec<&str>> = vec![
        vec![
            "2023年度部门整体支出绩效自评表",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
        vec![
            "主管部门",
            "某某区财政局",
            "",
            "",
            "实施单位",
            "某某区财政局机关",
            "",
            "",
            "",
            "",
        ],
        vec![
            "联系人",
            "李四",
            "",
            "",
            "联系电话",
            "020-5555",
            "",
            "自评总分",
            "#88.5",
            "",
        ],
        vec![
            "部门预算执行情况（万元）",
            "",
            "年初预算数",
            "全年（调整）预算数",
            "全年执行数",
            "执行率权重",
            "执行率",
            "执行率得分",
            "",
            "",
        ],
        vec![
            "部门预算执行情况（万元）",
            "",
            "年初预算数",
            "全年（调整）预算数",
            "全年执行数",
            "执行率权重",
            "执行率",
            "执行率得分",
            "",
            "",
        ],
        vec![
            "部门预算执行情况（万元）",
            "年度资金总额",
            "#1200",
            "#1250",
            "#1225",
            "#10",
            "#0.98%",
            "#9.8",
            "",
            "",
        ],
        vec![
            "部门预算执行情况（万元）",
            "其中：财政拨款",
            "#1000",
            "#1050",
            "#1030",
            "",
            "",
            "",
            "",
            "",
        ],
        vec![
            "部门预算执行情况（万元）",
            "其他资金",
            "#200",
            "#200",
            "#195",
            "",
            "",
            "",
            "",
            "",
        ],
        vec![
            "当年绩效目标",
            "年初设定目标",
            "",
            "",
            "全年（调整）目标",
            "",
            "实际完成情况",
            "",
            "",
            "",
        ],
        vec![
            "当年绩效目标",
            "保障全区财政平稳运行",
            "",
            "",
            "保障全区财政平稳运行",
            "",
            "已完成",
            "",
            "",
            "",
        ],
        vec![
            "绩效指标",
            "一级指标",
            "二级指标",
            "三级指标",
            "指标值",
            "指标值",
            "全年完成值",
            "分值",
            "得分",
            "偏差原因",
        ],
        vec![
            "绩效指标",
            "一级指标",
            "二级指标",
            "三级指标",
            "年初",
            "全年（调整）",
            "全年完成值",
            "分值",
            "得分",
            "偏差原因",
        ],
        vec![
            "绩效指标",
            "产出指标",
            "数量指标",
            "审核项目数",
            "≥50个",
            "",
            "62个",
            "#20",
            "#20",
            "",
        ],
        vec![
            "绩效指标",
            "产出指标",
            "质量指标",
            "审核准确率",
            "#0.95%",
            "",
            "#0.97%",
            "#20",
            "#20",
            "",
        ],
        vec![
            "绩效指标",
            "产出指标",
            "时效指标",
            "按时完成率",
            "≥95%",
            "",
            "90%",
            "#20",
            "#20",
            "个别项目延期",
        ],
        vec![
            "绩效指标",
            "效益指标",
            "满意度指标",
            "服务对象满意度",
            "高",
            "",
            "较高",
            "#20",
            "#16",
            "",
        ],
        vec![
            "绩效指标",
            "预算执行",
            "预算执行",
            "预算执行率",
            "100%",
            "",
            "#0.98%",
            "#20",
            "#19.6",
            "",
        ],
        vec!["总分", "", "", "", "", "", "", "#100", "#95.6", ""],
    ];
    let merges = vec![
        "A1:J1", "A4:B5", "C4:C5", "D4:D5", "E4:E5", "A6:A8", "A9:A10", "A11:A17", "B11:B12",
        "C11:C12", "D11:D12", "E11:F11", "B13:B15",
    ];
    let notes: Vec<Vec<&str>> = vec![vec!["填表说明"], vec!["1. 金额单位为万元"]];
    let bytes = xlsx(&[("填表说明", notes, vec![]), ("自评表", rows, merges)]);
    // the e2e suite drops this same file on the drafts list (e2e/fixtures)
    if let Ok(dir) = std::env::var("SELFEVAL_WRITE_FIXTURES") {
        std::fs::write(format!("{dir}/某某区财政局自评表.xlsx"), &bytes).unwrap();
    }
    let got = import(&bytes, "某某区财政局自评表.xlsx").unwrap();
    let r = &got.report;
    assert_eq!(r.unit.year, 2023, "{:#?}", got);
    assert_eq!(r.unit.supervisor, "某某区财政局");
    assert_eq!(r.unit.name, "某某区财政局机关");
    assert_eq!(
        (r.unit.contact.as_str(), r.unit.phone.as_str()),
        ("李四", "020-5555")
    );
    let e = evaluate(r, &pack());
    assert_eq!(e.budget.total.budget.to_string(), "1250", "{:#?}", r.budget);
    assert_eq!(e.budget.total.executed.to_string(), "1225");
    assert_eq!(r.goals.len(), 1);
    assert_eq!(r.goals[0].initial, "保障全区财政平稳运行");
    assert_eq!(r.goals[0].actual, "已完成");
    let names: Vec<&str> = r.indicators.iter().map(|i| i.level3.as_str()).collect();
    assert_eq!(
        names,
        [
            "审核项目数",
            "审核准确率",
            "按时完成率",
            "服务对象满意度",
            "预算执行率"
        ]
    );
    let i = &r.indicators;
    assert_eq!(
        (i[0].level1.as_str(), i[0].level2.as_str()),
        ("产出指标", "数量指标")
    );
    assert_eq!(
        (i[0].target.0.as_str(), i[0].actual.0.as_str()),
        ("≥50个", "62个")
    );
    assert_eq!(
        (i[1].target.0.as_str(), i[1].actual.0.as_str()),
        ("95%", "97%"),
        "a % format reads as a percentage"
    );
    assert_eq!(i[2].reason, "个别项目延期");
    // 按时完成率: 90 of 95 by the rule is 18.95, the file says 20: the file's score stands
    assert_eq!(i[2].rule, selfeval_core::Rule::Manual);
    assert_eq!(i[2].manual_score.0, "20");
    assert!(
        got.missed
            .iter()
            .any(|m| m.contains("按时完成率") && m.contains("文件中的得分 20")),
        "{:?}",
        got.missed
    );
    assert_eq!(i[4].link, Some(selfeval_core::model::Link::ExecutionRate));
    assert!(
        got.missed.iter().any(|m| m.contains("填表说明")),
        "the other sheet is named"
    );
    // the published total stays the total, whichever framework the draft is made under
    assert_eq!(e.total.to_string(), "95.60", "{:#?}", got.missed);
    for pk in Pack::builtin() {
        let got = import_file(&bytes, "自评表.xlsx", &pk.to_json(), &Default::default()).unwrap();
        let e = evaluate(&got.report, &pk);
        assert_eq!(
            e.total.to_string(),
            "95.60",
            "under {}: {:#?}",
            pk.id,
            got.missed
        );
    }
}

/// A column the importer does not know is the user's to place; the choice holds for the next
/// file with the same header.
#[test]
fn a_column_the_user_places_is_read_into_that_column() {
    let body = table(&[
        &["三级指标", "指标值", "完成值", "分值", "情况说明"],
        &["检查次数", "≥100次", "90次", "50", "人手不足"],
        &["合格率", "≥95%", "96%", "50", ""],
    ]);
    let bytes = docx(&body, "");
    if let Ok(dir) = std::env::var("SELFEVAL_WRITE_FIXTURES") {
        std::fs::write(format!("{dir}/带说明列的指标表.docx"), &bytes).unwrap();
    }
    let first = import(&bytes, "a.docx").unwrap();
    assert_eq!(first.unplaced, ["情况说明"]);
    assert!(first.missed.iter().any(|m| m.contains("“情况说明”")));
    assert_eq!(first.report.indicators[0].reason, "");
    let mut choices = selfeval_core::app::import::Choices::new();
    choices.insert("情况说明".into(), "reason".into());
    let placed = import_file(&bytes, "a.docx", &pack().to_json(), &choices).unwrap();
    assert!(placed.unplaced.is_empty());
    assert_eq!(placed.report.indicators[0].reason, "人手不足");
    assert!(!placed.missed.iter().any(|m| m.contains("“情况说明”")));
    // "not imported" is a choice too: no longer asked
    choices.insert("情况说明".into(), String::new());
    let skipped = import_file(&bytes, "a.docx", &pack().to_json(), &choices).unwrap();
    assert!(skipped.unplaced.is_empty());
    assert_eq!(skipped.report.indicators[0].reason, "");
}
