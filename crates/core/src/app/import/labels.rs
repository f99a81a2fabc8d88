//! The unit's particulars as reports and 自评表 label them: "部门(单位)名称：…" on a cover,
//! "联系人 | 张三" in a form table, "核定编制32人" in a sentence, and the title that names the
//! unit and the year.

use crate::model::Report;

/// A particular of the unit, and where it goes in the draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Particular {
    Name,
    Supervisor,
    BudgetCode,
    Contact,
    Phone,
    StaffAuthorized,
    StaffActual,
    Functions,
    Head,
    FinanceHead,
    Preparer,
    Date,
}

/// Labels as real forms write them, longest first where one contains another.
const LABELS: [(&str, Particular); 30] = {
    use Particular as P;
    [
        ("部门（单位）名称", P::Name),
        ("部门(单位)名称", P::Name),
        ("单位名称", P::Name),
        ("部门名称", P::Name),
        ("实施单位", P::Name),
        ("预算单位", P::Name),
        ("主管部门", P::Supervisor),
        ("预算编码", P::BudgetCode),
        ("单位编码", P::BudgetCode),
        ("单位代码", P::BudgetCode),
        ("联系人", P::Contact),
        ("联系电话", P::Phone),
        ("联络电话", P::Phone),
        ("电话", P::Phone),
        ("人员编制数", P::StaffAuthorized),
        ("人员编制", P::StaffAuthorized),
        ("编制人数", P::StaffAuthorized),
        ("编制数", P::StaffAuthorized),
        ("实有人数", P::StaffActual),
        ("在职人数", P::StaffActual),
        ("职能职责概述", P::Functions),
        ("主要职能", P::Functions),
        ("部门职能", P::Functions),
        ("单位负责人", P::Head),
        ("部门负责人", P::Head),
        ("财务负责人", P::FinanceHead),
        ("填报人", P::Preparer),
        ("报告日期", P::Date),
        ("填报日期", P::Date),
        ("日期", P::Date),
    ]
};

fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .collect()
}

/// The particular a cell's text is the label of ("联 系 人：" → Contact).
pub fn label_of(cell: &str) -> Option<Particular> {
    let t = squeeze(cell);
    let t = t.trim_end_matches([':', '：', '*', '＊']);
    LABELS.iter().find(|(l, _)| *l == t).map(|(_, p)| *p)
}

/// "联系人：张三  联系电话：020-1234" → each label's value. A label counts only with its colon.
pub fn pairs_in(text: &str) -> Vec<(Particular, String)> {
    let t = text.replace('\u{3000}', " ");
    // every label followed by a colon, by position
    let mut at: Vec<(usize, usize, Particular)> = Vec::new();
    for (label, p) in LABELS {
        for (i, _) in t.match_indices(label) {
            let rest = &t[i + label.len()..];
            let after = rest.trim_start();
            if (after.starts_with(':') || after.starts_with('：'))
                && !at.iter().any(|(s, e, _)| i >= *s && i < *e)
            {
                let colon =
                    rest.len() - after.len() + after.chars().next().map_or(0, char::len_utf8);
                at.push((i, i + label.len() + colon, p));
            }
        }
    }
    crate::base::sort::sort_by_key(&mut at, |(s, _, _)| *s);
    let mut out = Vec::new();
    for (n, (_, end, p)) in at.iter().enumerate() {
        let stop = at.get(n + 1).map_or(t.len(), |(s, _, _)| *s);
        let v = t[*end..stop]
            .trim()
            .trim_end_matches(['，', ',', '；', ';'])
            .trim();
        if !v.is_empty() && !v.chars().all(|c| "_＿—-".contains(c)) {
            out.push((*p, v.to_string()));
        }
    }
    out
}

/// Whether a line starts with a label and its colon ("单位负责人：…"): a form line, not prose.
pub fn starts_with_label(text: &str) -> bool {
    let t = squeeze(text);
    LABELS.iter().any(|(l, _)| {
        t.strip_prefix(l)
            .is_some_and(|rest| rest.starts_with(':') || rest.starts_with('：'))
    })
}

/// Put `value` in the draft where `p` goes, unless something is already there. Whether it was
/// taken.
pub fn fill(report: &mut Report, p: Particular, value: &str) -> bool {
    let v = value.trim();
    let slot: &mut String = match p {
        Particular::Name => &mut report.unit.name,
        Particular::Supervisor => &mut report.unit.supervisor,
        Particular::BudgetCode => &mut report.unit.budget_code,
        Particular::Contact => &mut report.unit.contact,
        Particular::Phone => &mut report.unit.phone,
        Particular::StaffAuthorized => &mut report.unit.staff_authorized.0,
        Particular::StaffActual => &mut report.unit.staff_actual.0,
        Particular::Functions => &mut report.unit.functions,
        Particular::Head => &mut report.signoff.head,
        Particular::FinanceHead => &mut report.signoff.finance_head,
        Particular::Preparer => &mut report.signoff.preparer,
        Particular::Date => &mut report.signoff.date,
    };
    if v.is_empty() || !slot.trim().is_empty() {
        return false;
    }
    *slot = match p {
        // "32人" is read as 32 in a 人 field; keep the number only
        Particular::StaffAuthorized | Particular::StaffActual => {
            first_number(v).unwrap_or_else(|| v.to_string())
        }
        _ => v.to_string(),
    };
    true
}

/// The first run of digits (with a decimal point) in `s`.
fn first_number(s: &str) -> Option<String> {
    let start = s.find(|c: char| c.is_ascii_digit())?;
    let n: String = s[start..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    Some(n.trim_end_matches('.').to_string())
}

/// 编制数 and 实有人数 in a sentence: "核定编制32人，年末实有在职人员30人".
pub fn staff_in(text: &str) -> Vec<(Particular, String)> {
    const AUTHORIZED: [&str; 5] = ["核定编制", "行政编制", "人员编制", "编制数", "编制"];
    const ACTUAL: [&str; 5] = ["实有在职人员", "实有人员", "实有人数", "在职人员", "实有"];
    let mut out = Vec::new();
    for (words, p) in [
        (&AUTHORIZED, Particular::StaffAuthorized),
        (&ACTUAL, Particular::StaffActual),
    ] {
        'word: for w in words.iter() {
            for (i, _) in text.match_indices(w) {
                // the number must follow closely ("编制32人", "编制数为32名")
                let rest: String = text[i + w.len()..].chars().take(6).collect();
                let Some(n) = first_number(&rest) else {
                    continue;
                };
                let after = rest.split_once(n.as_str()).map_or("", |(_, a)| a);
                if after.starts_with('人') || after.starts_with('名') {
                    out.push((p, n));
                    break 'word;
                }
            }
        }
    }
    out
}

/// The unit and year a report's title names: "某某市某某局2023年度部门整体支出绩效自评报告".
pub fn title_parts(title: &str) -> (Option<String>, Option<u16>) {
    let t = squeeze(title);
    let chars: Vec<char> = t.chars().collect();
    for i in 0..chars.len().saturating_sub(4) {
        let digits: String = chars[i..i + 4].iter().collect();
        if digits.chars().all(|c| c.is_ascii_digit()) && chars.get(i + 4) == Some(&'年') {
            let year: u16 = digits
                .parse()
                .ok()
                .filter(|y| (1990..=2100).contains(y))
                .unwrap_or(0);
            if year == 0 {
                continue;
            }
            let unit: String = chars[..i].iter().collect();
            let unit = unit
                .trim_start_matches("关于")
                .trim_end_matches(['（', '(', '《'])
                .to_string();
            return ((!unit.is_empty()).then_some(unit), Some(year));
        }
    }
    (None, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_as_covers_and_forms_write_them() {
        assert_eq!(label_of("联 系 人："), Some(Particular::Contact));
        assert_eq!(label_of("部门（单位）名称"), Some(Particular::Name));
        assert_eq!(label_of("张三"), None);
        assert_eq!(
            pairs_in("联系人：张三    联系电话：020-8888 8888"),
            vec![
                (Particular::Contact, "张三".to_string()),
                (Particular::Phone, "020-8888 8888".to_string())
            ]
        );
        assert_eq!(
            pairs_in("部门(单位)名称: 某某区财政局"),
            vec![(Particular::Name, "某某区财政局".to_string())]
        );
        assert!(
            pairs_in("联系人员的工作").is_empty(),
            "a label needs its colon"
        );
    }

    #[test]
    fn staff_in_a_sentence_and_the_title() {
        assert_eq!(
            staff_in("本单位核定编制32人，年末实有在职人员30人。"),
            vec![
                (Particular::StaffAuthorized, "32".to_string()),
                (Particular::StaffActual, "30".to_string())
            ]
        );
        assert!(staff_in("编制2023年预算").is_empty());
        assert_eq!(
            title_parts("某某市某某局2023年度部门整体支出绩效自评报告"),
            (Some("某某市某某局".to_string()), Some(2023))
        );
        assert_eq!(
            title_parts(
                "广州市黄埔区人民代表大会常务委员 会办公室 2021 年部门整体支出 绩效自评报告"
            ),
            (
                Some("广州市黄埔区人民代表大会常务委员会办公室".to_string()),
                Some(2021)
            )
        );
    }
}
