//! The report as one self-contained HTML file: inline CSS, inline SVG charts, no external
//! resource, laid out like the .docx and ready for print-to-PDF. It embeds the draft file in a
//! `<script type="application/json">` block, so the report can be imported back as a draft.

use crate::base::text::escape;
use crate::file::draft::{self, DRAFT_SCRIPT_ID};
use crate::model::Report;
use crate::report::chart::{budget_chart, score_chart};
use crate::report::document::{document, Block, Run};
use crate::scoring::Evaluation;

/// Shared by the exported file and the app's print view.
pub const REPORT_CSS: &str = r#"
@page { size: A4; margin: 37mm 26mm 35mm 28mm; @bottom-center { content: "— " counter(page) " —"; font-family: "SimSun", "宋体", serif; font-size: 14pt; } }
body { margin: 0; background: #f4f5f7; }
.doc { max-width: 156mm; margin: 24px auto; padding: 24mm 22mm; background: #fff; box-shadow: 0 1px 4px rgba(0,0,0,.12);
  font-family: "FangSong_GB2312", "仿宋_GB2312", "FangSong", "仿宋", "STFangsong", "Noto Serif CJK SC", serif; font-size: 16pt; line-height: 28pt; color: #000; }
.doc-title { font-family: "FZXiaoBiaoSong-B05S", "方正小标宋简体", "SimSun", "宋体", "Songti SC", "Noto Serif CJK SC", serif; font-size: 22pt; line-height: 1.5; font-weight: normal; text-align: center; margin: 0 0 28pt; }
.doc h2, .doc h3, .doc h4 { font-size: 16pt; line-height: 28pt; margin: 0; text-indent: 2em; page-break-after: avoid; break-after: avoid; }
.doc h2 { font-family: "SimHei", "黑体", "Heiti SC", "Noto Sans CJK SC", sans-serif; font-weight: normal; }
.doc h3 { font-family: "KaiTi_GB2312", "楷体_GB2312", "KaiTi", "楷体", "Kaiti SC", serif; font-weight: normal; }
.doc h4 { font-weight: bold; }
.doc p { margin: 0; text-indent: 2em; text-align: justify; }
.doc .appendix { font-family: "SimHei", "黑体", sans-serif; text-align: center; margin: 28pt 0 8pt; page-break-before: always; break-before: page; font-size: 16pt; }
.doc table { width: 100%; border-collapse: collapse; table-layout: fixed; font-size: 10.5pt; line-height: 1.4; margin: 6pt 0 14pt; page-break-inside: auto; }
.doc caption { font-family: "SimHei", "黑体", sans-serif; font-size: 14pt; text-align: left; padding: 4pt 0; }
.doc th, .doc td { border: 1px solid #000; padding: 2pt 3pt; text-align: center; vertical-align: middle; word-break: break-all; }
.doc thead { display: table-header-group; }
.doc tr { page-break-inside: avoid; break-inside: avoid; }
.doc tr.total td { font-weight: bold; }
.doc td.num { white-space: nowrap; word-break: normal; font-variant-numeric: tabular-nums; }
.doc .annex { page: annex; }
.doc .annex table { table-layout: auto; }
@page annex { size: A4 landscape; margin: 25mm 20mm 20mm 20mm; }
.doc .signoff { display: flex; flex-wrap: wrap; gap: 4pt 24pt; margin-top: 28pt; font-size: 14pt; }
.doc .charts { display: flex; flex-direction: column; gap: 12pt; margin: 14pt 0; align-items: center; }
.doc .charts svg { max-width: 100%; height: auto; }
@media print { body { background: #fff; } .doc { margin: 0; padding: 0; max-width: none; box-shadow: none; } .doc .charts { break-inside: avoid; } }
"#;

fn runs(runs: &[Run]) -> String {
    runs.iter()
        .map(|r| match r {
            Run::Text(t) => escape(t),
            Run::Bold(t) => format!("<b>{}</b>", escape(t)),
        })
        .collect()
}

/// The report body (the `<article>`), shared by the file and the print view.
pub fn article(report: &Report, eval: &Evaluation) -> String {
    let mut out = String::from("<article class=\"doc\">");
    let mut annex = false;
    for block in document(report, eval) {
        match block {
            Block::Title(t) => {
                out.push_str(&format!("<h1 class=\"doc-title\">{}</h1>", escape(&t)))
            }
            Block::Heading {
                level,
                number,
                text,
                ..
            } => {
                let tag = match level {
                    1 => "h2",
                    2 => "h3",
                    _ => "h4",
                };
                out.push_str(&format!(
                    "<{tag}>{}{}</{tag}>",
                    escape(&number),
                    escape(&text)
                ));
            }
            Block::Paragraph(r) => out.push_str(&format!("<p>{}</p>", runs(&r))),
            Block::Appendix(t) => {
                // the 附表 prints on landscape pages (CSS named page `annex`)
                out.push_str("<section class=\"annex\">");
                annex = true;
                out.push_str(&format!("<div class=\"appendix\">{}</div>", escape(&t)));
                out.push_str(&format!(
                    "<div class=\"charts\">{}{}</div>",
                    budget_chart(report, eval),
                    score_chart(eval)
                ));
            }
            Block::Table(t) => {
                out.push_str(&format!(
                    "<table><caption>{}</caption><colgroup>",
                    escape(&t.caption)
                ));
                for w in &t.widths {
                    // per mille as a percentage to a tenth
                    out.push_str(&format!("<col style=\"width:{}.{}%\">", w / 10, w % 10));
                }
                out.push_str("</colgroup><thead><tr>");
                for h in &t.header {
                    out.push_str(&format!("<th>{}</th>", escape(h)));
                }
                out.push_str("</tr></thead><tbody>");
                for r in &t.rows {
                    let class = if r.total { " class=\"total\"" } else { "" };
                    out.push_str(&format!("<tr{class}>"));
                    for c in &r.cells {
                        // a figure never wraps
                        let class = if c.is_figure() { " class=\"num\"" } else { "" };
                        out.push_str(&format!("<td{class}>{}</td>", escape(&c.shown())));
                    }
                    out.push_str("</tr>");
                }
                out.push_str("</tbody></table>");
            }
            Block::Signoff(fields) => {
                out.push_str("<div class=\"signoff\">");
                for (label, value) in fields {
                    out.push_str(&format!(
                        "<span>{}：{}</span>",
                        escape(&label),
                        if value.trim().is_empty() {
                            "＿＿＿＿＿＿".to_string()
                        } else {
                            escape(&value)
                        }
                    ));
                }
                out.push_str("</div>");
            }
        }
    }
    if annex {
        out.push_str("</section>");
    }
    out.push_str("</article>");
    out
}

/// JSON that is safe inside a `<script>` element: no `<`, `>` or `&` can close it early
/// (inside JSON strings these become `\u003c` etc., which read back the same).
fn script_safe_json(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
        // non-characters serde_json leaves raw (they are not allowed in a document)
        .replace('\u{FFFE}', "\\ufffe")
        .replace('\u{FFFF}', "\\uffff")
}

/// The whole self-contained file.
pub fn html(report: &Report, eval: &Evaluation) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"selfeval\">\n<title>{title}</title>\n<style>{css}</style>\n</head>\n<body>\n{article}\n<script type=\"application/json\" id=\"{DRAFT_SCRIPT_ID}\">{json}</script>\n</body>\n</html>\n",
        title = escape(&report.title()),
        css = REPORT_CSS,
        article = article(report, eval),
        json = script_safe_json(&draft::to_json(report)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::file::draft::{draft_from_html, DraftError};
    use crate::{evaluate, sample, Pack};

    fn render(r: &Report) -> String {
        let pack = Pack::builtin_by_id(&r.pack_id).unwrap();
        html(r, &evaluate(r, &pack))
    }

    #[test]
    fn the_file_is_self_contained_and_reimports_as_the_same_draft() {
        let r = sample();
        let page = render(&r);
        assert!(page.starts_with("<!DOCTYPE html>"));
        // the only URL is the SVG namespace name, which is never fetched
        let without_ns = page.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
        for external in ["src=", "href=", "@import", "url(", "http:", "https:"] {
            assert!(!without_ns.contains(external), "{external}");
        }
        assert!(page.contains("全年预算数 4051.83 万元，执行数 3990.84 万元，完成预算的 98.49%。"));
        assert!(page.contains("<h2>一、基本情况</h2>"));
        assert_eq!(draft_from_html(&page).unwrap(), r);
    }

    #[test]
    fn hostile_text_comes_out_literally() {
        let mut r = sample();
        let hostile = "<script>alert(1)</script> ]]> & \"引号\" </script><!--";
        r.sections[1].text = hostile.into();
        r.sections[1].title = hostile.into();
        r.unit.name = hostile.into();
        let page = render(&r);
        assert!(!page.contains("<script>alert(1)"));
        assert!(
            page.contains("&lt;script&gt;alert(1)&lt;/script&gt; ]]&gt; &amp; &quot;引号&quot;")
        );
        // exactly one script element: the draft; nothing the user wrote can end it early
        assert_eq!(page.matches("<script").count(), 1);
        assert_eq!(page.matches("</script>").count(), 1);
        let back = draft_from_html(&page).unwrap();
        assert_eq!(back.sections[1].text, hostile);
        assert_eq!(back, r);
    }

    #[test]
    fn an_html_file_without_a_draft_is_refused() {
        assert_eq!(draft_from_html("<html></html>"), Err(DraftError::NotADraft));
        let page = render(&sample());
        let cut: String = page.chars().take(page.chars().count() - 2000).collect();
        assert!(draft_from_html(&cut).is_err());
    }
}
