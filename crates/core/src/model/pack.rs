//! Framework packs: indicator trees, weights, scoring rules, grade bands and caps, as data.
//!
//! Frameworks differ by province and year, so none of this lives in code. A pack is a JSON
//! file (format documented in `docs/packs.md`); the built-in ones are embedded from
//! `crates/core/data/packs/` and a user can load their own with [`Pack::from_json`].

use rust_decimal::Decimal;
use serde::Serialize;

use crate::base::json::members::{deserialize_members, deserialize_names};
use crate::base::number::fmt_plain;
use crate::model::rule::{Nature, Rule};
use crate::model::{Indicator, Link, Report, Section};

/// The `format` value every pack file carries.
pub const PACK_FORMAT: &str = "selfeval-pack";
/// The pack schema this build reads.
pub const PACK_SCHEMA: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pack {
    /// Always [`PACK_FORMAT`].
    pub format: String,
    /// Schema version of the file; a newer one is refused with a message.
    pub schema: u32,
    /// Stable id, referred to by drafts (`Report::pack_id`).
    pub id: String,
    /// The pack's own version ("2021.1"): a draft records the version it was scored with.
    #[serde(default)]
    pub version: String,
    /// Name shown to users.
    pub name: String,
    /// Where the framework comes from (document numbers, forms).
    pub source: String,
    /// What the pack leaves open or assumes, shown beside it.
    #[serde(default)]
    pub notes: String,
    /// Full marks of the whole table, usually 100.
    pub total: Decimal,
    /// Grade bands, from the best down: the first whose `min` the total reaches.
    pub grades: Vec<GradeBand>,
    /// Caps on the total by budget execution rate.
    #[serde(default)]
    pub caps: Vec<Cap>,
    /// 指标偏离: a completion value far above its target loses points.
    #[serde(default)]
    pub deviation: Option<Deviation>,
    /// Execution rate (%) under which a budget row needs a reason; usually 90.
    #[serde(default = "default_reason_below")]
    pub reason_below_rate: Decimal,
    #[serde(default)]
    pub limits: TextLimits,
    /// Which budget the execution rate is measured against (see [`RateBase`]).
    #[serde(default)]
    pub rate_base: RateBase,
    /// When figures are rounded (see [`Rounding`]).
    #[serde(default)]
    pub rounding: Rounding,
    /// How 定性 targets and results written as words (好, 较好, 达标…) score: each word's share
    /// of the weight. Editable in the pack.
    #[serde(default = "crate::model::rule::qualitative_ladder")]
    pub qualitative: Vec<crate::model::rule::GradeStep>,
    /// 序时进度: the share of the year's budget (%) due to be paid by the end of the first,
    /// second and third quarter. A quarter paid below it is flagged, and 支付进度率 compares
    /// against it. Without a local rule, the time elapsed: 25, 50, 75.
    #[serde(default = "default_schedule")]
    pub schedule: [Decimal; 3],
    pub indicators: Vec<IndicatorTemplate>,
    /// Standard indicators a row can be added from (三级指标, 性质, 单位, rule, 指标解释 and 评分标准),
    /// beside the pack's own table; see [`Pack::library`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub library: Vec<IndicatorTemplate>,
    /// The default narrative outline.
    pub outline: Vec<SectionTemplate>,
}

deserialize_members!(Pack {
    format: required,
    schema: required,
    id: required,
    version,
    name: required,
    source: required,
    notes,
    total: required,
    grades: required,
    caps,
    deviation,
    reason_below_rate,
    limits,
    rate_base,
    rounding,
    qualitative,
    schedule,
    indicators: required,
    library,
    outline: required
});

/// What a pack file starts from as it is read: what it may leave out takes these values, and
/// what it must give (marked `required` above) is refused when missing, so no pack is ever this
/// one.
impl Default for Pack {
    fn default() -> Pack {
        Pack {
            format: String::new(),
            schema: 0,
            id: String::new(),
            version: String::new(),
            name: String::new(),
            source: String::new(),
            notes: String::new(),
            total: Decimal::ZERO,
            grades: Vec::new(),
            caps: Vec::new(),
            deviation: None,
            reason_below_rate: default_reason_below(),
            limits: TextLimits::default(),
            rate_base: RateBase::default(),
            rounding: Rounding::default(),
            qualitative: crate::model::rule::qualitative_ladder(),
            schedule: default_schedule(),
            indicators: Vec::new(),
            library: Vec::new(),
            outline: Vec::new(),
        }
    }
}

fn default_schedule() -> [Decimal; 3] {
    [25, 50, 75].map(Decimal::from)
}

fn default_reason_below() -> Decimal {
    Decimal::from(90)
}

/// 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 otherwise (bands are half-open at their `min`).
#[derive(Debug, Default, Clone, PartialEq, Serialize)]
pub struct GradeBand {
    pub label: String,
    pub min: Decimal,
}

deserialize_members!(GradeBand {
    label: required,
    min: required
});

/// When the total execution rate is below `rate_below` (%), the total may not exceed
/// `max_total`. Where several apply, the lowest cap wins.
#[derive(Debug, Default, Clone, PartialEq, Serialize)]
pub struct Cap {
    pub rate_below: Decimal,
    pub max_total: Decimal,
}

deserialize_members!(Cap {
    rate_below: required,
    max_total: required
});

/// A quantitative indicator whose completion value exceeds its target by `over_percent` % or
/// more counts as 指标偏离 and loses `penalty` points (never below zero).
#[derive(Debug, Default, Clone, PartialEq, Serialize)]
pub struct Deviation {
    pub over_percent: Decimal,
    pub penalty: Decimal,
}

deserialize_members!(Deviation {
    over_percent: required,
    penalty: required
});

/// Character limits the framework sets; `None` means no limit.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(default)]
pub struct TextLimits {
    /// 偏差原因 / 未完成原因.
    pub reason: Option<usize>,
    /// 评价结论.
    pub conclusion: Option<usize>,
    /// 存在问题.
    pub problems: Option<usize>,
    /// 改进措施.
    pub measures: Option<usize>,
}

deserialize_members!(TextLimits {
    reason,
    conclusion,
    problems,
    measures
});

/// An indicator as the framework defines it; a draft copies these into its own table.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(default)]
pub struct IndicatorTemplate {
    pub level1: String,
    pub level2: String,
    pub level3: String,
    pub nature: Nature,
    pub unit: String,
    pub weight: Decimal,
    /// The weight is this pack author's assumption, not read in an official source.
    pub weight_assumed: bool,
    pub rule: Rule,
    pub link: Option<Link>,
    /// A default target (e.g. 100 for a rate), blank when it is the department's to set.
    pub target: String,
    pub core: bool,
    /// 评分标准 as written in the source.
    pub criterion: String,
    /// 指标解释: what the indicator measures.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub explanation: String,
}

deserialize_members!(IndicatorTemplate {
    level1,
    level2,
    level3,
    nature,
    unit,
    weight,
    weight_assumed,
    rule,
    link,
    target,
    core,
    criterion,
    explanation
});

impl IndicatorTemplate {
    /// A row of a draft's table from this template, under `id`.
    pub fn row(&self, id: &str) -> Indicator {
        // the explanation travels with the 评分标准, shown beside the row while editing
        let criterion = match (self.explanation.trim(), self.criterion.trim()) {
            ("", c) => c.to_string(),
            (e, "") => format!("指标解释：{e}"),
            (e, c) => format!("指标解释：{e}　评分标准：{c}"),
        };
        Indicator {
            id: id.to_string(),
            level1: self.level1.clone(),
            level2: self.level2.clone(),
            level3: self.level3.clone(),
            nature: self.nature,
            unit: self.unit.clone(),
            target: self.target.as_str().into(),
            weight: fmt_plain(self.weight).as_str().into(),
            rule: self.rule.clone(),
            link: self.link,
            core: self.core,
            criterion,
            ..Indicator::default()
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(default)]
pub struct SectionTemplate {
    pub level: u8,
    pub title: String,
    pub required: bool,
    pub limit: Option<usize>,
}

deserialize_members!(SectionTemplate {
    level,
    title,
    required,
    limit
});

/// The execution rate's denominator.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RateBase {
    /// 全年预算数 (the adjusted budget; the 年初 figure where it was not adjusted).
    #[default]
    Adjusted,
    /// 年初预算数.
    Initial,
}

deserialize_names!(RateBase { Adjusted = "adjusted", Initial = "initial" });

/// The one rounding convention a pack states (docs/model.md, "Rounding").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rounding {
    /// As a person with a calculator does: a rate is rounded to 0.01% before it is scored, each
    /// row's score to 0.01, and the total is the sum of the rounded rows.
    #[default]
    RateFirst,
    /// As a spreadsheet formula does: rates and scores stay exact; only what is shown is
    /// rounded, and the total is the exact sum rounded once.
    ScoreOnly,
}

deserialize_names!(Rounding { RateFirst = "rate_first", ScoreOnly = "score_only" });

/// Why a pack file was refused. `Display` is the message for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackError(pub String);

impl std::fmt::Display for PackError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for PackError {}

const BUILTIN: [&str; 4] = [
    include_str!("../../data/packs/national-2013.json"),
    include_str!("../../data/packs/self-eval-10-90.json"),
    include_str!("../../data/packs/self-eval-10-90-capped.json"),
    include_str!("../../data/packs/huangpu-2021.json"),
];

impl Pack {
    /// Read a pack file, refusing anything that is not a pack this build understands.
    pub fn from_json(text: &str) -> Result<Pack, PackError> {
        let value: serde_json::Value = serde_json::from_str(text)
            .map_err(|e| PackError(format!("指标体系文件不是有效的 JSON：{e}")))?;
        if value.get("format").and_then(|v| v.as_str()) != Some(PACK_FORMAT) {
            return Err(PackError(
                "这不是指标体系文件（缺少 format: selfeval-pack）".into(),
            ));
        }
        let schema = value.get("schema").and_then(|v| v.as_u64()).unwrap_or(0);
        if schema > PACK_SCHEMA as u64 {
            return Err(PackError(format!(
                "此指标体系文件由较新版本生成（格式版本 {schema}），当前版本只能读取版本 {PACK_SCHEMA}，请更新本工具"
            )));
        }
        let pack: Pack = crate::base::json::from_value_at(&value).map_err(|(path, e)| {
            let at = crate::base::json::path_text(&path);
            let at = if at.is_empty() {
                at
            } else {
                format!("（{at}）")
            };
            PackError(format!(
                "指标体系文件内容有误{at}：{}",
                crate::base::json::worded(&e)
            ))
        })?;
        pack.validate()?;
        Ok(pack)
    }

    /// The pack file's text: pretty JSON, the same bytes for the same pack.
    pub fn to_json(&self) -> String {
        let compact = serde_json::to_string(self).expect("a pack always serialises");
        let mut text = crate::base::json::pretty(&compact);
        text.push('\n');
        text
    }

    /// A copy to edit, under a new id: "本单位 2026 体系（副本）".
    pub fn copy_as(&self, id: &str) -> Pack {
        Pack {
            id: id.to_string(),
            name: format!("{}（副本）", self.name),
            version: if self.version.is_empty() {
                "1".into()
            } else {
                format!("{}-副本", self.version)
            },
            ..self.clone()
        }
    }

    /// Structural checks a pack must pass to be usable at all (also for a pack edited in the
    /// app or brought in as a file: its numbers stay in the parser's range).
    pub fn validate(&self) -> Result<(), PackError> {
        if self.id.trim().is_empty() {
            return Err(PackError("指标体系缺少 id".into()));
        }
        if !crate::model::well_formed_id(&self.id) {
            return Err(PackError(format!(
                "指标体系的 id“{}”只能由字母、数字、- 和 _ 组成",
                self.id
            )));
        }
        let numbers = [self.total, self.reason_below_rate]
            .into_iter()
            .chain(self.qualitative.iter().map(|g| g.coefficient))
            .chain(self.grades.iter().map(|g| g.min))
            .chain(self.caps.iter().flat_map(|c| [c.rate_below, c.max_total]))
            .chain(self.schedule)
            .chain(self.indicators.iter().map(|i| i.weight));
        if !numbers.into_iter().all(crate::base::number::in_range) {
            return Err(PackError(
                "指标体系中有数值过大（绝对值不能超过 1 万亿）".into(),
            ));
        }
        let hundred = Decimal::ONE_HUNDRED;
        if self
            .schedule
            .iter()
            .any(|p| *p <= Decimal::ZERO || *p > hundred)
            || self.schedule.windows(2).any(|w| w[0] > w[1])
        {
            return Err(PackError(
                "序时进度（schedule）须为 0 至 100 之间、逐季不减的百分数".into(),
            ));
        }
        if self.grades.is_empty() {
            return Err(PackError("指标体系缺少等级划分（grades）".into()));
        }
        if self.grades.windows(2).any(|w| w[0].min <= w[1].min) {
            return Err(PackError("等级划分须按分数线从高到低排列".into()));
        }
        let sum = self.weight_sum();
        if sum != self.total {
            return Err(PackError(format!(
                "指标体系“{}”的权重合计为 {}，与总分 {} 不符",
                self.name,
                fmt_plain(sum),
                fmt_plain(self.total)
            )));
        }
        Ok(())
    }

    pub fn weight_sum(&self) -> Decimal {
        self.indicators.iter().map(|i| i.weight).sum()
    }

    /// The packs that ship with the app (read once: the app asks for them often).
    fn shipped() -> &'static [Pack] {
        static PACKS: std::sync::OnceLock<Vec<Pack>> = std::sync::OnceLock::new();
        PACKS.get_or_init(|| {
            BUILTIN
                .iter()
                .map(|t| Pack::from_json(t).expect("built-in packs are valid (tested)"))
                .collect()
        })
    }

    /// The packs that ship with the app.
    pub fn builtin() -> Vec<Pack> {
        Pack::shipped().to_vec()
    }

    pub fn builtin_by_id(id: &str) -> Option<Pack> {
        Pack::shipped().iter().find(|p| p.id == id).cloned()
    }

    /// The indicators a row can be added from, each once by name: this pack's library and its
    /// own table, then the common 部门整体支出 indicators of 财预〔2013〕53号 (the national
    /// pack's table) and of the built-in library (`data/library.json`).
    pub fn library(&self) -> Vec<IndicatorTemplate> {
        static COMMON: std::sync::OnceLock<Vec<IndicatorTemplate>> = std::sync::OnceLock::new();
        let common = COMMON.get_or_init(|| {
            crate::base::json::from_text(include_str!("../../data/library.json"))
                .expect("the built-in library is valid (tested)")
        });
        let national = Pack::shipped().iter().find(|p| p.id == "national-2013");
        let mut out: Vec<IndicatorTemplate> = Vec::new();
        let all = self
            .library
            .iter()
            .chain(&self.indicators)
            .chain(national.into_iter().flat_map(|p| &p.indicators))
            .chain(common);
        for t in all {
            let name = t.level3.trim();
            if !name.is_empty()
                && !name.starts_with('（')
                && !out.iter().any(|o| o.level3 == t.level3)
            {
                out.push(t.clone());
            }
        }
        out
    }

    /// Library entries whose name, level or explanation contains every word of `query`.
    pub fn search_library(&self, query: &str) -> Vec<IndicatorTemplate> {
        let words: Vec<&str> = query.split_whitespace().collect();
        self.library()
            .into_iter()
            .filter(|t| {
                let hay = format!(
                    "{} {} {} {} {}",
                    t.level1, t.level2, t.level3, t.explanation, t.criterion
                );
                words.iter().all(|w| hay.contains(w))
            })
            .collect()
    }

    /// Whether `id` names a pack that ships with the app.
    pub fn is_builtin(id: &str) -> bool {
        Pack::shipped().iter().any(|p| p.id == id)
    }

    /// The grade for a total score.
    pub fn grade(&self, total: Decimal) -> &str {
        self.grades
            .iter()
            .find(|g| total >= g.min)
            .or(self.grades.last())
            .map(|g| g.label.as_str())
            .unwrap_or_default()
    }

    /// A fresh indicator table for a new draft; ids are `ind-1`, `ind-2`, ….
    pub fn indicator_rows(&self) -> Vec<Indicator> {
        self.indicators
            .iter()
            .enumerate()
            .map(|(n, t)| t.row(&format!("ind-{}", n + 1)))
            .collect()
    }

    /// `report` moved onto this pack: the indicator table rebuilt from the pack, each row
    /// keeping what the user entered on the old row it matches (same link, else same
    /// 一级/二级/三级, else same 三级 name). Sections keep their text; their limits and
    /// required flags follow the pack's outline where the titles match.
    pub fn adopt(&self, report: &Report) -> Report {
        let old = &report.indicators;
        let mut used = vec![false; old.len()];
        let mut indicators = self.indicator_rows();
        for row in &mut indicators {
            let tiers: [&dyn Fn(&Indicator) -> bool; 3] = [
                &|o| row.link.is_some() && o.link == row.link,
                &|o| (&o.level1, &o.level2, &o.level3) == (&row.level1, &row.level2, &row.level3),
                &|o| !row.level3.is_empty() && o.level3 == row.level3,
            ];
            let found = tiers
                .iter()
                .find_map(|matches| (0..old.len()).find(|&i| !used[i] && matches(&old[i])));
            let Some(i) = found else { continue };
            used[i] = true;
            let o = &old[i];
            if !o.target.is_blank() {
                row.target = o.target.clone();
            }
            row.target_adjusted = o.target_adjusted.clone();
            row.actual = o.actual.clone();
            row.manual_score = o.manual_score.clone();
            row.not_applicable = o.not_applicable;
            row.reason = o.reason.clone();
            if let Rule::Checklist { items, .. } = &row.rule {
                row.checked = o
                    .checked
                    .iter()
                    .filter(|c| items.contains(c))
                    .cloned()
                    .collect();
            }
        }
        let mut sections = report.sections.clone();
        for s in &mut sections {
            if let Some(t) = self.outline.iter().find(|t| t.title == s.title) {
                s.required = t.required;
                s.limit = t.limit;
            }
        }
        Report {
            pack_id: self.id.clone(),
            pack_version: self.version.clone(),
            indicators,
            sections,
            ..report.clone()
        }
    }

    /// A fresh, empty outline for a new draft; ids are `sec-1`, `sec-2`, ….
    pub fn outline_sections(&self) -> Vec<Section> {
        self.outline
            .iter()
            .enumerate()
            .map(|(n, t)| Section {
                id: format!("sec-{}", n + 1),
                level: t.level,
                title: t.title.clone(),
                required: t.required,
                limit: t.limit,
                ..Section::default()
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_packs_load_and_sum_to_their_total() {
        let packs = Pack::builtin();
        let ids: Vec<&str> = packs.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "national-2013",
                "self-eval-10-90",
                "self-eval-10-90-capped",
                "huangpu-2021"
            ]
        );
        // a generic framework carries only what its sources share: one province's caps and
        // deviation penalty live in a pack named for them
        let generic = &packs[1];
        assert!(generic.caps.is_empty() && generic.deviation.is_none());
        assert!(!packs[2].caps.is_empty() && packs[2].deviation.is_some());
        assert!(packs[2].source.contains("某省"));
        for p in &packs {
            assert_eq!(p.weight_sum(), p.total, "{}", p.id);
            assert!(!p.source.is_empty() && !p.outline.is_empty(), "{}", p.id);
            // the national 2013 framework gives no weights: every one is marked as assumed
            if p.id == "national-2013" {
                assert!(p.indicators.iter().all(|i| i.weight_assumed));
            }
            // a pack survives its own serialisation
            assert_eq!(&Pack::from_json(&p.to_json()).unwrap(), p);
        }
    }

    #[test]
    fn grade_bands_are_half_open() {
        let p = Pack::builtin_by_id("self-eval-10-90").unwrap();
        let g = |s: &str| p.grade(s.parse().unwrap()).to_string();
        assert_eq!(g("100"), "优");
        assert_eq!(g("90"), "优");
        assert_eq!(g("89.99"), "良");
        assert_eq!(g("80"), "良");
        assert_eq!(g("79.99"), "中");
        assert_eq!(g("60"), "中");
        assert_eq!(g("59.99"), "差");
        assert_eq!(g("0"), "差");
    }

    #[test]
    fn bad_pack_files_are_refused_with_a_reason() {
        let err = |t: &str| Pack::from_json(t).unwrap_err().to_string();
        assert!(err("{").contains("不是有效的 JSON"));
        assert!(err(r#"{"format":"excalidraw"}"#).contains("不是指标体系文件"));
        assert!(err(r#"{"format":"selfeval-pack","schema":9}"#).contains("较新版本"));
        let missing = err(r#"{"format":"selfeval-pack","schema":1,"id":"x"}"#);
        // a member missing from the file itself: no empty place named, and said in Chinese
        assert!(missing.ends_with("内容有误：缺少“name”"), "{missing}");
        // one inside: its place, as a programmer reads it
        let mut v: serde_json::Value =
            serde_json::from_str(&Pack::builtin_by_id("national-2013").unwrap().to_json()).unwrap();
        v["indicators"][2]["weight"] = serde_json::json!(["10"]);
        let wrong = err(&v.to_string());
        assert!(
            wrong.ends_with(
                "内容有误（indicators[2].weight）：应为数字（写在引号中，如 \"12.5\"），而不是列表"
            ),
            "{wrong}"
        );
        let mut p = Pack::builtin_by_id("national-2013").unwrap();
        p.indicators[0].weight += Decimal::ONE;
        assert!(err(&p.to_json()).contains("权重合计为 101"));
    }

    #[test]
    fn adopting_another_pack_keeps_what_matches() {
        let sample = crate::sample();
        let national = Pack::builtin_by_id("national-2013").unwrap();
        let moved = national.adopt(&sample);
        assert_eq!(moved.pack_id, "national-2013");
        assert_eq!(moved.indicators.len(), national.indicators.len());
        assert_eq!(moved.sections, sample.sections);
        // the execution-rate row matches by link, 社会效益 by name; the rest start empty
        let filled: Vec<&str> = moved
            .indicators
            .iter()
            .filter(|i| !i.actual.is_blank() || i.link.is_some())
            .map(|i| i.level3.as_str())
            .collect();
        assert_eq!(
            filled,
            [
                "在职人员控制率",
                "预算完成率",
                "预算调整率",
                "支付进度率",
                "结转结余率",
                "“三公经费”控制率",
                "社会效益"
            ]
        );
        // and back: the huangpu pack rebuilt from the sample is the sample's own table
        let huangpu = Pack::builtin_by_id("huangpu-2021").unwrap();
        assert_eq!(huangpu.adopt(&sample), sample);
    }

    #[test]
    fn a_pack_instantiates_a_table_and_an_outline() {
        let p = Pack::builtin_by_id("self-eval-10-90").unwrap();
        let rows = p.indicator_rows();
        assert_eq!(rows.len(), p.indicators.len());
        assert_eq!(rows[0].id, "ind-1");
        assert_eq!(rows[0].link, Some(Link::ExecutionRate));
        let secs = p.outline_sections();
        assert_eq!(secs[0].id, "sec-1");
        assert!(secs.iter().any(|s| s.required));
    }
}
