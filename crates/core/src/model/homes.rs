//! Where each part of the form prints: the outline section that is its home, found by the
//! section's title as the frameworks and real reports name them (部门职能, 重点工作任务, 绩效目标,
//! 评价结论, 存在问题, 改进措施). A section whose own text is blank prints its form part; one
//! with text of its own prints that. A part with no home prints after the 自评表.

use super::{Report, Section};

/// A part of the form an outline section can be the home of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Home {
    /// 部门职能 (and the staff figures, where the title speaks of 人员 too).
    Functions {
        staff: bool,
    },
    /// 机构设置及人员情况: the staff figures.
    Staff,
    Tasks,
    Goals,
    Conclusion,
    Problems,
    Measures,
    /// 存在的主要问题和下一步改进措施: both, pair by pair.
    ProblemsAndMeasures,
}

impl Section {
    /// The form part this section is the home of, by its title.
    pub fn home(&self) -> Option<Home> {
        let t = self.title.as_str();
        let has = |words: &[&str]| words.iter().any(|w| t.contains(w));
        let problems = has(&["存在问题", "存在的问题", "主要问题", "问题及原因"]);
        let measures = has(&["改进措施", "整改措施", "改进建议", "意见建议"]);
        let staff = has(&["人员"]);
        Some(match () {
            _ if problems && measures => Home::ProblemsAndMeasures,
            _ if problems => Home::Problems,
            _ if measures => Home::Measures,
            _ if has(&["评价结论", "自评结论", "总体评价"]) => Home::Conclusion,
            _ if has(&["重点工作任务", "主要工作任务"]) => Home::Tasks,
            _ if has(&["绩效目标"]) && !has(&["完成", "实现"]) => Home::Goals,
            _ if has(&["职能"]) => Home::Functions { staff },
            _ if staff && has(&["机构"]) => Home::Staff,
            _ => return None,
        })
    }
}

impl Report {
    /// Whether the form holds anything for `home` to print.
    pub fn has(&self, home: Home) -> bool {
        let filled = |s: &str| !s.trim().is_empty();
        match home {
            Home::Functions { staff } => {
                filled(&self.unit.functions) || (staff && self.has(Home::Staff))
            }
            Home::Staff => {
                !self.unit.staff_authorized.is_blank() || !self.unit.staff_actual.is_blank()
            }
            Home::Tasks => self
                .tasks
                .iter()
                .any(|t| filled(&t.title) || filled(&t.detail)),
            Home::Goals => self.goals.iter().any(|g| {
                [&g.initial, &g.adjusted, &g.actual, &g.reason]
                    .iter()
                    .any(|s| filled(s))
            }),
            Home::Conclusion => filled(&self.conclusion),
            Home::Problems => self.problems.iter().any(|p| filled(&p.problem)),
            Home::Measures => self.problems.iter().any(|p| filled(&p.measure)),
            Home::ProblemsAndMeasures => self.has(Home::Problems) || self.has(Home::Measures),
        }
    }

    /// Whether some section of the outline is the home of `home` (or, for 存在问题 and 改进措施,
    /// of both together).
    pub fn has_home(&self, home: Home) -> bool {
        self.sections.iter().filter_map(Section::home).any(|h| {
            h == home
                || (h == Home::ProblemsAndMeasures
                    && matches!(home, Home::Problems | Home::Measures))
                || (matches!(h, Home::Functions { staff: true }) && home == Home::Staff)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn home(title: &str) -> Option<Home> {
        Section {
            title: title.into(),
            ..Section::default()
        }
        .home()
    }

    #[test]
    fn the_frameworks_and_real_reports_name_the_homes_so() {
        assert_eq!(home("部门职能"), Some(Home::Functions { staff: false }));
        assert_eq!(
            home("部门职能及机构人员情况"),
            Some(Home::Functions { staff: true })
        );
        assert_eq!(home("机构设置及人员情况"), Some(Home::Staff));
        assert_eq!(home("部门年度重点工作任务"), Some(Home::Tasks));
        assert_eq!(home("部门整体支出绩效目标"), Some(Home::Goals));
        assert_eq!(home("绩效目标完成情况"), None);
        assert_eq!(home("评价结论"), Some(Home::Conclusion));
        assert_eq!(home("存在的问题及原因"), Some(Home::Problems));
        assert_eq!(home("下一步改进措施"), Some(Home::Measures));
        assert_eq!(
            home("存在的主要问题和下一步改进措施"),
            Some(Home::ProblemsAndMeasures)
        );
        for none in [
            "基本情况",
            "部门整体支出情况",
            "履职效能分析",
            "绩效自评结果应用",
        ] {
            assert_eq!(home(none), None, "{none}");
        }
    }
}
